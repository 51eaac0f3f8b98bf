import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoParse
import BamasoResolve
import BamasoSupport
import BamasoTestSupport
import Foundation
import Testing

/// A tiny site in memory: the home page and the `risks` section in both languages, plus
/// whatever a test adds or removes.
struct SiteFixture {
    static let listings = [
        "content/_index.rw.md": "---\ntitle: Ahabanza\n---\nMurakaza neza.\n",
        "content/_index.en.md": "---\ntitle: Home\n---\nWelcome.\n",
        "content/risks/_index.rw.md": "---\ntitle: Ibyago\n---\n",
        "content/risks/_index.en.md": "---\ntitle: Risks\n---\n",
    ]

    var files: [String: String]
    var contacts = ""
    var media: [String: URL] = [:]
    var pageCounter = PDFPageCounter.installed
    var thumbnailer = PDFThumbnailer.installed

    init(_ files: [String: String], without removed: Set<String> = []) {
        self.files = Self.listings.merging(files) { _, new in new }.filter { !removed.contains($0.key) }
    }

    func resolve(includeDrafts: Bool = false) -> (site: ResolvedSite, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let contacts = Contact.parse(SourceFile(path: "content/contacts.yml", text: contacts), into: &diagnostics)
        let project = LoadedProject(
            root: URL(fileURLWithPath: "/nonexistent/bamaso"),
            site: SiteConfig(
                title: [Language("rw"): "Ba Maso", Language("en"): "Ba Maso: Be Alert"],
                languages: [Language("rw"), Language("en")], sections: ["risks"]),
            contacts: contacts,
            contentFiles: files.map { SourceFile(path: $0.key, text: $0.value) }.sorted { $0.path < $1.path },
            media: media, templates: [], strings: [:])
        let parsed = PageParser.parse(project, into: &diagnostics)
        #expect(diagnostics == [], "the fixture itself should parse")
        let site = Resolver.resolve(
            parsed, options: .init(includeDrafts: includeDrafts, pageCounter: pageCounter, thumbnailer: thumbnailer),
            into: &diagnostics)
        return (site, diagnostics)
    }
}

/// A risk message whose body starts on line 5.
func risk(_ title: String, _ body: String = "") -> String {
    "---\ntitle: \(title)\nkey_message: Ba maso\n---\n\(body)"
}

extension ResolvedSite {
    func page(_ path: String) -> ResolvedPage? { pages.first { $0.page.path == path } }
}

@Suite struct LinkTests {
    @Test(
        "an @/ link leads to the page in the linking page's language",
        arguments: [
            ("content/risks/a.en.md", "@/risks/fake-job-offers", "en/risks/fake-job-offers/"),
            ("content/risks/a.rw.md", "@/risks/fake-job-offers", "rw/risks/fake-job-offers/"),
            ("content/risks/a.en.md", "@/risks/fake-job-offers/", "en/risks/fake-job-offers/"),
            ("content/risks/a.en.md", "@/risks", "en/risks/"),
            ("content/risks/a.rw.md", "@/", "rw/"),
        ])
    func sameLanguage(from path: String, destination: String, expected: String) {
        let (site, diagnostics) = SiteFixture([
            "content/risks/fake-job-offers.rw.md": risk("Akazi k'ibinyoma"),
            "content/risks/fake-job-offers.en.md": risk("Fake job offers"),
            path: risk("A", "See [this](\(destination)).\n"),
        ]).resolve()
        #expect(diagnostics == [])
        #expect(site.page(path)?.links == [ResolvedLink(path: expected)])
    }

