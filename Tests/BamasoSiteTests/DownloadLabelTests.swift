import BamasoTestSupport
import Foundation
import Testing

/// A link to a file in content/media/ is labelled with the file's type, pages and size, in the
/// page's language; an image is not.
@Suite struct DownloadLabelTests {
    /// Whether poppler's pdfinfo is on the PATH, where the build looks for it.
    static let hasPDFInfo = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
        FileManager.default.isExecutableFile(atPath: "\($0)/pdfinfo")
    }

    /// The basic fixture with a 4-page leaflet of 1.2 MB and a 1-page poster of 2 kB, linked
    /// from the fake-job-offers page in both languages, built.
    static func built() throws -> FixtureSite {
        let site = try FixtureSite("basic")
        let media = site.root.appendingPathComponent("content/media")
        try TinyPDF.data(pages: 4, size: 1_234_567).write(to: media.appendingPathComponent("leaflet.pdf"))
        try TinyPDF.data(pages: 1, size: 2_000).write(to: media.appendingPathComponent("poster.pdf"))
        for (language, text) in [
            (
                "en",
                "Print [the leaflet](/media/leaflet.pdf) and [the poster](media/poster.pdf). "
                    + "[Listen](/media/talk-show-1.mp3). ![The leaflet's cover](/media/leaflet.pdf)"
            ),
            (
                "rw",
                "Capa [agatabo](/media/leaflet.pdf) n'[icyapa](media/poster.pdf). "
                    + "[Umva](/media/talk-show-1.mp3). ![Igifuniko](/media/leaflet.pdf)"
            ),
        ] {
            let page = site.root.appendingPathComponent("content/risks/fake-job-offers.\(language).md")
            let handle = try FileHandle(forWritingTo: page)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n\(text)\n".utf8))
            try handle.close()
        }
        let report = site.build()
        #expect(report.diagnostics.filter { $0.severity == .error } == [])
        return site
    }

    @Test(
        "a PDF's label says its type, pages and size, as English writes them",
        .enabled(if: hasPDFInfo, "needs pdfinfo (apt-get install poppler-utils)"))
    func english() throws {
        let site = try Self.built()
        defer { site.remove() }
        #expect(
            try site.read("en/risks/fake-job-offers/index.html").contains(
                """
                <p>Print <a href="/bamaso/media/leaflet.pdf">the leaflet</a> \
                <span class="download">(PDF, 4 pages, 1.2 MB)</span> and \
                <a href="/bamaso/media/poster.pdf">the poster</a> <span class="download">(PDF, 1 page, 2 kB)</span>. \
                <a href="/bamaso/media/talk-show-1.mp3">Listen</a> <span class="download">(MP3, 7 kB)</span>. \
                <img src="/bamaso/media/leaflet.pdf" alt="The leaflet's cover" /></p>
                """))
    }

    @Test(
        "a PDF's label says its type, pages and size, as Kinyarwanda writes them: a decimal comma",
        .enabled(if: hasPDFInfo, "needs pdfinfo (apt-get install poppler-utils)"))
    func kinyarwanda() throws {
        let site = try Self.built()
        defer { site.remove() }
        #expect(
            try site.read("rw/risks/fake-job-offers/index.html").contains(
                """
                <p>Capa <a href="/bamaso/media/leaflet.pdf">agatabo</a> \
                <span class="download">(PDF, impapuro 4, 1,2 MB)</span> n'\
                <a href="/bamaso/media/poster.pdf">icyapa</a> <span class="download">(PDF, urupapuro 1, 2 kB)</span>. \
                <a href="/bamaso/media/talk-show-1.mp3">Umva</a> <span class="download">(MP3, 7 kB)</span>. \
                <img src="/bamaso/media/leaflet.pdf" alt="Igifuniko" /></p>
                """))
    }

    @Test("the audio player gives the size as a download link does")
    func audioPlayer() throws {
        let site = try Self.built()
        defer { site.remove() }
        #expect(
            try site.read("rw/radio/talk-show-1/index.html").contains(
                "<a href=\"/bamaso/media/talk-show-1.mp3\" download>Manura ikiganiro</a> (MP3, 7 kB, 0:02)"))
    }
}
