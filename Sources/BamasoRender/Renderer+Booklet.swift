import BamasoLoad
import BamasoMarkdown
import BamasoParse
import BamasoResolve
import Foundation

/// Pages the build makes itself: the school booklet and the bilingual 404 page.
extension Renderer {
    /// The booklet of `language`, when it has school materials.
    public func booklet(_ language: Language) -> OutputFile? {
        guard let path = feeds(language).booklet else { return nil }
        let html = templates.render(bookletContext(language, path: path), with: "layouts.booklet")
        return OutputFile(path: path + "index.html", contents: .text(html))
    }

    /// Every school material of one language in one printable page, in the section's order.
    func bookletContext(_ language: Language, path: String) -> TemplateValues {
        let (section, chapters) = bookletPages(language)
        var context = section.map { self.context(for: $0, at: path, listsChildren: false) } ?? [:]
        let t = strings(language)
        let title = t["booklet_title"]
        let siteTitle = config.title[language] ?? ""
        context["kind"] = "booklet"
        context["title"] = title
        context["head_title"] = "\(title) · \(siteTitle)"
        context["description"] = t["booklet_description"]
        context["canonical"] = urls.reference(path, from: path)
        context["url"] = urls.link(path, from: path)
        context["content"] = nil
        context["og"] = nil
        context["print_code"] = printCode(for: path, in: language)
        context["section"] = section.map {
            ["title": $0.page.frontMatter.title, "url": urls.link($0.path, from: path)] as TemplateValues
        }
        context["alternates"] = config.languages.compactMap { other -> TemplateValues? in
            feeds(other).booklet.map { ["lang": other.tag, "url": urls.reference($0, from: path)] }
        }
        context["languages"] = config.languages.map { other -> TemplateValues in
            let booklet = feeds(other).booklet
            let target = booklet ?? sectionPath("schools", in: other)
            return [
                "lang": other.tag, "name": config.name(of: other), "current": other == language,
                "url": urls.link(target, from: path),
                "missing": booklet == nil,
            ]
        }
        context["chapters"] = chapters.map { material -> TemplateValues in
            let slug = material.page.slug ?? "material"
            var chapter = self.context(
                for: material, at: path, headings: HeadingStyle(levelOffset: 1, idPrefix: slug + "-"))
            chapter["id"] = slug
            return chapter
        }
        return context
    }

    /// Served for any address that does not exist, so it says everything in every language
    /// and links with root-based addresses.
    func notFoundContext() -> TemplateValues {
        let first = config.defaultLanguage
        var context: TemplateValues = [
            "lang": first.tag,
            "rtl": config.settings(of: first).direction == .rtl,
            "t": strings(first),
            "site_title": config.title[first] ?? "",
            "stylesheet": urls.link(stylesheet, from: ""),
            "entries": config.languages.map { language -> TemplateValues in
                var entry: TemplateValues = [
                    "lang": language.tag, "t": strings(language),
                    "url": urls.link("\(language.code)/", from: ""),
                ]
                if config.sections.contains("contact") {
                    entry["help_url"] = urls.link(sectionPath("contact", in: language), from: "")
                }
                return entry
            },
        ]
        context["quick_exit"] = quickExit(language: first, from: "")
        return context
    }
}