    @Test("a page missing in English leads to the Kinyarwanda page, marked as such")
    func fallbackToOtherLanguage() {
        let (site, diagnostics) = SiteFixture([
            "content/risks/only-rw.rw.md": risk("Mu Kinyarwanda gusa"),
            "content/risks/a.en.md": risk("A", "Intro\n\nRead [it](@/risks/only-rw#ibimenyetso).\n"),
            "content/risks/a.rw.md": risk("A", "Soma [ibi](@/risks/only-rw).\n"),
        ]).resolve()
        #expect(
            diagnostics.map(\.description) == [
                "content/risks/a.en.md:7:6: warning: '@/risks/only-rw#ibimenyetso': the page has no heading with "
                    + "the id 'ibimenyetso'; link to the page without '#ibimenyetso'"
            ])
        #expect(
            site.page("content/risks/a.en.md")?.links == [
                ResolvedLink(path: "rw/risks/only-rw/", fragment: "ibimenyetso", fallbackLanguage: Language("rw"))
            ])
        #expect(site.page("content/risks/a.rw.md")?.links == [ResolvedLink(path: "rw/risks/only-rw/")])
        #expect(site.page("content/risks/only-rw.rw.md")?.alternates == [Language("rw"): "rw/risks/only-rw/"])
        #expect(
            site.page("content/risks/a.en.md")?.alternates == [
                Language("rw"): "rw/risks/a/", Language("en"): "en/risks/a/",
            ])
    }

    @Test("a link to a page that does not exist is an error at the link, with a suggestion")
    func unknownTarget() {
        let (site, diagnostics) = SiteFixture([
            "content/risks/fake-job-offers.en.md": risk("Fake job offers"),
            "content/risks/a.en.md": risk("A", "Intro\n\nUbú, see [this](@/risks/fake-job-ofers).\n"),
        ]).resolve()
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "content/risks/a.en.md", line: 7, column: 10),
                    "'@/risks/fake-job-ofers' links to a page that does not exist",
                    hint: "did you mean '@/risks/fake-job-offers'?")
            ])
        #expect(site.page("content/risks/a.en.md")?.links == [nil])
    }

    @Test("a link to nothing close gets a hint about how links are written")
    func unknownTargetWithoutSuggestion() {
        let (_, diagnostics) = SiteFixture(["content/risks/a.en.md": risk("A", "[x](@/schools/quiz)\n")]).resolve()
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "content/risks/a.en.md", line: 5, column: 1),
                    "'@/schools/quiz' links to a page that does not exist",
                    hint: "check the section and the file name (without its .LANG.md)")
            ])
    }

    @Test("a link to a draft is an error, unless drafts are published")
    func linkToDraft() {
        let fixture = SiteFixture([
            "content/risks/secret-plan.en.md": "---\ntitle: Secret\nkey_message: K\ndraft: true\n---\n",
            "content/risks/a.en.md": risk("A", "See [the plan](@/risks/secret-plan).\n"),
        ])
        let (site, diagnostics) = fixture.resolve()
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "content/risks/a.en.md", line: 5, column: 5),
                    "'@/risks/secret-plan' links to a draft, which is not published",
                    hint: "remove 'draft: true' from that page, or remove this link")
            ])
        #expect(site.page("content/risks/secret-plan.en.md") == nil)

        let (withDrafts, noDiagnostics) = fixture.resolve(includeDrafts: true)
        #expect(noDiagnostics == [])
        #expect(
            withDrafts.page("content/risks/a.en.md")?.links
                == [ResolvedLink(path: "en/risks/secret-plan/")])
    }

    @Test("a #fragment must name a heading of the target page")
    func fragments() {
        let (site, diagnostics) = SiteFixture([
            "content/risks/x.en.md": risk("X", "## Warning signs\n\n## Where to get help\n"),
            "content/risks/a.en.md": risk("A", "[ok](@/risks/x#warning-signs) [typo](@/risks/x#warning-sign)\n"),
        ]).resolve()
        #expect(
            diagnostics == [
                .warning(
                    at: FileLocation(path: "content/risks/a.en.md", line: 5, column: 31),
                    "'@/risks/x#warning-sign': the page has no heading with the id 'warning-sign'",
                    hint: "its headings are: #warning-signs, #where-to-get-help")
            ])
        #expect(
            site.page("content/risks/a.en.md")?.links == [
                ResolvedLink(path: "en/risks/x/", fragment: "warning-signs"),
                ResolvedLink(path: "en/risks/x/", fragment: "warning-sign"),
            ])
    }

    @Test("media links are checked against content/media/; a link's file is read as a download, an image's not")
    func mediaLinks() throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        var fixture = SiteFixture([
            "content/risks/a.en.md": risk(
                "A", "[Leaflet](/media/leaflet.pdf) ![Poster](media/poster.jpg) ![Cover](media/leaflet.pdf)\n")
        ])
        fixture.media = ["media/leaflet.pdf": try folder.add("leaflet.pdf", Data("%PDF-1.4\n".utf8))]
        fixture.pageCounter = PDFPageCounter(executable: URL(fileURLWithPath: "/bin/false"))
        let (site, diagnostics) = fixture.resolve()
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "content/risks/a.en.md", line: 5, column: 31),
                    "'media/poster.jpg' links to a media file that does not exist",
                    hint: "put the file in content/media/poster.jpg, or correct the name")
            ])
        let leaflet = Download(path: "media/leaflet.pdf", bytes: 9, format: "PDF")
        #expect(
            site.page("content/risks/a.en.md")?.links
                == [
                    ResolvedLink(path: "media/leaflet.pdf", download: leaflet), nil,
                    ResolvedLink(path: "media/leaflet.pdf"),
                ])
    }

    @Test(
        "a PDF link gets the file's pages; a file named .pdf that is not one is an error at the link",
        .enabled(if: DownloadTests.hasPDFInfo, "needs pdfinfo (apt-get install poppler-utils)"))
    func pdfLinks() throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let pdf = TinyPDF.data(pages: 3)
        var fixture = SiteFixture([
            "content/risks/a.en.md": risk(
                "A", "Print [the leaflet](/media/leaflet.pdf).\n\nRead [the letter](media/letter.pdf).\n")
        ])
        fixture.media = [
            "media/leaflet.pdf": try folder.add("leaflet.pdf", pdf),
            "media/letter.pdf": try folder.add("letter.pdf", Data("Dear editor,\n".utf8)),
        ]
        let (site, diagnostics) = fixture.resolve()
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "content/risks/a.en.md", line: 7, column: 6),
                    "'media/letter.pdf' is not a PDF file, although its name ends in .pdf",
                    hint: "save or export the document again as PDF, or give the file the ending of its real type")
            ])
        #expect(
            site.page("content/risks/a.en.md")?.links == [
                ResolvedLink(
                    path: "media/leaflet.pdf",
                    download: Download(path: "media/leaflet.pdf", bytes: pdf.count, format: "PDF", pages: 3)),
                ResolvedLink(path: "media/letter.pdf"),
            ])
    }

    @Test("a file that cannot be read is an error at the link that offers it")
    func unreadableDownload() {
        var fixture = SiteFixture(["content/risks/a.en.md": risk("A", "Print [the leaflet](/media/leaflet.pdf).\n")])
        fixture.media = ["media/leaflet.pdf": URL(fileURLWithPath: "/nonexistent/leaflet.pdf")]
        let (_, diagnostics) = fixture.resolve()
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "content/risks/a.en.md", line: 5, column: 7),
                    "'/media/leaflet.pdf' cannot be read: no such file or directory",
                    hint: "copy the file into content/media/leaflet.pdf again, and check that it opens")
            ])
    }

    @Test("without pdfinfo, the build says once, at the first PDF link, that labels leave out the pages")
    func noPageCounter() throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        var fixture = SiteFixture([
            "content/risks/a.en.md": risk("A", "Print [the leaflet](/media/leaflet.pdf).\n"),
            "content/risks/a.rw.md": risk("A", "Capa [agatabo](/media/leaflet.pdf).\n\n[Ikindi](/media/leaflet.pdf)\n"),
        ])
        fixture.media = ["media/leaflet.pdf": try folder.add("leaflet.pdf", TinyPDF.data(pages: 2))]
        fixture.pageCounter = PDFPageCounter(executable: nil)
        let (site, diagnostics) = fixture.resolve()
        #expect(
            diagnostics == [
                .warning(
                    at: FileLocation(path: "content/risks/a.en.md", line: 5, column: 7),
                    "the labels of links to PDF files leave out the number of pages: poppler's pdfinfo is not "
                        + "installed",
                    hint: "install it (apt-get install poppler-utils) to show the pages")
            ])
        #expect(site.page("content/risks/a.rw.md")?.links.map { $0?.download?.pages } == [nil, nil])
    }

    @Test(
        "badly written page addresses are errors; ordinary web links are left alone",
        arguments: [
            (
                "@risks/x", "'@risks/x' is not a page address",
                "links to pages start with '@/', such as '@/risks/fake-job-offers'"
            ),
            (
                "@/risks/x.en.md", "'@/risks/x.en.md' is not a page address",
                "write the section and the page name without '.md', such as '@/risks/fake-job-offers'"
            ),
            (
                "@/risks/../x", "'@/risks/../x' climbs out with '..', which a link cannot do",
                "write the section and the page name, such as '@/risks/fake-job-offers'"
            ),
            (
                "/media/../../etc/passwd", "'/media/../../etc/passwd' climbs out with '..', which a link cannot do",
                "name a file inside content/media/, such as '/media/leaflet.pdf'"
            ),
        ])
    func badAddresses(destination: String, message: String, hint: String) {
        let (_, diagnostics) = SiteFixture([
            "content/risks/x.en.md": risk("X"),
            "content/risks/a.en.md": risk("A", "[a](https://www.iom.int/) [b](\(destination))\n"),
        ]).resolve()
        #expect(
            diagnostics == [
                .error(at: FileLocation(path: "content/risks/a.en.md", line: 5, column: 27), message, hint: hint)
            ])
    }
}

