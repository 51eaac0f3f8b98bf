import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `"<>&'` (and `,;\` for vCards) written by an editor reach every kind of file a build
/// publishes and are escaped for each: HTML text and attributes, JSON-LD, the podcast and Atom
/// feeds, the sitemap and vCards. Each file is read back the way its readers read it.
@Suite struct SafeOutputTests {
    static let payload = "Tom & Jerry's \"<script>alert(1)</script>\", Ltd; C:\\ </title>"
    static let yaml = "\"Tom & Jerry's \\\"<script>alert(1)</script>\\\", Ltd; C:\\\\ </title>\""

    static func built() throws -> FixtureSite {
        let site = try FixtureSite("basic")
        let radio = site.root.appendingPathComponent("content/radio/talk-show-1.en.md")
        let text = try String(contentsOf: radio, encoding: .utf8)
            .replacingOccurrences(
                of: "title: \"Radio Dix talk show: \\\"Ask & listen\\\" <live>\"", with: "title: \(yaml)")
        try text.write(to: radio, atomically: true, encoding: .utf8)
        try """
        iom-rwanda:
          name: { rw: "IOM Rwanda", en: \(yaml) }
          address: { rw: "Kigali", en: \(yaml) }
          description: { rw: "IOM", en: \(yaml) }
          phones: ["+250 252 586 710"]
          emails: ["iomrwanda@iom.int"]
          source: "IOM Rwanda programme report"
          as_of: "2012-11"

        """.write(to: site.root.appendingPathComponent("content/contacts.yml"), atomically: true, encoding: .utf8)
        let report = site.build()
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        return site
    }

    @Test("in HTML, text and attributes are escaped and no file carries the text as markup")
    func html() throws {
        let site = try Self.built()
        defer { site.remove() }
        let escaped =
            "Tom &amp; Jerry&#39;s &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;, Ltd; C:\\ &lt;/title&gt;"
        let page = try site.read("en/radio/talk-show-1/index.html")
        #expect(page.contains("<h1>\(escaped)</h1>"))
        #expect(page.contains("<meta property=\"og:title\" content=\"\(escaped)\">"))
        #expect(page.contains("<title>\(escaped) · "))
        #expect(
            try site.read("en/contact/iom-rwanda/index.html").contains(
                "<section class=\"contact-card\" aria-label=\"\(escaped)\">"))
        for path in site.outputFiles() where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = try site.read(path)
            #expect(!text.contains("<script>alert") && !text.contains("</title>\""), "\(path)")
        }
    }

    @Test("JSON-LD reads back as written and cannot end its script element")
    func jsonLD() throws {
        let site = try Self.built()
        defer { site.remove() }
        let html = try site.read("en/contact/iom-rwanda/index.html")
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let block = html[start.upperBound..<end.lowerBound]
        #expect(!block.contains("<"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        #expect(json["name"] as? String == Self.payload)
        #expect(json["description"] as? String == Self.payload)
        #expect((json["address"] as? [String: Any])?["streetAddress"] as? String == Self.payload)
    }

    @Test("the podcast, the Atom feed and the sitemap are well-formed XML that reads back as written")
    func feeds() throws {
        let site = try Self.built()
        defer { site.remove() }
        let podcast = try XMLDocument(
            data: Data(contentsOf: site.output.appendingPathComponent("en/radio/podcast.xml")))
        let item = podcast.rootElement()?.elements(forName: "channel").first?.elements(forName: "item").first
        #expect(item?.elements(forName: "title").first?.stringValue == Self.payload)
        let atom = try XMLDocument(data: Data(contentsOf: site.output.appendingPathComponent("en/atom.xml")))
        #expect(
            atom.rootElement()?.elements(forName: "entry").first?.elements(forName: "title").first?.stringValue
                == Self.payload)
        _ = try XMLDocument(data: Data(contentsOf: site.output.appendingPathComponent("sitemap.xml")))
    }

    @Test("a vCard escapes , ; and \\ and reads back as written")
    func vCard() throws {
        let site = try Self.built()
        defer { site.remove() }
        let text = try site.read("en/vcard/iom-rwanda.vcf").replacingOccurrences(of: "\r\n ", with: "")
        let lines = text.components(separatedBy: "\r\n")
        let name = try #require(lines.first { $0.hasPrefix("FN:") }).dropFirst("FN:".count)
        #expect(name == "Tom & Jerry's \"<script>alert(1)</script>\"\\, Ltd\\; C:\\\\ </title>")
        #expect(
            lines.allSatisfy {
                $0.isEmpty || $0.range(of: #"^[A-Za-z-]+(;[^:]*)?:"#, options: .regularExpression) != nil
            })
    }
}
