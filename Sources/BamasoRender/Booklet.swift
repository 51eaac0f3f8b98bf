import BamasoLoad
import BamasoMarkdown
import Foundation

/// One language's school booklet: every school material in one printable page, in the
/// section's order, for clubs that print. It reads the site through its renderer, whose log
/// records what the booklet depends on.
struct Booklet {
    let renderer: Renderer
    let language: Language

    /// The booklet's page; nil when the language has no school materials.
    var file: OutputFile? {
        guard let path = renderer.feeds(language).booklet else { return nil }
        let html = renderer.templates.render(values(at: path), with: "layouts.booklet")
        return OutputFile(path: path + "index.html", contents: .text(html))
    }

    /// The values of `layouts.booklet`: the section page's, retitled, with the chapters.
    func values(at path: String) -> TemplateValues {
        let (section, chapters) = renderer.bookletPages(language)
        let config = renderer.config
        let urls = renderer.urls
        let feeds = renderer.feeds
        var context = section.map { renderer.context(for: $0, at: path, listsChildren: false) } ?? [:]
        let t = renderer.strings(language)
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
        context["print_code"] = renderer.printCode(for: path, in: language)
        context["section"] = section.map {
            ["title": $0.page.frontMatter.title, "url": urls.link($0.path, from: path)] as TemplateValues
        }
        context["alternates"] = config.languages.compactMap { other -> TemplateValues? in
            feeds(other).booklet.map { ["lang": other.tag, "url": urls.reference($0, from: path)] }
        }
        context["languages"] = config.languages.map { other -> TemplateValues in
            let booklet = feeds(other).booklet
            let target = booklet ?? renderer.sectionPath("schools", in: other)
            return [
                "lang": other.tag, "name": config.name(of: other), "current": other == language,
                "url": urls.link(target, from: path),
                "missing": booklet == nil,
            ]
        }
        context["chapters"] = chapters.map { material -> TemplateValues in
            let slug = material.page.slug ?? "material"
            var chapter = renderer.context(
                for: material, at: path, headings: HeadingStyle(levelOffset: 1, idPrefix: slug + "-"))
            chapter["id"] = slug
            return chapter
        }
        return context
    }
}

extension Renderer {
    /// The booklet of `language`, when it has school materials.
    public func booklet(_ language: Language) -> OutputFile? { Booklet(renderer: self, language: language).file }
}
