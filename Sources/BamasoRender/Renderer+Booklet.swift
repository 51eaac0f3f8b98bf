import BamasoLoad
import BamasoMarkdown
import BamasoParse
import BamasoResolve
import Foundation

/// Pages the build makes itself: the school booklet and the bilingual 404 page.
extension Renderer {
    /// Every school material of one language in one printable page, in the section's order.
    func bookletContext(_ language: Language) -> TemplateValues {
        let path = feeds.bookletPath(language) ?? ""
        let section = site.pages.first { $0.page.kind == .section && $0.page.section == "schools" && $0.page.language == language }
        var context = section.map { self.context(for: $0, at: path, listsChildren: false) } ?? [:]
        let t = strings[language]!
        let title = t["booklet_title"]
        let siteTitle = site.site.title[language] ?? ""
        context["kind"] = "booklet"
        context["title"] = title
        context["head_title"] = "\(title) · \(siteTitle)"
        context["description"] = t["booklet_description"]
        context["canonical"] = urls.reference(path, from: path)
        context["url"] = urls.link(path, from: path)
        context["content"] = nil
        context["og"] = nil
        context["section"] = section.map { ["title": $0.page.frontMatter.title, "url": urls.link($0.path, from: path)] as TemplateValues }
        context["alternates"] = site.site.languages.compactMap { other -> TemplateValues? in
            feeds.bookletPath(other).map { ["lang": other.tag, "url": urls.reference($0, from: path)] }
        }
        context["languages"] = site.site.languages.map { other -> TemplateValues in
            let target = feeds.bookletPath(other) ?? "\(other.rawValue)/schools/"
            return ["lang": other.tag, "name": other.nativeName, "current": other == language, "url": urls.link(target, from: path),
                    "missing": feeds.bookletPath(other) == nil]
        }
        context["chapters"] = (feeds.schoolMaterials[language] ?? []).map { material -> TemplateValues in
            let slug = material.page.slug ?? "material"
            var chapter = self.context(for: material, at: path, headings: HeadingStyle(levelOffset: 1, idPrefix: slug + "-"))
            chapter["id"] = slug
            return chapter
        }
        return context
    }

    /// Served for any address that does not exist, so it says everything in both languages
    /// and links with root-based addresses.
    func notFoundContext() -> TemplateValues {
        let first = site.site.defaultLanguage
        var context: TemplateValues = [
            "lang": first.tag,
            "t": strings[first]!,
            "site_title": site.site.title[first] ?? "",
            "stylesheet": urls.link(assets.stylesheet, from: ""),
            "entries": site.site.languages.map { language -> TemplateValues in
                var entry: TemplateValues = ["lang": language.tag, "t": strings[language]!,
                                            "url": urls.link("\(language.rawValue)/", from: "")]
                if site.site.sections.contains("contact") {
                    entry["help_url"] = urls.link("\(language.rawValue)/contact/", from: "")
                }
                return entry
            },
        ]
        context["quick_exit"] = quickExit(language: first, from: "")
        return context
    }
}
