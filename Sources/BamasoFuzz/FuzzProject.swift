import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoParse
import BamasoRender
import BamasoResolve
import Foundation

/// A tiny bilingual project, loaded once, into which each fuzz input is dropped as one more
/// file, and the whole page pipeline after loading (parse, resolve, render) run over it.
///
/// An input is one byte that chooses the file (a page of each kind, a section or home page,
/// `contacts.yml`, or a badly named file) and how to build (full site address or not, drafts
/// or not), then the file's bytes: front matter and Markdown, as an editor would write them.
struct FuzzProject {
    /// The places an input can take. A page here replaces the fixed page at the same path.
    static let places = [
        "content/_index.rw.md", "content/_index.en.md", "content/risks/_index.en.md",
        "content/risks/fuzz.rw.md", "content/risks/fuzz.en.md", "content/schools/fuzz.en.md",
        "content/schools/fuzz.rw.md", "content/radio/fuzz.en.md", "content/contact/fuzz.en.md",
        "content/about/fuzz.rw.md", "content/about/_index.en.md", "content/contacts.yml",
        "content/risks/Fuzz Page.en.md", "content/blog/fuzz.en.md",
    ]

    let project: LoadedProject
    let fixedPages: [Page]

    /// Writes the fixed project into a temporary folder with a copy of the repository's
    /// theme, and loads and parses it once.
    init(repository: URL) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-fuzz-project-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        for (path, text) in Self.fixedFiles {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        // An MP3 file of a few frames, for the audio component and the podcast.
        var mp3 = Data()
        for _ in 0..<8 { mp3 += Data([0xFF, 0xFB, 0x90, 0x64]) + Data(repeating: 0, count: 413) }
        try mp3.write(to: root.appendingPathComponent("content/media/talk-show-1.mp3"))
        try FileManager.default.copyItem(
            at: repository.appendingPathComponent("templates"),
            to: root.appendingPathComponent("templates"))
        var diagnostics: [Diagnostic] = []
        guard let project = ProjectLoader.load(root: root, into: &diagnostics) else {
            throw FuzzSetupError(diagnostics: diagnostics)
        }
        let parsed = PageParser.parse(project, into: &diagnostics)
        guard !diagnostics.hasErrors else { throw FuzzSetupError(diagnostics: diagnostics) }
        self.project = project
        self.fixedPages = parsed.pages
    }

    /// Runs one input through parse, resolve and render, and returns what is wrong with the
    /// output (escaping, script, unreadable feeds); diagnostics are expected and ignored.
    func run(_ input: [UInt8]) -> [String] {
        run(input, report: nil)
    }

    /// Like `run(_:)`; `report` is told the input's diagnostics and the files rendered, for
    /// `BamasoFuzz --verbose FILE`.
    func run(_ input: [UInt8], report: ((_ diagnostics: [Diagnostic], _ files: [String]) -> Void)?) -> [String] {
        guard let choice = input.first else { return [] }
        let path = Self.places[Int(choice) % Self.places.count]
        let options = Int(choice) / Self.places.count
        var diagnostics: [Diagnostic] = []
        guard let file = SourceFile.decode(Data(input.dropFirst()), path: path, into: &diagnostics) else { return [] }

        var project = self.project
        var pages = fixedPages
        if path == "content/contacts.yml" {
            project.contacts = Contact.completed(
                Contact.parse(file, into: &diagnostics), for: project.site, into: &diagnostics)
        } else if let page = PageParser.parse(
            file, sections: project.site.sections, languages: project.site.languages, into: &diagnostics)
        {
            if let problem = Self.checkPreparedHTML(of: page) { return [problem] }
            pages.removeAll { $0.path == page.path }
            pages.append(page)
            pages.sort { $0.path < $1.path }
        }
        let parsed = ParsedSite(project: project, pages: pages)
        let resolved = Resolver.resolve(parsed, options: .init(includeDrafts: options & 1 == 1), into: &diagnostics)
        let baseURL = options & 2 == 2 ? "/bamaso/" : "https://example.org/bamaso/"
        guard let rendered = Renderer.render(resolved, options: .init(baseURL: baseURL), into: &diagnostics) else {
            return ["the theme did not load: \(diagnostics.map(\.description))"]
        }
        report?(diagnostics.sortedForReport(), rendered.files.map(\.path))
        return OutputCheck.problems(in: rendered)
    }

