import BamasoDiagnostics
import BamasoSite
import Foundation
import Testing

@Suite struct SiteBuildTests {
    @Test("under a sub-path, every link and asset stays inside it and leads to a built file")
    func subPathLinksResolve() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let report = site.build(baseURL: "https://example.org/bamaso/")
        #expect(!report.hasErrors)
        let files = Set(site.outputFiles())
        var checked = 0
        for path in files where path.hasSuffix(".html") {
            for link in FixtureSite.links(in: try site.read(path)) {
                // Phone, mail, text-message and WhatsApp share links, and the quick exit (to the
                // fixture's https://example.com/), leave the site on purpose.
                let leaving = ["tel:", "mailto:", "sms:", "#", "https://wa.me/", "https://example.com/"]
                if leaving.contains(where: link.hasPrefix) { continue }
                let local: Substring
                if link.hasPrefix("https://example.org/bamaso/") {
                    local = link.dropFirst("https://example.org/bamaso/".count)
                } else {
                    #expect(link.hasPrefix("/bamaso/"), "\(path) links to \(link), outside /bamaso/")
                    local = link.dropFirst("/bamaso/".count)
                }
                let target = String(local.split(separator: "#", omittingEmptySubsequences: false)[0])
                let file = target.isEmpty || target.hasSuffix("/") ? target + "index.html" : target
                #expect(files.contains(file), "\(path) links to \(link), which was not built")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("every page names its language, title, description, canonical URL and translations")
    func pageHeads() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        _ = site.build()
        let html = try site.read("rw/risks/fake-job-offers/index.html")
        #expect(html.contains("<html lang=\"rw\">"))
        #expect(html.contains("<title>Akazi k&#39;ibinyoma · Ba Maso</title>"))
        #expect(html.contains("<meta name=\"description\" content=\"Abacuruza abantu bizeza akazi keza.\">"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://example.org/bamaso/rw/risks/fake-job-offers/\">"))
        #expect(
            html.contains(
                "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/bamaso/en/risks/fake-job-offers/\">"
            ))
        // The switcher leads to the same page in English.
        #expect(html.contains("<a href=\"/bamaso/en/risks/fake-job-offers/\" hreflang=\"en\" lang=\"en\">English</a>"))
    }

    @Test("a page missing in one language is listed there, marked with its language, and links reach it")
    func fallbackToOtherLanguage() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        _ = site.build()
        let listing = try site.read("rw/risks/index.html")
        #expect(
            listing.contains(
                "<a href=\"/bamaso/en/risks/forced-labour/\">Forced labour</a> <span class=\"lang-note\" "
                    + "lang=\"en\">(English)</span>"))
        let page = try site.read("rw/risks/fake-job-offers/index.html")
        #expect(
            page.contains(
                "<a href=\"/bamaso/en/risks/forced-labour/\">imirimo y'agahato</a> <span class=\"lang-note\" "
                    + "lang=\"en\">(English)</span>"))
        // On the English-only page, the switcher leads to the Kinyarwanda section, with a note.
        let english = try site.read("en/risks/forced-labour/index.html")
        #expect(
            english.contains(
                "<a href=\"/bamaso/rw/risks/\" hreflang=\"rw\" lang=\"rw\">Ikinyarwanda</a> <span "
                    + "class=\"switcher-note\">"))
    }

    @Test("drafts are left out unless asked for")
    func drafts() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        _ = site.build()
        #expect(!site.outputFiles().contains("en/risks/secret-plan/index.html"))
        #expect(try !site.read("en/risks/index.html").contains("Not ready yet"))
        _ = site.build(includeDrafts: true)
        #expect(site.outputFiles().contains("en/risks/secret-plan/index.html"))
    }

    @Test("section pages list their pages by weight, then date")
    func listingOrder() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        _ = site.build()
        let html = try site.read("en/risks/index.html")
        let first = try #require(html.range(of: "Fake job offers"))
        let second = try #require(html.range(of: "Forced labour"))
        #expect(first.lowerBound < second.lowerBound)
    }

    @Test("dates are written in each language's words")
    func dates() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        _ = site.build()
        #expect(
            try site.read("rw/radio/talk-show-1/index.html").contains(
                "<time datetime=\"2012-06-01\">1 Kamena 2012</time>"))
        #expect(
            try site.read("en/radio/talk-show-1/index.html").contains(
                "<time datetime=\"2012-06-01\">1 June 2012</time>"))
    }

    @Test("a listing's cards show their own pages' dates, never the listing page's")
    func cardsShowTheirOwnDates() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let section = site.root.appendingPathComponent("content/risks/_index.en.md")
        try String(contentsOf: section, encoding: .utf8)
            .replacingOccurrences(
                of: "title: \"Section risks\"\n", with: "title: \"Section risks\"\ndate: 2012-06-01\n"
            )
            .write(to: section, atomically: true, encoding: .utf8)
        #expect(!site.build().hasErrors)
        let html = try site.read("en/risks/index.html")
        #expect(html.contains("<li class=\"card\">"))
        #expect(!html.contains("<time"))  // no risk page has a date
    }

    @Test("a build with errors reports them all and leaves the previous site untouched")
    func failedBuildKeepsOutput() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        #expect(!site.build().hasErrors)
        let before = try site.read("en/risks/fake-job-offers/index.html")
        let filesBefore = site.outputFiles()
        let page = site.root.appendingPathComponent("content/risks/fake-job-offers.en.md")
        try String(contentsOf: page, encoding: .utf8)
            .replacingOccurrences(of: "@/risks/forced-labour#what-to-do", with: "@/risks/forced-labor")
            .replacingOccurrences(of: "weight: 1", with: "wieght: 1")
            .write(to: page, atomically: true, encoding: .utf8)
        let report = site.build()
        #expect(
            report.diagnostics.map(\.description) == [
                "content/risks/fake-job-offers.en.md:4:1: error: unknown key 'wieght' in the front matter of this "
                    + "risk message; did you mean 'weight'?",
                "content/risks/fake-job-offers.en.md:11:7: error: '@/risks/forced-labor' links to a page that does "
                    + "not exist; did you mean '@/risks/forced-labour'?",
            ])
        #expect(try site.read("en/risks/fake-job-offers/index.html") == before)
        #expect(site.outputFiles() == filesBefore)
    }
}