@Suite struct ListingTests {
    @Test("a section lists its pages by weight, then newest date, then title")
    func sectionOrder() {
        func page(_ title: String, _ extra: String) -> String {
            "---\ntitle: \(title)\nkey_message: K\n\(extra)---\n"
        }
        let (site, diagnostics) = SiteFixture([
            "content/risks/heavy.en.md": page("Heavy", "weight: 2\n"),
            "content/risks/light.en.md": page("Light", "weight: 1\ndate: 2010-01-01\n"),
            "content/risks/older.en.md": page("Older", "date: 2012-01-15\n"),
            "content/risks/newer.en.md": page("Newer", "date: 2012-06-01\n"),
            "content/risks/zebra.en.md": page("Zebra", ""),
            "content/risks/alpha.en.md": page("alpha", ""),
            "content/risks/step-10.en.md": page("Step 10", ""),
            "content/risks/step-2.en.md": page("Step 2", ""),
        ]).resolve()
        #expect(diagnostics == [])
        #expect(
            site.page("content/risks/_index.en.md")?.children.map(\.title) == [
                "Light", "Heavy", "Newer", "Older", "alpha", "Step 2", "Step 10", "Zebra",
            ])
    }

    @Test("a listing shows a page missing in its language from the other language, marked as such")
    func listingFallback() throws {
        let (site, _) = SiteFixture([
            "content/risks/both.rw.md": risk("Byombi"),
            "content/risks/both.en.md": risk("Both"),
            "content/risks/only-en.en.md":
                "---\ntitle: Only in English\nkey_message: K\ndescription: In English.\ndate: 2012-06-01\n---\n",
        ]).resolve()
        let children = try #require(site.page("content/risks/_index.rw.md")?.children)
        #expect(children.map(\.path) == ["en/risks/only-en/", "rw/risks/both/"])
        #expect(children.map(\.fallbackLanguage) == [Language("en"), nil])
        #expect(children.map(\.summary) == ["In English.", ""])
        #expect(children.map(\.date) == [Day("2012-06-01"), nil])
    }

    @Test("the home page lists the sections, and each language has a menu")
    func homeAndMenus() {
        let (site, _) = SiteFixture([:]).resolve()
        #expect(site.page("content/_index.en.md")?.children.map(\.path) == ["en/risks/"])
        #expect(site.page("content/_index.en.md")?.path == "en/")
        #expect(site.menus[Language("rw")]?.map(\.title) == ["Ibyago"])
        #expect(site.menus[Language("en")]?.map(\.path) == ["en/risks/"])
    }

    @Test(
        "a home page missing in any language, or a section page in the default one, is an error naming the file",
        arguments: [
            ("content/_index.en.md", "content/_index.en.md is missing: the home page has no English page"),
            (
                "content/risks/_index.rw.md",
                "content/risks/_index.rw.md is missing: section 'risks' has no Ikinyarwanda page"
            ),
            ("content/_index.rw.md", "content/_index.rw.md is missing: the home page has no Ikinyarwanda page"),
        ])
    func missingListing(path: String, message: String) {
        // (The fallback of a section page missing in another language: `sectionFallback`.)
        let (_, diagnostics) = SiteFixture([:], without: [path]).resolve()
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: path), message,
                    hint: "create it with front matter 'title: ...' and a short introduction")
            ])
    }

    @Test("a section page missing in a language other than the default is shown, marked, in the menu's fallback")
    func sectionFallback() {
        let (site, diagnostics) = SiteFixture([:], without: ["content/risks/_index.en.md"]).resolve()
        #expect(diagnostics.filter { $0.severity == .error } == [])
        let risks = site.menus[Language("en")]?.first { $0.section == "risks" }
        #expect(risks?.path == "rw/risks/")
        #expect(risks?.fallbackLanguage == Language("rw"))
        #expect(site.menus[Language("rw")]?.first { $0.section == "risks" }?.fallbackLanguage == nil)
    }
}

