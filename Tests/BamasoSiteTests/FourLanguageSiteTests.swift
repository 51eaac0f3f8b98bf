import BamasoDiagnostics
import BamasoLoad
import BamasoSite
import BamasoTestSupport
import Foundation
import Testing

/// A site of four languages (`Fixtures/four-languages`: rw, en, fr, sw, French falling back to
/// English then Kinyarwanda, Swahili to English), with pages missing in each language. No code
/// names a language: what works here works for any list in site.yml.
@Suite struct FourLanguageSiteTests {
    static let languages = ["rw": "Ikinyarwanda", "en": "English", "fr": "Français", "sw": "Kiswahili"]

    /// The fixture built with `options` (the base URL of its site.yml, a sub-path, by default).
    static func built(portable: Bool = false) throws -> (site: FixtureSite, report: BuildReport) {
        let site = try FixtureSite("four-languages")
        let report = Site.build(BuildOptions(root: site.root, portable: portable))
        return (site, report)
    }

    @Test("a site of four languages builds with no problem, and the summary lists each language")
    func builds() throws {
        let (site, report) = try Self.built()
        defer { site.remove() }
        #expect(report.diagnostics == [])
        #expect(report.languages.map(\.name) == ["Ikinyarwanda", "English", "Français", "Kiswahili"])
        #expect(report.pageCounts[Language("fr")]?.values.reduce(0, +) == 5)
        #expect(report.pageCounts[Language("sw")]?.values.reduce(0, +) == 4)
        let files = site.outputFiles()
        for path in ["fr/index.html", "sw/index.html", "fr/risks/index.html", "sw/risks/fake-job-offers/index.html"] {
            #expect(files.contains(path), "\(path) is missing")
        }
    }