@Suite struct PortableBuildTests {
    /// Follows every link of a portable build from the landing page as a browser would with
    /// file://, and returns the pages reached; records an issue for any link that leads nowhere.
    static func crawl(_ site: FixtureSite) throws -> Set<String> {
        var reached: Set<String> = []
        var queue = ["index.html"]
        while let page = queue.popLast() {
            guard reached.insert(page).inserted else { continue }
            let folder = URL(fileURLWithPath: "/" + page).deletingLastPathComponent()
            for link in FixtureSite.links(in: try site.read(page)) {
                if ["tel:", "mailto:", "sms:", "https://", "#"].contains(where: link.hasPrefix) { continue }
                #expect(!link.hasPrefix("/"), "\(page) links to \(link), which a file:// page cannot reach")
                let target = String(link.split(separator: "#", omittingEmptySubsequences: false)[0])
                #expect(!target.hasSuffix("/") && !target.isEmpty, "\(page) links to the folder \(link), not a file")
                let resolved = String(folder.appendingPathComponent(target).standardizedFileURL.path.dropFirst())
                #expect(
                    FileManager.default.fileExists(atPath: site.output.appendingPathComponent(resolved).path),
                    "\(page) links to \(link), which does not exist")
                if resolved.hasSuffix(".html") { queue.append(resolved) }
            }
        }
        return reached
    }

    @Test("a portable build works from a folder: every link relative, naming its file, every page reached")
    func portable() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let report = Site.build(BuildOptions(root: site.root, portable: true))
        #expect(report.diagnostics.isEmpty)
        let pages = Set(site.outputFiles().filter { $0.hasSuffix(".html") && $0 != "404.html" })
        #expect(try Self.crawl(site) == pages)
    }

    @Test("the stylesheet's name carries its fingerprint, so servers can cache it forever")
    func hashedStylesheet() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        _ = site.build()
        let stylesheets = site.outputFiles().filter { $0.hasSuffix(".css") }
        #expect(stylesheets.count == 1)
        let name = try #require(stylesheets.first)
        #expect(name.wholeMatch(of: /style\.[0-9a-f]{8}\.css/) != nil)
        #expect(try site.read("en/index.html").contains("<link rel=\"stylesheet\" href=\"/bamaso/\(name)\">"))
        // Another stylesheet gets another name.
        let css = site.root.appendingPathComponent("templates/static/style.css")
        try (String(contentsOf: css, encoding: .utf8) + "\n.x { color: red; }\n").write(
            to: css, atomically: true, encoding: .utf8)
        _ = site.build()
        #expect(site.outputFiles().filter { $0.hasSuffix(".css") } != [name])
    }
}
