import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Feeds, the sitemap, vCards, JSON-LD, share links, the booklet and the 404 page of the
/// fixture site, read back the way other tools read them.
@Suite struct PublishedFilesTests {
    static func built() throws -> FixtureSite {
        let site = try FixtureSite("basic")
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [])
        return site
    }

    static func xml(_ site: FixtureSite, _ path: String) throws -> XMLElement {
        let document = try XMLDocument(data: Data(contentsOf: site.output.appendingPathComponent(path)))
        return try #require(document.rootElement())
    }

    static func text(_ element: XMLElement, _ name: String) -> String? {
        element.elements(forName: name).first?.stringValue
    }

    /// An attribute's value. (FoundationXML's `attribute(forName:)` misses attributes of
    /// elements in a default namespace, so look through the list.)
    static func attribute(_ element: XMLElement?, _ name: String) -> String? {
        element?.attributes?.first { $0.name == name }?.stringValue
    }

    @Test("the podcast feed has one item per show with audio, with the file's real size and length")
    func podcast() throws {
        let site = try Self.built()
        defer { site.remove() }
        let channel = try #require(try Self.xml(site, "en/radio/podcast.xml").elements(forName: "channel").first)
        #expect(Self.text(channel, "language") == "en")
        #expect(Self.text(channel, "link") == "https://example.org/bamaso/en/radio/")
        let items = channel.elements(forName: "item")
        #expect(items.count == 1)
        let item = try #require(items.first)
        #expect(Self.text(item, "title") == "Radio Dix talk show: \"Ask & listen\" <live>")
        #expect(Self.text(item, "guid") == "https://example.org/bamaso/en/radio/talk-show-1/")
        #expect(Self.text(item, "pubDate") == "Fri, 01 Jun 2012 00:00:00 +0000")
        #expect(Self.text(item, "itunes:duration") == "2")  // 50 MPEG frames of 1152 samples at 32 kHz
        let enclosure = try #require(item.elements(forName: "enclosure").first)
        let size =
            try FileManager.default.attributesOfItem(
                atPath: site.root.appendingPathComponent("content/media/talk-show-1.mp3").path)[.size] as? Int
        #expect(Self.attribute(enclosure, "length") == size.map(String.init))
        #expect(Self.attribute(enclosure, "type") == "audio/mpeg")
        #expect(Self.attribute(enclosure, "url") == "https://example.org/bamaso/media/talk-show-1.mp3")
        #expect(site.outputFiles().contains("media/talk-show-1.mp3"))
        // The radio pages announce it.
        #expect(
            try site.read("en/radio/index.html").contains(
                "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Podcast\" "
                    + "href=\"/bamaso/en/radio/podcast.xml\">"))
    }

    @Test("an audio component plays the file, offers it for download, and says its format, size and length")
    func audioComponent() throws {
        let site = try Self.built()
        defer { site.remove() }
        #expect(
            try site.read("en/about/index.html").contains(
                """
                <figure class="audio">
                <audio controls preload="none" src="/bamaso/media/talk-show-1.mp3"></audio>
                <figcaption><a href="/bamaso/media/talk-show-1.mp3" download>Download the recording</a> \
                (MP3, 7 kB, 0:02)</figcaption>
                </figure>
                """))
    }

    @Test("the Atom feed lists dated pages of its language, newest first")
    func atom() throws {
        let site = try Self.built()
        defer { site.remove() }
        let feed = try Self.xml(site, "rw/atom.xml")
        #expect(Self.text(feed, "updated") == "2012-06-01T00:00:00Z")
        let entries = feed.elements(forName: "entry")
        #expect(entries.map { Self.text($0, "title") } == ["Ikiganiro kuri Radio Dix"])
        #expect(
            Self.attribute(entries.first?.elements(forName: "link").first, "href")
                == "https://example.org/bamaso/rw/radio/talk-show-1/")
    }

    @Test("the sitemap lists every page with its translations; robots.txt points to it")
    func sitemap() throws {
        let site = try Self.built()
        defer { site.remove() }
        let urls = try Self.xml(site, "sitemap.xml").elements(forName: "url")
        let pages = site.outputFiles().filter { $0.hasSuffix("index.html") && !$0.contains("booklet") }
        #expect(urls.count == pages.count)
        let page = try #require(
            urls.first { Self.text($0, "loc") == "https://example.org/bamaso/rw/risks/fake-job-offers/" })
        let alternates = page.elements(forName: "xhtml:link").map {
            (Self.attribute($0, "hreflang") ?? "", Self.attribute($0, "href") ?? "")
        }
        #expect(alternates.map(\.0) == ["rw", "en", "x-default"])
        #expect(alternates[1].1 == "https://example.org/bamaso/en/risks/fake-job-offers/")
        #expect(
            try site.read("robots.txt") == "User-agent: *\nAllow: /\nSitemap: https://example.org/bamaso/sitemap.xml\n")
    }

    @Test("an organisation's vCard reads back with its name, phones, email and address")
    func vCard() throws {
        let site = try Self.built()
        defer { site.remove() }
        let text = try site.read("en/vcard/iom-rwanda.vcf")
        #expect(text.hasSuffix("END:VCARD\r\n"))
        // Unfold continuation lines, then read "NAME;PARAMS:VALUE" properties.
        let lines = text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter {
            !$0.isEmpty
        }
        var properties: [String: [String]] = [:]
        for line in lines {
            let colon = try #require(line.firstIndex(of: ":"))
            let name = String(line[..<colon].split(separator: ";")[0])
            properties[name, default: []].append(String(line[line.index(after: colon)...]))
        }
        #expect(properties["VERSION"] == ["3.0"])
        #expect(properties["FN"] == ["IOM Rwanda"])
        #expect(properties["TEL"] == ["+250252586710", "+250786134270"])
        #expect(properties["EMAIL"] == ["iomrwanda@iom.int"])
        let address = try #require(properties["ADR"]?.first).components(separatedBy: ";")[2]
        #expect(address.replacingOccurrences(of: "\\,", with: ",") == "KG 632 St, Kimihurura, Kigali")
        #expect(
            try site.read("en/contact/iom-rwanda/index.html").contains(
                "<a href=\"/bamaso/en/vcard/iom-rwanda.vcf\" download>"))
    }

    @Test("a contact page carries schema.org Organization data with its contact points")
    func jsonLD() throws {
        let site = try Self.built()
        defer { site.remove() }
        let html = try site.read("rw/contact/iom-rwanda/index.html")
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
        )
        #expect(json["@type"] as? String == "Organization")
        #expect(json["name"] as? String == "IOM Rwanda")
        #expect(json["url"] as? String == "https://example.org/bamaso/rw/contact/iom-rwanda/")
        let points = try #require(json["contactPoint"] as? [[String: Any]])
        #expect(points.map { $0["telephone"] as? String } == ["+250252586710", "+250786134270"])
    }

    @Test("a risk message can be shared by WhatsApp, SMS and email without a script, and has Open Graph data")
    func sharing() throws {
        let site = try Self.built()
        defer { site.remove() }
        let html = try site.read("en/risks/fake-job-offers/index.html")
        let message =
            "Fake job offers: Check a job offer before you go. https://example.org/bamaso/en/risks/fake-job-offers/"
        let links = FixtureSite.links(in: html)
        let whatsapp = try #require(links.first { $0.hasPrefix("https://wa.me/?text=") })
        #expect(whatsapp.dropFirst("https://wa.me/?text=".count).removingPercentEncoding == message)
        let sms = try #require(links.first { $0.hasPrefix("sms:?body=") })
        #expect(sms.dropFirst("sms:?body=".count).removingPercentEncoding == message)
        #expect(links.contains { $0.hasPrefix("mailto:?subject=Fake%20job%20offers&body=") })
        #expect(
            html.contains("<meta property=\"og:url\" content=\"https://example.org/bamaso/en/risks/fake-job-offers/\">")
        )
        #expect(html.contains("<meta property=\"og:title\" content=\"Fake job offers\">"))
        #expect(html.contains("<meta name=\"twitter:card\" content=\"summary\">"))
    }

    @Test("special characters in front matter are escaped in HTML, feeds and JSON")
    func escaping() throws {
        let site = try Self.built()
        defer { site.remove() }
        let html = try site.read("en/radio/talk-show-1/index.html")
        #expect(html.contains("<h1>Radio Dix talk show: &quot;Ask &amp; listen&quot; &lt;live&gt;</h1>"))
        #expect(!html.contains("<live>"))
        #expect(
            try Self.xml(site, "en/atom.xml").elements(forName: "entry").first.flatMap { Self.text($0, "title") }
                == "Radio Dix talk show: \"Ask & listen\" <live>")
    }

    @Test("the booklet gathers every school material of its language, in order, with unique ids")
    func booklet() throws {
        let site = try Self.built()
        defer { site.remove() }
        let html = try site.read("en/schools/booklet/index.html")
        #expect(html.contains("<h2 id=\"debate-club\">Start a debate club</h2>"))
        #expect(html.contains("<h3 id=\"debate-club-steps\">Steps</h3>"))
        let ids = html.matches(of: /id="([^"]+)"/).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count)
        #expect(try site.read("en/schools/index.html").contains("<a href=\"/bamaso/en/schools/booklet/\">"))
        #expect(html.contains("<a href=\"/bamaso/rw/schools/booklet/\" hreflang=\"rw\" lang=\"rw\">Ikinyarwanda</a>"))
    }

    @Test("the 404 page speaks both languages and links home from any address")
    func notFound() throws {
        let site = try Self.built()
        defer { site.remove() }
        let html = try site.read("404.html")
        #expect(html.contains("<section lang=\"rw\""))
        #expect(html.contains("<section lang=\"en\""))
        #expect(html.contains("<a class=\"choice\" href=\"/bamaso/rw/\" hreflang=\"rw\">"))
        #expect(html.contains("<a class=\"choice\" href=\"/bamaso/en/\" hreflang=\"en\">"))
        #expect(html.contains(/href="\/bamaso\/style\.[0-9a-f]{8}\.css"/))
    }

    @Test("without a full site address, no feed, sitemap or share link is published")
    func relativeBase() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        #expect(!site.build(baseURL: "/bamaso/").hasErrors)
        let files = site.outputFiles()
        #expect(!files.contains("sitemap.xml"))
        #expect(!files.contains("en/atom.xml"))
        #expect(try site.read("robots.txt") == "User-agent: *\nAllow: /\n")
        #expect(try !site.read("en/risks/fake-job-offers/index.html").contains("wa.me"))
    }
}