    @Test("the switcher lists every language by its own name, with lang and hreflang")
    func switcher() throws {
        let (site, _) = try Self.built()
        defer { site.remove() }
        let page = try site.read("fr/risks/fake-job-offers/index.html")
        #expect(page.contains("<html lang=\"fr\">"))
        #expect(page.contains("<span class=\"current\" lang=\"fr\" aria-current=\"page\">Français</span>"))
        for (code, name) in Self.languages where code != "fr" {
            #expect(
                page.contains(
                    "<a href=\"/bamaso/\(code)/risks/fake-job-offers/\" hreflang=\"\(code)\" "
                        + "lang=\"\(code)\">\(name)</a>"
                ))
        }
        // A page with no Swahili translation leads Swahili readers to their home page, saying so:
        // Swahili has no page for the section either.
        let forcedLabour = try site.read("en/risks/forced-labour/index.html")
        #expect(forcedLabour.contains("<a href=\"/bamaso/sw/\" hreflang=\"sw\" lang=\"sw\">Kiswahili</a> <span"))
        #expect(forcedLabour.contains("<a href=\"/bamaso/fr/risks/\" hreflang=\"fr\" lang=\"fr\">Français</a> <span"))
    }

    @Test("hreflang alternates and the sitemap list every translation that exists, and no other")
    func alternates() throws {
        let (site, _) = try Self.built()
        defer { site.remove() }
        func alternates(_ path: String) throws -> [String] {
            try site.read(path).matches(of: /<link rel="alternate" hreflang="([a-z-]+)"/).map { String($0.output.1) }
        }
        #expect(try alternates("sw/risks/fake-job-offers/index.html") == ["rw", "en", "fr", "sw", "x-default"])
        #expect(try alternates("rw/risks/forced-labour/index.html") == ["rw", "en", "x-default"])
        #expect(try alternates("fr/risks/travel-documents/index.html") == ["rw", "fr", "x-default"])

        let sitemap = try site.read("sitemap.xml")
        let entry = try #require(
            sitemap.firstMatch(
                of: /<loc>https:\/\/example.org\/bamaso\/fr\/risks\/travel-documents\/<\/loc>(.*?)<\/url>/
                    .dotMatchesNewlines()))
        #expect(entry.output.1.matches(of: /hreflang="([a-z]+)"/).map { String($0.output.1) } == ["rw", "fr"])
        #expect(sitemap.contains("<loc>https://example.org/bamaso/sw/risks/fake-job-offers/</loc>"))
    }

    @Test("a page missing in a language is listed in the first fallback that has it, marked with its language")
    func pageFallbacks() throws {
        let (site, _) = try Self.built()
        defer { site.remove() }
        // French falls back to English first.
        let french = try site.read("fr/risks/index.html")
        #expect(french.contains("<a href=\"/bamaso/en/risks/forced-labour/\">Forced labour</a>"))
        #expect(french.contains("<span class=\"lang-note\" lang=\"en\">(English)</span>"))
        // English falls back, by default, to the other languages in the site's order: Kinyarwanda.
        let english = try site.read("en/risks/index.html")
        #expect(english.contains("<a href=\"/bamaso/rw/risks/travel-documents/\">Ibyangombwa by&#39;urugendo</a>"))
        #expect(english.contains("<span class=\"lang-note\" lang=\"rw\">(Ikinyarwanda)</span>"))
        #expect(!english.contains("/bamaso/fr/risks/travel-documents/"))
    }

    @Test("a section missing in a language stays in the menu, shown in its fallback and marked")
    func menuFallbacks() throws {
        let (site, _) = try Self.built()
        defer { site.remove() }
        let swahili = try site.read("sw/index.html")
        #expect(
            swahili.contains(
                "<li><a href=\"/bamaso/en/risks/\" hreflang=\"en\" lang=\"en\">Risks</a> "
                    + "<span class=\"lang-note\" lang=\"en\">(English)</span></li>"))
        #expect(swahili.contains("<li><a href=\"/bamaso/sw/safety/\">Usalama</a></li>"))
        let french = try site.read("fr/index.html")
        #expect(french.contains("<li><a href=\"/bamaso/fr/risks/\">Risques</a></li>"))
        #expect(french.contains("<li><a href=\"/bamaso/en/schools/\" hreflang=\"en\" lang=\"en\">Schools</a> "))
        // The safety page beside the quick exit is French's fallback too.
        #expect(french.contains("href=\"/bamaso/en/safety/\""))
        #expect(!french.contains("href=\"/bamaso/fr/safety/\""))
    }

    @Test(
        "nothing 404s: every link within the site leads to a file, over HTTP and from a folder",
        arguments: [false, true])
    func noBrokenLinks(portable: Bool) throws {
        let (site, report) = try Self.built(portable: portable)
        defer { site.remove() }
        #expect(report.diagnostics == [])
        var broken: [String] = []
        for path in site.outputFiles() where path.hasSuffix(".html") {
            for link in FixtureSite.links(in: try site.read(path)) {
                guard let target = Self.internalTarget(of: link, from: path, portable: portable) else { continue }
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(
                    atPath: site.output.appendingPathComponent(target).path, isDirectory: &isFolder)
                let file = isFolder.boolValue ? target + "/index.html" : target
                if !exists || !FileManager.default.fileExists(atPath: site.output.appendingPathComponent(file).path) {
                    broken.append("\(path) → \(link)")
                }
            }
        }
        #expect(broken == [])
    }

    /// The output file a link within the site leads to, or nil for a link elsewhere.
    static func internalTarget(of link: String, from page: String, portable: Bool) -> String? {
        let address = String(link.split(separator: "#", omittingEmptySubsequences: false)[0])
        if address.isEmpty || address.contains(":") { return nil }
        if !portable {
            guard address.hasPrefix("/bamaso/") else { return nil }
            return String(address.dropFirst("/bamaso/".count))
        }
        let base = URL(fileURLWithPath: "/site/" + page).deletingLastPathComponent()
        return String(
            URL(fileURLWithPath: address, relativeTo: base).standardizedFileURL.path.dropFirst("/site/".count))
    }

    @Test("dates are written as each language writes them, by ICU")
    func dates() throws {
        let (site, _) = try Self.built()
        defer { site.remove() }
        for (code, date) in [
            ("rw", "1 Kamena 2012"), ("en", "1 June 2012"), ("fr", "1 juin 2012"), ("sw", "1 Juni 2012"),
        ] {
            #expect(try site.read("\(code)/risks/fake-job-offers/index.html").contains(date), "\(code)")
        }
    }

    @Test("the site's title, description and quick exit per language; a language without them takes its fallback's")
    func perLanguageSettings() throws {
        let (site, _) = try Self.built()
        defer { site.remove() }
        let french = try site.read("fr/index.html")
        #expect(french.contains("Ba Maso : soyez vigilants"))
        #expect(french.contains("https://www.google.com/?hl=fr"))
        let swahili = try site.read("sw/index.html")
        #expect(swahili.contains("<a class=\"brand\" href=\"/bamaso/sw/\">Ba Maso: Be Alert</a>"))
        #expect(swahili.contains("https://www.google.com/?hl=sw"))
        // The landing page offers every language, the default first.
        let landing = try site.read("index.html")
        let offered = landing.matches(of: /hreflang="([a-z]+)"/).map { String($0.output.1) }
        #expect(Array(offered.prefix(4)) == ["rw", "en", "fr", "sw"])
    }

    @Test("a download's size is written as the page's language writes it")
    func downloadSizes() throws {
        let site = try FixtureSite("four-languages")
        defer { site.remove() }
        let media = site.root.appendingPathComponent("content/media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try TinyPDF.data(pages: 1, size: 1_200_000).write(to: media.appendingPathComponent("leaflet.pdf"))
        let page = site.root.appendingPathComponent("content/risks/fake-job-offers.fr.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try (text + "\n[Le dépliant](/media/leaflet.pdf)\n").write(to: page, atomically: true, encoding: .utf8)
        let report = site.build()
        #expect(report.diagnostics.filter { $0.severity == .error } == [])
        // French: a decimal comma, a narrow no-break space.
        #expect(try site.read("fr/risks/fake-job-offers/index.html").contains("1,2\u{202F}Mo"))
    }

    @Test("a language without its string file is an error with the fix; so is a string file of no language")
    func stringFiles() throws {
        let site = try FixtureSite("four-languages")
        defer { site.remove() }
        let strings = site.root.appendingPathComponent("templates/i18n")
        try FileManager.default.moveItem(
            at: strings.appendingPathComponent("sw.yml"), to: strings.appendingPathComponent("de.yml"))
        let report = site.build()
        #expect(
            report.diagnostics.contains(
                .error(
                    at: FileLocation(path: "templates/i18n/sw.yml"),
                    "the interface strings for 'sw' (Kiswahili) are missing",
                    hint: "copy templates/i18n/rw.yml to templates/i18n/sw.yml and translate it")))
        #expect(
            report.diagnostics.contains(
                .error(
                    at: FileLocation(path: "templates/i18n/de.yml"),
                    "'de' is not one of the site's languages (rw, en, fr and sw)",
                    hint: "add 'de' to 'languages' in content/site.yml, or delete this file")))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test("a string missing from one language's file is an error naming the key and the file")
    func missingString() throws {
        let site = try FixtureSite("four-languages")
        defer { site.remove() }
        let file = site.root.appendingPathComponent("templates/i18n/sw.yml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("share_sms:") }
            .joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let report = site.build()
        let problems = report.diagnostics.filter { $0.message.contains("'share_sms'") }
        #expect(
            problems.contains {
                $0.location.path == "templates/i18n/sw.yml"
                    && $0.message == "the string 'share_sms' is missing in Kiswahili"
            })
        // Each problem names the file the key is missing from, and no other language's file lacks it.
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.location.path == "templates/i18n/sw.yml" || $0.message.contains("sw.yml") })
        #expect(report.hasErrors)
    }
}