@Suite struct ComponentTests {
    static let path = "content/risks/a.en.md"

    /// A risk page whose body (from line 5) is "Intro", an empty line, then `fence` from line 7.
    func resolve(_ fence: String, contacts: String = "", media: [String: URL] = [:])
        -> (components: [ResolvedComponent?]?, diagnostics: [Diagnostic])
    {
        var fixture = SiteFixture([Self.path: risk("A", "Intro\n\n\(fence)")])
        fixture.contacts = contacts
        fixture.media = media
        let (site, diagnostics) = fixture.resolve()
        return (site.page(Self.path)?.components, diagnostics)
    }

    @Test("an unknown component is an error at its fence, with a suggestion")
    func unknownComponent() {
        let (components, diagnostics) = resolve("```tabel People reached\nA, B\n```\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.path, line: 7, column: 1),
                    "there is no component called 'tabel'", hint: "did you mean 'table'?")
            ])
        #expect(components == [nil])
    }

    @Test("a fenced block named for a language is code, not a component", arguments: ["python", "sh", "text", "json"])
    func codeLanguageIsNotAComponent(language: String) {
        let (components, diagnostics) = resolve("```\(language)\nprint(1)\n```\n")
        #expect(diagnostics == [])
        #expect(components == [])
    }

    @Test("a word within two edits of a component's name is a typo, even when too short for a suggestion")
    func nearComponentNameIsATypo() {
        let (components, diagnostics) = resolve("```tab People reached\nA, B\n```\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.path, line: 7, column: 1), "there is no component called 'tab'",
                    hint: "the components are table, contact, callout, audio; a fence whose word is not close to "
                        + "one of them is shown as code")
            ])
        #expect(components == [nil])
    }

    @Test("a table's CSV becomes a caption, a header and rows")
    func table() {
        let (components, diagnostics) = resolve(
            "```table People reached in 2012\nDistrict, People\nRusumo, 1200\n\n\"Kirehe, east\", 300\nGatsibo,\n```\n")
        #expect(diagnostics == [])
        #expect(
            components == [
                .table(
                    caption: "People reached in 2012", header: ["District", "People"],
                    rows: [["Rusumo", "1200"], ["Kirehe, east", "300"], ["Gatsibo", ""]])
            ])
    }

    @Test(
        "a table row with the wrong number of cells is an error at that row's line",
        arguments: [
            (
                "District, People\nRusumo, 1200\nNyagatare\n",
                [(10, "this table row has 1 cell but the table has 2 columns")]
            ),
            (
                "District, People\nRusumo, 1200, 300\nKirehe, 5\n",
                [(9, "this table row has 3 cells but the table has 2 columns")]
            ),
            // A quoted cell spanning two lines is one record: the bad row is on line 11.
            (
                "District, Note\n\"Rusumo\", \"two\nlines\"\nNyagatare\n",
                [(11, "this table row has 1 cell but the table has 2 columns")]
            ),
            (
                "A, B\n1\n2, 3, 4\n",
                [
                    (9, "this table row has 1 cell but the table has 2 columns"),
                    (10, "this table row has 3 cells but the table has 2 columns"),
                ]
            ),
            // A blank line is not a row, and does not shift the lines of the rows after it.
            ("A, B\n1, 2\n\n  \n3\n", [(12, "this table row has 1 cell but the table has 2 columns")]),
        ])
    func tableRowCellCount(csv: String, expected: [(Int, String)]) {
        let (components, diagnostics) = resolve("```table People reached\n\(csv)```\n")
        #expect(
            diagnostics
                == expected.map { line, message in
                    .error(
                        at: FileLocation(path: Self.path, line: line, column: 1), message,
                        hint: "separate cells with commas, and put a cell that contains a comma in double quotes")
                })
        #expect(components == [nil])
    }

    @Test("a table needs a caption")
    func tableWithoutCaption() {
        let (_, diagnostics) = resolve("```table\nA, B\n```\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.path, line: 7, column: 1), "this table has no caption",
                    hint: "write the caption after the word table: ```table People reached")
            ])
    }

    static let contacts = """
        iom-rwanda:
          name: { rw: "IOM u Rwanda", en: "IOM Rwanda" }
          phones: ["+250 788 000 000"]
          source: "a test"
          as_of: 2012-11
        isange:
          name: { rw: "Isange", en: "Isange One Stop Centre" }
          source: "a test"
          as_of: 2012-11
        """

    @Test("a contact card names an organisation of contacts.yml")
    func contact() throws {
        let (components, diagnostics) = resolve("```contact iom-rwanda\n```\n", contacts: Self.contacts)
        #expect(diagnostics == [])
        guard case .contact(let contact)?? = components?.first else {
            Issue.record("expected a contact card, got \(String(describing: components))")
            return
        }
        #expect(contact.id == "iom-rwanda")
        #expect(contact.name == [Language("rw"): "IOM u Rwanda", Language("en"): "IOM Rwanda"])
        #expect(contact.phones == ["+250 788 000 000"])
    }

    @Test(
        "an unknown contact ID is an error",
        arguments: [
            (
                "```contact iom-rwana\n```\n", "there is no organisation 'iom-rwana' in content/contacts.yml",
                "did you mean 'iom-rwanda'?"
            ),
            (
                "```contact police\n```\n", "there is no organisation 'police' in content/contacts.yml",
                "the IDs in content/contacts.yml are: iom-rwanda, isange"
            ),
            (
                "```contact\n```\n", "this contact card does not say which organisation",
                "write the organisation's ID after the word contact, such as ```contact iom-rwanda"
            ),
        ])
    func unknownContact(fence: String, message: String, hint: String) {
        let (components, diagnostics) = resolve(fence, contacts: Self.contacts)
        #expect(diagnostics == [.error(at: FileLocation(path: Self.path, line: 7, column: 1), message, hint: hint)])
        #expect(components == [nil])
    }

    @Test("a callout has a known kind and an optional title")
    func callout() {
        let (components, diagnostics) = resolve("```callout warning Be careful\nNever give your passport away.\n```\n")
        #expect(diagnostics == [])
        let body = Markdown.scan("Never give your passport away.\n", firstLine: 8)
        #expect(components == [.callout(kind: "warning", title: "Be careful", body: body, links: [])])
    }

    @Test(
        "an unknown callout kind is an error",
        arguments: [
            ("```callout warnign\nText\n```\n", "there is no callout kind 'warnign'", "did you mean 'warning'?"),
            (
                "```callout danger\nText\n```\n", "there is no callout kind 'danger'",
                "write one of warning, help, note after the word callout"
            ),
            (
                "```callout\nText\n```\n", "this callout does not say its kind",
                "write one of warning, help, note after the word callout"
            ),
        ])
    func unknownCalloutKind(fence: String, message: String, hint: String) {
        let (_, diagnostics) = resolve(fence)
        #expect(diagnostics == [.error(at: FileLocation(path: Self.path, line: 7, column: 1), message, hint: hint)])
    }

    @Test("links inside a callout are resolved and checked at their file line")
    func linksInCallout() {
        let (components, diagnostics) = resolve(
            "```callout help\nCall [IOM](@/risks/nowhere) or [us](@/risks/a).\n```\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.path, line: 8, column: 6),
                    "'@/risks/nowhere' links to a page that does not exist",
                    hint: "check the section and the file name (without its .LANG.md)")
            ])
        guard case .callout(_, _, let body, let links)?? = components?.first else {
            Issue.record("expected a callout, got \(String(describing: components))")
            return
        }
        #expect(body.links.map(\.destination) == ["@/risks/nowhere", "@/risks/a"])
        #expect(links == [nil, ResolvedLink(path: "en/risks/a/")])
    }

    @Test("an audio player needs its file in content/media/")
    func audioMissing() {
        let (components, diagnostics) = resolve("```audio media/talk-show-1.mp3\n```\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.path, line: 7, column: 1),
                    "the audio file 'media/talk-show-1.mp3' does not exist",
                    hint: "put it in content/media/talk-show-1.mp3, or correct the name")
            ])
        #expect(components == [nil])
    }

    @Test("an audio player gets the file's path, size and type")
    func audio() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-\(UUID().uuidString).mp3")
        try Data("ID3ab".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (components, diagnostics) = resolve(
            "```audio talk-show-1.mp3\n```\n", media: ["media/talk-show-1.mp3": file])
        #expect(diagnostics == [])
        #expect(components == [.audio(AudioFile(path: "media/talk-show-1.mp3", bytes: 5, type: "audio/mpeg"))])
    }

    @Test("an audio player refuses a file that is not audio")
    func audioWrongType() {
        let (_, diagnostics) = resolve(
            "```audio media/leaflet.pdf\n```\n",
            media: ["media/leaflet.pdf": URL(fileURLWithPath: "/nonexistent/leaflet.pdf")])
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.path, line: 7, column: 1),
                    "'media/leaflet.pdf' is not an audio file bamaso can play",
                    hint: "use one of: m4a, mp3, oga, ogg, opus, wav")
            ])
    }
}