    /// The body's HTML filled in from what the scan prepared must be what cmark's tree gives,
    /// and so must each callout's, with links rewritten to addresses that need escaping, notes
    /// after them, headings moved down a level and components of each ending.
    static func checkPreparedHTML(of page: Page) -> String? {
        func render(_ document: MarkdownDocument, fromTree: Bool) -> String {
            let style = HeadingStyle(levelOffset: 1, idPrefix: "b-")
            let link = { (index: Int) -> LinkRewrite? in
                let url = "/\(index)/\"'&<> ü/\(document.links[index].destination)"
                return index % 3 == 2 ? nil : LinkRewrite(url: url, htmlAfter: index % 2 == 1 ? " <i>(en)</i>" : nil)
            }
            let component = { (index: Int) -> String in
                let component = document.components[index]
                return ["", "<div>\(component.name)</div>", "<div>\(component.line)</div>\n"][component.line % 3]
            }
            return fromTree
                ? Markdown.renderTree(document, headings: style, link: link, component: component)
                : Markdown.render(document, headings: style, link: link, component: component)
        }
        for document in [page.markdown] + page.markdown.components.compactMap(\.document) {
            let filled = render(document, fromTree: false)
            let tree = render(document, fromTree: true)
            if filled != tree {
                return "the prepared HTML of \(page.path) differs from the tree's:\n\(filled)\n---\n\(tree)"
            }
        }
        return nil
    }

    static let fixedFiles: [String: String] = {
        var files = [
            "content/site.yml": """
            title: { rw: "Ba Maso", en: "Ba Maso: Be Alert" }
            description: { rw: "Ba maso.", en: "Be alert." }
            languages: [rw, en]
            sections: [risks, schools, radio, about, contact]
            base_url: "https://example.org/bamaso/"
            help:
              contact: iom-rwanda
            quick_exit: { rw: "https://example.com/rw", en: "https://example.com/en" }

            """,
            "content/contacts.yml": """
            iom-rwanda:
              name: { rw: "IOM Rwanda", en: "IOM Rwanda" }
              address: { rw: "KG 632 St, Kigali", en: "KG 632 St, Kigali" }
              phones: ["+250 252 586 710"]
              emails: ["iomrwanda@iom.int"]
              social:
                - { network: "Twitter", handle: "@IOMRwanda", url: "https://twitter.com/IOMRwanda" }
              source: "IOM Rwanda programme report"
              as_of: "2012-11"

            """,
            "content/media/leaflet.pdf": "%PDF-1.4\n",
            "content/media/photo.jpg": "JPEG\n",
        ]
        for language in ["rw", "en"] {
            files["content/_index.\(language).md"] = "---\ntitle: Home\n---\nSee [risks](@/risks).\n"
            for section in ["risks", "schools", "radio", "about", "contact"] {
                files["content/\(section)/_index.\(language).md"] = "---\ntitle: \(section)\n---\nAbout \(section).\n"
            }
        }
        // One page of each kind, in English only: enough for links, listings, the booklet and
        // the podcast, and each page fewer to render makes the fuzzer faster.
        for language in ["en"] {
            files["content/risks/fake-job-offers.\(language).md"] =
                "---\ntitle: Fake job offers\nkey_message: Check.\ndate: 2012-06-01\n---\nText.\n\n## Warning signs\n"
            files["content/schools/debate-club.\(language).md"] =
                "---\ntitle: Debate club\naudience: Students\nduration: 1 hour\nobjectives: [Debate]\n---\n## Steps\n"
            files["content/radio/talk-show-1.\(language).md"] = """
                ---
                title: Talk show
                station: Radio Dix
                duration_minutes: 45
                guests: [Police]
                date: 2012-06-01
                audio: media/talk-show-1.mp3
                ---
                A talk show.

                """
            files["content/contact/iom-rwanda.\(language).md"] =
                "---\ntitle: IOM Rwanda\norganisation: iom-rwanda\n---\n```contact iom-rwanda\n```\n"
        }
        return files
    }()
}

struct FuzzSetupError: Error, CustomStringConvertible {
    var diagnostics: [Diagnostic]
    var description: String {
        "the fuzz project does not build: " + diagnostics.map(\.description).joined(separator: "\n")
    }
}
