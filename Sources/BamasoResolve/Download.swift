import BamasoSupport
import Foundation

/// A file in `content/media/` that a page's text links to (`[the leaflet](/media/leaflet.pdf)`),
/// as read from the disk: what the label after the link says of it ("PDF, 4 pages, 1.2 MB").
public struct Download: Sendable, Equatable {
    /// Path from the site root: `media/leaflet.pdf`.
    public var path: String
    public var bytes: Int
    /// What the label calls the file's type: its extension in capitals (`PDF`, `MP3`), or ""
    /// for a name without one.
    public var format: String
    /// A PDF's number of pages, when it could be read; nil for other files.
    public var pages: Int?
    /// Why the file cannot be offered, or why a PDF's label leaves out its pages.
    public var problem: Problem?

    public enum Problem: Sendable, Equatable {
        /// The file cannot be read at all: the system's reason ("permission denied").
        case unreadable(String)
        /// Named `.pdf`, but not a PDF: it does not start as every PDF does.
        case notPDF
        /// Poppler's `pdfinfo` is not installed, so the label leaves out the page count.
        case noPageCounter
    }

    public init(path: String, bytes: Int, format: String, pages: Int? = nil, problem: Problem? = nil) {
        self.path = path
        self.bytes = bytes
        self.format = format
        self.pages = pages
        self.problem = problem
    }

    /// The file at `url`, published as `path`. Reads its first kilobyte and its size, and for a
    /// PDF asks `counter` for its pages: a PDF whose pages cannot be counted (damaged, cut short,
    /// locked with a password) is labelled without them.
    static func read(_ url: URL, path: String, counter: PDFPageCounter) -> Download {
        let ext = (path as NSString).pathExtension
        var download = Download(path: path, bytes: 0, format: ext.uppercased())
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let head = try handle.read(upToCount: 1024) ?? Data()
            download.bytes = Int(try handle.seekToEnd())
            guard ext.lowercased() == "pdf" else { return download }
            // PDF readers accept the header anywhere in the first kilobyte (ISO 32000-1, H.3).
            guard head.range(of: Data("%PDF-".utf8)) != nil else {
                download.problem = .notPDF
                return download
            }
        } catch {
            download.problem = .unreadable(SystemError.describe(error))
            return download
        }
        switch counter.pages(of: url) {
        case .counted(let pages): download.pages = pages
        case .unknown: break
        case .noCounter: download.problem = .noPageCounter
        }
        return download
    }
}