@Suite struct TranslationReportTests {
    static func page(_ path: String, _ frontMatter: String, body: String = "Text.\n") -> SourceFile {
        SourceFile(path: path, text: "---\n\(frontMatter)\n---\n\(body)")
    }

    static func report(_ files: [SourceFile], source: Language = Language("rw")) -> (TranslationReport, [Diagnostic]) {
        var site = SiteConfig(
            title: [Language("rw"): "Ba Maso", Language("en"): "Ba Maso"], languages: [Language("rw"), Language("en")],
            sections: ["about"])
        site.translationSource = source
        var diagnostics: [Diagnostic] = []
        let pages = files.compactMap {
            PageParser.parse($0, sections: ["about"], languages: [Language("rw"), Language("en")], into: &diagnostics)
        }
        return (TranslationReport.make(pages: pages, site: site, into: &diagnostics), diagnostics)
    }

    @Test("a translation is present when it records its original's fingerprint, outdated otherwise")
    func fingerprints() throws {
        var diagnostics: [Diagnostic] = []
        let original = try #require(
            PageParser.parse(
                Self.page("content/about/a.rw.md", "title: A"), sections: ["about"],
                languages: [Language("rw"), Language("en")], into: &diagnostics))
        let (report, _) = Self.report([
            Self.page("content/about/a.rw.md", "title: A"),
            Self.page("content/about/a.en.md", "title: A\ntranslated_from: \(original.translationFingerprint)"),
            Self.page("content/about/b.rw.md", "title: B"),
            Self.page("content/about/b.en.md", "title: B\ntranslated_from: 0000000000000000"),
        ])
        #expect(report.entries.map { $0.statuses[Language("en")]?.state } == [.present, .outdated])
        #expect(report.entries.map { $0.statuses[Language("rw")]?.state } == [.source, .source])
    }

    @Test("a page can name its original; two files that disagree are an error")
    func sourceOverride() {
        let (report, diagnostics) = Self.report([
            Self.page("content/about/a.rw.md", "title: A\ntranslation_source: en"),
            Self.page("content/about/a.en.md", "title: A"),
            Self.page("content/about/b.rw.md", "title: B\ntranslation_source: en"),
            Self.page("content/about/b.en.md", "title: B\ntranslation_source: rw"),
        ])
        #expect(report.entries.first?.source == Language("en"))
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "content/about/b.rw.md"),
                    "the languages of this page disagree about which one is the original",
                    hint: "give 'translation_source' the same value in every file of the page, or remove it")
            ])
    }

    @Test("coverage counts pages and the originals' words per language")
    func coverage() {
        let (report, _) = Self.report(
            [
                Self.page("content/about/a.en.md", "title: A", body: "One two three.\n"),
                Self.page("content/about/b.en.md", "title: B", body: "Four five.\n"),
                Self.page("content/about/b.rw.md", "title: B\ntranslation: draft", body: "Rimwe.\n"),
            ], source: Language("en"))
        // b.rw.md was never acknowledged, so it counts as outdated.
        #expect(
            report.coverage[Language("rw")]
                == .init(pages: 0, totalPages: 2, words: 0, totalWords: 5, draft: 1, outdated: 1, missing: 1))
        #expect(
            report.coverage[Language("en")]
                == .init(pages: 2, totalPages: 2, words: 5, totalWords: 5, draft: 0, outdated: 0, missing: 0))
    }
}

