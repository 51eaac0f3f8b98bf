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
        // A language has a booklet only when it has a schools section page (`FeedPlan`).
        guard let section else { return [:] }
        let config = renderer.config
        let urls = renderer.urls
        let feeds = renderer.feeds
        let t = renderer.strings(language)
        var page = renderer.pageValues(for: section, at: path, listsChildren: false)
        page.kind = "booklet"
        page.title = t["booklet_title"]
        page.headTitle = "\(page.title) · \(config.title[language] ?? "")"
        page.description = t["booklet_description"]
        page.canonical = urls.reference(path, from: path)
        page.url = urls.link(path, from: path)
        page.content = nil
        page.og = nil
        page.printCode = renderer.printCode(for: path, in: language)
        page.section = ["title": section.page.frontMatter.title, "url": urls.link(section.path, from: path)]
        page.alternates = config.languages.compactMap { other -> TemplateValues? in
            feeds(other).booklet.map { ["lang": other.tag, "url": urls.reference($0, from: path)] }
        }
        page.languages = config.languages.map { other -> TemplateValues in
            let booklet = feeds(other).booklet
            let target = booklet ?? renderer.sectionPath("schools", in: other)
            return [
                "lang": other.tag, "name": config.name(of: other), "current": other == language,
                "url": urls.link(target, from: path),
                "missing": booklet == nil,
            ]
        }
        var values = page.values
        values["chapters"] = chapters.map { material -> TemplateValues in
            let slug = material.page.slug ?? "material"
            var chapter = renderer.context(
                for: material, at: path, headings: HeadingStyle(levelOffset: 1, idPrefix: slug + "-"))
            chapter["id"] = slug
            return chapter
        }
        return values
    }
}

extension Renderer {
    /// The booklet of `language`, when it has school materials.
    public func booklet(_ language: Language) -> OutputFile? { Booklet(renderer: self, language: language).file }
}
