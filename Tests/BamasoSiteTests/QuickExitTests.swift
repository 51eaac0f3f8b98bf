import BamasoDiagnostics
import BamasoLoad
import Foundation
import Testing

/// The campaign site for a visitor in danger (issue 18): a quick exit on every page, the one
/// script, the safety page, and help that says how old it is. The browser side (tab order,
/// sticky, Back, JavaScript off) is checked in headless Chromium by `.ci/quality.d/quick_exit.py`.
@Suite(.serialized) struct QuickExitTests {
    static func built() throws -> (FixtureSite, SiteConfig) {
        let site = try FixtureSite(nil)
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [])
        let text = try String(contentsOf: site.root.appendingPathComponent("content/site.yml"), encoding: .utf8)
        var diagnostics: [Diagnostic] = []
        let file = SourceFile(path: "content/site.yml", text: text)
        let config = try #require(SiteConfig.parse(file, into: &diagnostics))
        return (site, config)
    }

    /// The page's language, from `<html lang="…">`.
    static func language(of html: String) -> Language? {
        html.firstMatch(of: /<html lang="([a-z]+)">/).flatMap { Language(String($0.output.1)) }
    }

    @Test("every page's first focusable element after the skip link is the quick exit, to site.yml's target")
    func quickExitComesFirst() throws {
        let (site, config) = try Self.built()
        defer { site.remove() }
        let pages = site.outputFiles().filter { $0.hasSuffix(".html") }
        #expect(pages.count > 60)
        for path in pages {
            let html = try site.read(path)
            let language = try #require(Self.language(of: html), "\(path) has no language")
            let target = try #require(config.quickExit[language])
            let body = try #require(html.range(of: "<body"))
            let skipLink = "<a class=\"skip-link\" href=\"#main\">"
            let skip = try #require(
                html.range(of: skipLink, range: body.upperBound..<html.endIndex),
                "\(path) has no skip link")
            let afterSkip = html[skip.upperBound...]
            let closeSkip = try #require(afterSkip.range(of: "</a>"))
            let rest = afterSkip[closeSkip.upperBound...]
            let focusable = rest.firstMatch(of: /<(a|button|input|select|textarea|audio|summary)\b[^>]*>|tabindex="0"/)
            let first = try #require(focusable, "\(path) has nothing focusable after the skip link")
            #expect(
                String(first.output.0) == "<a class=\"quick-exit\" href=\"\(target)\" rel=\"nofollow noreferrer\">",
                "\(path): the first focusable element after the skip link is \(first.output.0)")
            #expect(html.components(separatedBy: "class=\"quick-exit\"").count == 2, "\(path): one quick exit")
            #expect(
                html.contains("<meta name=\"referrer\" content=\"no-referrer\">"),
                "\(path) tells sites where it was")
        }
    }

    @Test("the quick exit's script is the only script: small, first-party, and it leaves with location.replace")
    func oneSmallScript() throws {
        let (site, _) = try Self.built()
        defer { site.remove() }
        let scripts = site.outputFiles().filter { $0.hasSuffix(".js") }
        #expect(scripts.count == 1)
        let script = try #require(scripts.first)
        #expect(script.wholeMatch(of: /quick-exit\.[0-9a-f]{8}\.js/) != nil)
        let text = try site.read(script)
        // 1.5 KB uncompressed is within the budget of 1.5 KB gzipped, with room to spare.
        #expect(text.utf8.count <= 1536)
        #expect(text.contains("location.replace(") && text.contains("\"Shift\"") && text.contains("5000"))
        for request in ["http", "fetch(", "XMLHttpRequest", "import(", "localStorage", "cookie"] {
            #expect(!text.contains(request), "the quick exit script uses \(request)")
        }
        for path in site.outputFiles() where path.hasSuffix(".html") {
            let html = try site.read(path)
            let tags = html.matches(of: /<script[^>]*>/).map { String($0.output) }
            for tag in tags where tag != "<script type=\"application/ld+json\">" {
                #expect(tag.hasPrefix("<script src=\"") && tag.hasSuffix("\(script)\" defer>"), "\(path): \(tag)")
            }
            #expect(tags.filter { $0.contains("src=") }.count == 1, "\(path) loads the quick exit's script once")
        }
    }

    @Test("a safety page in every language, linked beside the quick exit and from the help pages")
    func safetyPage() throws {
        let (site, config) = try Self.built()
        defer { site.remove() }
        let safety = try #require(config.safetyPage)
        let helpPages = try #require(config.helpPages)
        for language in config.languages {
            let page = try site.read("\(language.code)/\(safety)/index.html")
            #expect(page.contains("Shift"))
            let link = "<a class=\"safety-link\" href=\"/\(language.code)/\(safety)/\">"
            for path in site.outputFiles() where path.hasPrefix("\(language.code)/") && path.hasSuffix(".html") {
                #expect(try site.read(path).contains(link), "\(path) has no link to the safety page beside the exit")
            }
            let help = try site.read("\(language.code)/\(helpPages)/index.html")
            let main = try #require(help.range(of: "<main")).upperBound
            #expect(
                help[main...].contains("href=\"/\(language.code)/\(safety)/\""),
                "the help page in \(language.code) does not link to the safety page")
        }
    }

    @Test("the help strip says what to do now, and shows no office number as a help line")
    func helpStrip() throws {
        let (site, config) = try Self.built()
        defer { site.remove() }
        #expect(config.helpContact == nil)
        var strips = 0
        for path in site.outputFiles() where path.hasSuffix(".html") {
            let html = try site.read(path)
            guard let start = html.range(of: "<aside class=\"help-strip\""),
                let end = html.range(of: "</aside>", range: start.upperBound..<html.endIndex)
            else { continue }
            let strip = html[start.lowerBound..<end.upperBound]
            #expect(!strip.contains("tel:") && !strip.contains("586 710"), "\(path): \(strip)")
            #expect(strip.contains("polisi") || strip.contains("police"), "\(path): \(strip)")
            strips += 1
        }
        #expect(strips > 60)
    }

    @Test(
        "contact cards say how old their details are, in the page's language",
        arguments: [
            ("en", "Details as of November 2012."), ("rw", "Aya makuru ni ayo mu Ugushyingo 2012."),
        ])
    func detailsAsOf(language: String, sentence: String) throws {
        let (site, _) = try Self.built()
        defer { site.remove() }
        let cards = site.outputFiles()
            .filter { $0.hasPrefix("\(language)/contact/") && $0 != "\(language)/contact/index.html" }
        #expect(cards.count == 4)
        for path in cards {
            #expect(try site.read(path).contains("<p class=\"as-of\">\(sentence)</p>"), "\(path)")
        }
    }
}