@Suite struct BlockChangesTests {
    static func blocks(_ texts: [String]) -> [TranslationBlock] {
        texts.enumerated().map { TranslationBlock(label: "paragraph", line: $0.offset * 2 + 1, text: $0.element) }
    }

    @Test("blocks matched in order; between matches, removed and added ones paired as changed")
    func changes() {
        let old = Self.blocks(["A", "B", "C", "D"])
        let now = Self.blocks(["A", "B two", "C", "E", "F"])
        let changes = BlockChanges.between(recorded: old.map(\.fingerprint), current: now, old: old)
        #expect(
            changes == [
                BlockChange(kind: .changed, label: "paragraph", line: 3, text: "B two", oldText: "B"),
                BlockChange(kind: .changed, label: "paragraph", line: 7, text: "E", oldText: "D"),
                BlockChange(kind: .added, label: "paragraph", line: 9, text: "F"),
            ])
        #expect(changes.first?.wordDiff == "B {+two+}")
    }

    @Test("a removed block is placed before the block now after it; without the old texts it is just a block")
    func removed() {
        let old = Self.blocks(["A", "B", "C"])
        let now = Self.blocks(["A", "C"])
        #expect(
            BlockChanges.between(recorded: old.map(\.fingerprint), current: now)
                == [BlockChange(kind: .removed, label: "block", line: 3)])
        #expect(
            BlockChanges.between(recorded: old.map(\.fingerprint), current: Self.blocks(["A", "B"]), old: old)
                == [BlockChange(kind: .removed, label: "paragraph", line: 4, oldText: "C")])
    }

    @Test("rewrapping a paragraph changes no block; the word diff marks only the words that differ")
    func whitespace() {
        let old = [TranslationBlock(label: "paragraph", line: 1, text: "One two three")]
        let now = [TranslationBlock(label: "paragraph", line: 1, text: "One  two\nthree")]
        #expect(BlockChanges.between(recorded: old.map(\.fingerprint), current: now) == [])
        #expect(BlockChanges.wordDiff(from: "a b c d", to: "a x c d e") == "a [-b-] {+x+} c d {+e+}")
    }
}

/// A temporary folder of media files.
struct MediaFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-media-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func add(_ name: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file
    }

    /// A shell script, executable. Written through a descriptor closed on `exec`: a process
    /// another test starts meanwhile would otherwise inherit it open for writing, and running
    /// the script would fail with "text file busy" (ETXTBSY).
    func addScript(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return file
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
