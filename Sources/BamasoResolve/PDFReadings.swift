import BamasoSupport
import Foundation

/// What earlier reads of PDFs found out (a PDF's pages, its content's fingerprint), by path and
/// the file's stamp (`FileStamp`): a PDF that did not change is not read or
/// handed to poppler again. One is kept by a build cache across preview rebuilds, and shared by
/// the pages of one build, which link the same leaflet from every language.
public final class PDFReadings: @unchecked Sendable {
    // Safe because every access holds `lock`.
    private let lock = NSLock()
    private var pages: [String: (stamp: FileStamp, count: PDFPageCounter.Count)] = [:]
    private var fingerprints: [String: (stamp: FileStamp, fingerprint: String)] = [:]

    public init() {}

    /// The pages of `url` as `count` gives them, asked only when the file is new or changed.
    func pages(of url: URL, count: () -> PDFPageCounter.Count) -> PDFPageCounter.Count {
        guard let stamp = FileStamp(url) else { return count() }
        if let known = lock.withLock({ pages[url.path] }), known.stamp == stamp { return known.count }
        let counted = count()
        // "No pdfinfo" is not a fact about the file.
        if counted != .noCounter { lock.withLock { pages[url.path] = (stamp, counted) } }
        return counted
    }

    /// A fingerprint of the contents of `url` and its size (`3f2a…-1234567`), read only when the
    /// file is new or changed; nil when it cannot be read.
    func fingerprint(of url: URL) -> String? {
        guard let stamp = FileStamp(url) else { return nil }
        if let known = lock.withLock({ fingerprints[url.path] }), known.stamp == stamp { return known.fingerprint }
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return nil }
        let fingerprint = Fingerprint.hex(of: data) + "-\(data.count)"
        lock.withLock { fingerprints[url.path] = (stamp, fingerprint) }
        return fingerprint
    }
}
