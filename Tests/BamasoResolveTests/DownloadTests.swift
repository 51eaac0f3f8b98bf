import BamasoTestSupport
import Foundation
import Testing

@testable import BamasoResolve

/// What a download's label says of the file, as read from the disk: size, type, a PDF's pages.
@Suite struct DownloadTests {
    static let hasPDFInfo = PDFPageCounter.installed.executable != nil

    /// A new temporary file holding `data`.
    func file(_ data: Data, named name: String = "leaflet.pdf") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    func remove(_ url: URL) { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }

    @Test("a PDF's size, type and pages", .enabled(if: hasPDFInfo, "needs pdfinfo (apt-get install poppler-utils)"))
    func pdf() throws {
        let data = TinyPDF.data(pages: 4)
        let url = try file(data)
        defer { remove(url) }
        #expect(PDFPageCounter.installed.pages(of: url) == .counted(4))
        #expect(
            Download.read(url, path: "media/leaflet.pdf", counter: .installed)
                == Download(path: "media/leaflet.pdf", bytes: data.count, format: "PDF", pages: 4))
    }

    @Test(
        "a file that is not a PDF but is named .pdf, or that is empty, is no PDF",
        arguments: [
            Data("A letter, saved with the wrong name.\n".utf8), Data(),
            Data([0x50, 0x4B, 0x03, 0x04]) + Data("word/document.xml".utf8),
        ])
    func notPDF(data: Data) throws {
        let url = try file(data)
        defer { remove(url) }
        #expect(
            Download.read(url, path: "media/leaflet.pdf", counter: .installed)
                == Download(path: "media/leaflet.pdf", bytes: data.count, format: "PDF", problem: .notPDF))
    }

    @Test("a PDF cut short is labelled without its pages", .enabled(if: hasPDFInfo, "needs pdfinfo"))
    func truncated() throws {
        let data = TinyPDF.data(pages: 4).prefix(100)
        let url = try file(data)
        defer { remove(url) }
        #expect(PDFPageCounter.installed.pages(of: url) == .unknown)
        #expect(
            Download.read(url, path: "media/leaflet.pdf", counter: .installed)
                == Download(path: "media/leaflet.pdf", bytes: 100, format: "PDF"))
    }

    @Test("a file that cannot be read at all says why")
    func unreadable() {
        let url = URL(fileURLWithPath: "/nonexistent/bamaso/leaflet.pdf")
        #expect(
            Download.read(url, path: "media/leaflet.pdf", counter: .installed)
                == Download(
                    path: "media/leaflet.pdf", bytes: 0, format: "PDF",
                    problem: .unreadable("no such file or directory")))
    }

    @Test("without pdfinfo, a PDF is labelled without its pages, and says why")
    func noPDFInfo() throws {
        let data = TinyPDF.data(pages: 2)
        let url = try file(data)
        defer { remove(url) }
        #expect(
            Download.read(url, path: "media/leaflet.pdf", counter: PDFPageCounter(executable: nil))
                == Download(path: "media/leaflet.pdf", bytes: data.count, format: "PDF", problem: .noPageCounter))
    }

    @Test("other files: their size and extension only; pdfinfo is not asked")
    func otherFiles() throws {
        let url = try file(Data(repeating: 7, count: 1500), named: "talk-show-1.mp3")
        defer { remove(url) }
        #expect(
            Download.read(url, path: "media/talk-show-1.mp3", counter: PDFPageCounter(executable: nil))
                == Download(path: "media/talk-show-1.mp3", bytes: 1500, format: "MP3"))
        let bare = try file(Data("notes".utf8), named: "README")
        defer { remove(bare) }
        #expect(
            Download.read(bare, path: "media/README", counter: .installed)
                == Download(path: "media/README", bytes: 5, format: ""))
    }

    @Test("a page counter that does not finish is stopped, and the pages are unknown")
    func hangingCounter() throws {
        let url = try file(TinyPDF.data(pages: 1))
        defer { remove(url) }
        // A pdfinfo stuck on a file, as a damaged one might make it: it would print the pages
        // a minute later. It notes that it started, so the test cannot pass without running it.
        let folder = try MediaFolder()
        defer { folder.remove() }
        let started = folder.url.appendingPathComponent("started")
        let stuck = try folder.addScript(
            "pdfinfo", "#!/bin/sh\ntouch '\(started.path)'\nexec sleep 60\necho 'Pages: 1'\n")
        let clock = Date()
        #expect(PDFPageCounter(executable: stuck, timeout: .milliseconds(300)).pages(of: url) == .unknown)
        #expect(Date().timeIntervalSince(clock) < 10)
        #expect(FileManager.default.fileExists(atPath: started.path))
    }

    @Test(
        "the page count is the number on pdfinfo's Pages line",
        arguments: [
            ("Title:          Leaflet\nPages:          12\nEncrypted:      no\n", 12 as Int?),
            ("Title:          Pages: 3\nPages:          1\n", 1), ("Encrypted:      no\n", nil),
            ("Pages:  many\n", nil),
        ])
    func report(report: String, pages: Int?) {
        #expect(PDFPageCounter.pages(inReport: report) == pages)
    }
}
