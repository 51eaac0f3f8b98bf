import BamasoSite
import BamasoTestSupport
import Foundation
import Testing

/// `[the leaflet](/media/leaflet.pdf "thumbnail")` shows a picture of the PDF's first page,
/// published beside it, at most 15 KB, drawn once and kept in `.bamaso-cache/`.
@Suite struct PDFThumbnailSiteTests {
    static let hasPDFToPPM = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
        FileManager.default.isExecutableFile(atPath: "\($0)/pdftoppm")
    }

    /// The width and height in a JPEG's frame header.
    static func jpegSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0xFF, 0xD8]) else { return nil }
        var index = 2
        while index + 9 < bytes.count, bytes[index] == 0xFF {
            let marker = bytes[index + 1]
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return (
                    Int(bytes[index + 7]) << 8 | Int(bytes[index + 8]),
                    Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                )
            }
            index += 2 + (Int(bytes[index + 2]) << 8 | Int(bytes[index + 3]))
        }
        return nil
    }

    @Test(
        "the thumbnail is a JPEG of at most 15 KB of the stated size, the same at every build",
        .enabled(if: hasPDFToPPM, "needs pdftoppm (apt-get install poppler-utils)"))
    func thumbnail() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let media = site.root.appendingPathComponent("content/media")
        try TinyPDF.data(pages: 4, size: 50_000).write(to: media.appendingPathComponent("leaflet.pdf"))
        let page = site.root.appendingPathComponent("content/risks/fake-job-offers.en.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try (text + "\nPrint [the leaflet](/media/leaflet.pdf \"thumbnail\").\n").write(
            to: page, atomically: true, encoding: .utf8)

        #expect(site.build().diagnostics == [])
        let published = site.output.appendingPathComponent("media/leaflet.pdf.thumbnail.jpg")
        let first = try Data(contentsOf: published)
        #expect(first.count <= 15_000)
        let size = try #require(Self.jpegSize(first), "not a JPEG")
        #expect(size.width == 200 && size.height == 200)  // TinyPDF's pages are square
        #expect(
            try site.read("en/risks/fake-job-offers/index.html").contains(
                "<a href=\"/bamaso/media/leaflet.pdf\" title=\"thumbnail\">the leaflet</a> "
                    + "<span class=\"download\">(PDF, 4 pages, 50 kB)</span> "
                    + "<img class=\"download-thumbnail\" src=\"/bamaso/media/leaflet.pdf.thumbnail.jpg\" "
                    + "width=\"200\" height=\"200\" alt=\"the leaflet\" loading=\"lazy\">"))

        // Kept in the cache, by the PDF's fingerprint: a second build copies it.
        let cache = site.root.appendingPathComponent(".bamaso-cache/pdf-thumbnails")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).count == 1)
        #expect(site.build().diagnostics == [])
        #expect(try Data(contentsOf: published) == first)
        // Drawn again from nothing, it is the same picture.
        try FileManager.default.removeItem(at: cache)
        #expect(site.build().diagnostics == [])
        #expect(try Data(contentsOf: published) == first)
    }
}
