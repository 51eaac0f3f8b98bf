import BamasoDiagnostics
import BamasoSite
import Foundation
import Testing

/// The repository's own content: the real Ba Maso site.
@Suite(.serialized) struct CampaignSiteTests {
    static let contentFolder = FixtureSite.repositoryRoot.appendingPathComponent("content")

    /// `risks/fake-job-offers` for every page file in content/, with the languages it exists in.
    static func pageFiles() throws -> [String: Set<String>] {
        var pages: [String: Set<String>] = [:]
        let enumerator = FileManager.default.enumerator(at: contentFolder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "md" else { continue }
            let relative = url.standardizedFileURL.path.dropFirst(contentFolder.standardizedFileURL.path.count + 1)
            let parts = relative.dropLast(".md".count).split(separator: ".")
            pages[String(parts[0]), default: []].insert(String(parts[1]))
        }
        return pages
    }

    static func outputPath(of page: String, language: String) -> String {
        let key = page.hasSuffix("_index") ? String(page.dropLast("_index".count)) : page + "/"
        return "\(language)/\(key)index.html"
    }

    @Test("the campaign site builds with no error and no warning")
    func buildsCleanly() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [])
        #expect(report.filesWritten > 0)
    }

    @Test("every page exists in both languages, and each links to its translation")
    func everyPageIsTranslated() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        _ = site.build()
        let pages = try Self.pageFiles()
        #expect(pages.count > 20)
        for (page, languages) in pages.sorted(by: { $0.key < $1.key }) {
            #expect(languages == ["rw", "en"], "\(page) exists only in \(languages.sorted())")
            for (language, other) in [("rw", "en"), ("en", "rw")] {
                let html = try site.read(Self.outputPath(of: page, language: language))
                let translation = "/" + Self.outputPath(of: page, language: other).dropLast("index.html".count)
                #expect(
                    html.contains("<a href=\"\(translation)\" hreflang=\"\(other)\" lang=\"\(other)\">"),
                    "\(page) in \(language) does not link to its translation \(translation)")
                #expect(html.contains("<html lang=\"\(language)\">"))
            }
        }
    }

    @Test("the sections have the campaign's pages")
    func sectionsAreComplete() throws {
        let pages = try Self.pageFiles().keys
        func count(_ section: String) -> Int { pages.count { $0.hasPrefix(section + "/") && !$0.hasSuffix("_index") } }
        #expect(count("risks") >= 8)
        #expect(count("schools") >= 5)
        #expect(count("radio") == 2)
        #expect(count("contact") >= 1)
    }

    @Test("every Kinyarwanda page says whether a native speaker has reviewed it")
    func kinyarwandaIsMarked() throws {
        for (page, _) in try Self.pageFiles() {
            let url = Self.contentFolder.appendingPathComponent(page + ".rw.md")
            let text = try String(contentsOf: url, encoding: .utf8)
            let frontMatter = text.split(separator: "---", maxSplits: 2, omittingEmptySubsequences: true).first ?? ""
            #expect(
                frontMatter.contains("translation: draft") || frontMatter.contains("translation: reviewed"),
                "\(page).rw.md has no 'translation: draft'")
        }
    }

    @Test("every page is light, has exactly one h1, and runs no script but the quick exit's")
    func pagesAreLight() throws {
        let site = try FixtureSite(nil)
        defer { site.remove() }
        _ = site.build()
        let stylesheet = try #require(site.outputFiles().first { $0.hasSuffix(".css") })
        let css = try Data(contentsOf: site.output.appendingPathComponent(stylesheet)).count
        for path in site.outputFiles() where path.hasSuffix(".html") {
            let html = try site.read(path)
            #expect(
                html.utf8.count + css < 40 * 1024, "\(path) weighs \(html.utf8.count + css) bytes with its stylesheet")
            #expect(html.components(separatedBy: "<h1").count == 2, "\(path) must have exactly one h1")
            // Structured data for search engines is allowed, and the quick exit's script
            // (QuickExitTests); nothing else that runs is.
            let scripts = html.components(separatedBy: "<script").dropFirst()
            #expect(
                scripts.allSatisfy { $0.hasPrefix(" type=\"application/ld+json\">") || $0.contains("quick-exit.") },
                "\(path) has a script")
        }
    }

    /// The body of a content file, after its front matter, and one front-matter value.
    static func read(_ page: String, _ language: String) throws -> (frontMatter: String, body: String) {
        let url = contentFolder.appendingPathComponent("\(page).\(language).md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let parts = text.components(separatedBy: "\n---\n")
        return (parts[0], parts.dropFirst().joined(separator: "\n---\n"))
    }

    @Test("risk pages are for phones: a short key message first, five signs, four actions, the help box")
    func riskPagesAreShort() throws {
        let risks = try Self.pageFiles().keys.filter { $0.hasPrefix("risks/") && !$0.hasSuffix("_index") }
        #expect(risks.count >= 8)
        for page in risks.sorted() {
            for language in ["rw", "en"] {
                let (frontMatter, body) = try Self.read(page, language)
                let key = try #require(frontMatter.firstMatch(of: /key_message: "(.*)"/)?.output.1)
                #expect(
                    key.split(separator: " ").count <= 12,
                    "\(page).\(language): the key message has more than 12 words")
                let sections = body.components(separatedBy: "\n## ").dropFirst()
                let lists = sections.map { $0.split(separator: "\n").filter { $0.hasPrefix("- ") }.count }
                #expect(
                    lists.count >= 2 && lists[0] <= 5 && lists[1] <= 4,
                    "\(page).\(language): \(lists.first ?? 0) signs and \(lists.dropFirst().first ?? 0) actions")
                #expect(body.contains("```callout help"), "\(page).\(language) has no help box")
                // Words a reader reads: no link addresses, fences or list and heading marks.
                let text = body.replacing(/\]\([^)]*\)/, with: "]").split(separator: "\n")
                    .filter { !$0.hasPrefix("```") }
                let words = text.joined(separator: " ").split(whereSeparator: \.isWhitespace)
                    .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }.count
                #expect(words <= 300, "\(page).\(language) has \(words) words")
                #expect(
                    !body.contains("Trafficking in Persons (TIP)") && !body.contains("(TIP)"),
                    "\(page).\(language) repeats the report; sources are on the about pages")
            }
        }
    }

    @Test(
        "claims the programme report does not make stay out of the English pages",
        arguments: [
            "Ba Maso programme", "every district", "women and girls", "most common way", "are often people",
            "often target", "is often someone", "are often friends", "reached listeners", "is a crime, not a job",
        ])
    func noUnsupportedClaims(claim: String) throws {
        for page in try Self.pageFiles().keys.sorted() {
            let (frontMatter, body) = try Self.read(page, "en")
            #expect(!(frontMatter + body).lowercased().contains(claim.lowercased()), "\(page).en says '\(claim)'")
        }
    }
}
