import BamasoDiagnostics
import BamasoResolve
import BamasoSupport
import BamasoTestSupport
import Foundation
import Testing

/// A link to a PDF with the title "thumbnail" asks for a picture of its first page; what a
/// build finds out about a PDF is found out once while the file stays the same.
@Suite struct PDFThumbnailTests {
    static let page = "content/risks/a.en.md"

    func risk(_ body: String) -> String { "---\ntitle: A\nkey_message: Be alert.\n---\n\(body)" }

    @Test("without pdftoppm, a link that asks for a thumbnail is shown without one, and says why")
    func noRenderer() throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        var fixture = SiteFixture([Self.page: risk("[The leaflet](/media/leaflet.pdf \"thumbnail\")\n")])
        fixture.media = ["media/leaflet.pdf": try folder.add("leaflet.pdf", TinyPDF.data(pages: 2))]
        fixture.thumbnailer = PDFThumbnailer(executable: nil)
        let (site, diagnostics) = fixture.resolve()
        #expect(
            diagnostics.filter { $0.message.contains("thumbnail") } == [
                .warning(
                    at: FileLocation(path: Self.page, line: 5, column: 1),
                    "'/media/leaflet.pdf' is shown without a thumbnail: poppler's pdftoppm is not installed",
                    hint: "install it (apt-get install poppler-utils) to show the thumbnail")
            ])
        let link = try #require(site.pages.first { $0.page.path == Self.page }?.links.first ?? nil)
        #expect(link.download != nil && link.thumbnail == nil)
    }

    @Test("a thumbnail is only for a PDF")
    func notAPDF() throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        var fixture = SiteFixture([Self.page: risk("[Listen](/media/show.mp3 \"thumbnail\")\n")])
        fixture.media = ["media/show.mp3": try folder.add("show.mp3", Data(repeating: 1, count: 100))]
        let (_, diagnostics) = fixture.resolve()
        #expect(
            diagnostics.filter { $0.message.contains("thumbnail") }.map(\.message) == [
                "'/media/show.mp3' asks for a thumbnail, which only a PDF file can have"
            ])
    }

    @Test("a PDF's pages are counted once while it stays the same, and again when it changes")
    func pagesCountedOnce() throws {
        let folder = try MediaFolder()
        defer { folder.remove() }
        let url = try folder.add("leaflet.pdf", TinyPDF.data(pages: 2))
        let readings = FileReadings<PDFPageCounter.Count>()
        // A pdfinfo that notes each run in a file beside it, and answers 2 pages.
        let runs = folder.url.appendingPathComponent("runs")
        let counter = try folder.addScript("pdfinfo", "#!/bin/sh\necho run >> '\(runs.path)'\necho 'Pages: 2'\n")
        let pages = PDFPageCounter(executable: counter, readings: readings)
        func timesRun() -> Int {
            ((try? String(contentsOf: runs, encoding: .utf8)) ?? "").split(separator: "\n").count
        }
        #expect(pages.pages(of: url) == .counted(2))
        #expect(pages.pages(of: url) == .counted(2))
        #expect(timesRun() == 1)
        try TinyPDF.data(pages: 3, size: 4_000).write(to: url)
        _ = pages.pages(of: url)
        #expect(timesRun() == 2)
    }
}
