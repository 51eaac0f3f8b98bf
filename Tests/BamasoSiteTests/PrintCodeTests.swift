import BamasoDiagnostics
import BamasoSite
import BamasoTestSupport
import Foundation
import Testing

/// Printable pages (a language's booklet, a page with `printable: true`) carry a QR code of
/// their full address, which a phone reading the printed sheet gets back.
@Suite struct PrintCodeTests {
    /// The basic fixture (site.yml's base_url is https://example.org/bamaso/), its English
    /// risk page made printable.
    static func site() throws -> FixtureSite {
        let site = try FixtureSite("basic")
        let page = site.root.appendingPathComponent("content/risks/fake-job-offers.en.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try text.replacingOccurrences(of: "weight: 1\n", with: "weight: 1\nprintable: true\n")
            .write(to: page, atomically: true, encoding: .utf8)
        return site
    }

    /// The SVG of the page's QR code, if it has one.
    static func printCode(in html: String) -> String? {
        html.firstMatch(of: /<figure class="print-code">\n(<svg .*?<\/svg>)/).map { String($0.output.1) }
    }

    @Test(
        "the booklet and a printable page carry a QR code of their full address",
        .enabled(if: QRCodeReader.isAvailable, "needs rsvg-convert (librsvg2-bin) and zbarimg (zbar-tools)"),
        arguments: [
            (nil, false, "https://example.org/bamaso/"),
            ("https://print.example.net/", false, "https://print.example.net/"),
            ("https://example.net/campaign/bamaso", false, "https://example.net/campaign/bamaso/"),
            // A portable build still prints the site's web address: a file:// one means nothing on paper.
            (nil, true, "https://example.org/bamaso/"),
        ] as [(String?, Bool, String)])
    func readsBack(baseURL: String?, portable: Bool, address: String) throws {
        let site = try Self.site()
        defer { site.remove() }
        let report = Site.build(BuildOptions(root: site.root, baseURL: baseURL, portable: portable))
        #expect(report.diagnostics == [])
        for (file, path) in [
            ("en/risks/fake-job-offers/index.html", "en/risks/fake-job-offers/"),
            ("rw/schools/booklet/index.html", "rw/schools/booklet/"),
            ("en/schools/booklet/index.html", "en/schools/booklet/"),
        ] {
            let html = try site.read(file)
            let svg = try #require(Self.printCode(in: html), "\(file) has no QR code")
            #expect(try QRCodeReader.decode(svg: svg) == address + path, "\(file)")
            #expect(html.contains("<span class=\"print-address\">\(address + path)</span>"))
        }
        // A page that does not ask has none.
        #expect(Self.printCode(in: try site.read("rw/risks/fake-job-offers/index.html")) == nil)
    }

    @Test("without the site's full address, a printable page warns at its line, and nothing has a code")
    func withoutFullAddress() throws {
        let site = try Self.site()
        defer { site.remove() }
        let report = site.build(baseURL: "/bamaso/")
        #expect(report.diagnostics.map(\.severity) == [.warning])
        #expect(
            report.diagnostics.first?.location == FileLocation(path: "content/risks/fake-job-offers.en.md", line: 5))
        #expect(report.diagnostics.first?.hint?.contains("base_url") == true)
        for file in ["en/risks/fake-job-offers/index.html", "rw/schools/booklet/index.html"] {
            #expect(!(try site.read(file)).contains("print-code"))
        }
    }
}
