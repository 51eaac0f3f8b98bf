import Foundation

/// Values worked out from files (a PDF's pages as `pdfinfo` counts them, a fingerprint of its
/// bytes), each kept with the file's stamp (`FileStamp`) and worked out again only when the
/// stamp changed: for what costs too much to redo at every build that asks (running a program,
/// reading a large file). One build's pages share one, and the preview keeps one from build to
/// build (`BuildCache`).
///
/// Safe to share between threads.
public final class FileReadings<Value: Sendable>: @unchecked Sendable {
    // Safe because every access holds `lock`.
    private let lock = NSLock()
    private var known: [String: (stamp: FileStamp, value: Value)] = [:]

    public init() {}

    /// The value of the file at `url`: the one kept while the file's stamp is the same, else
    /// what `read` gives, kept unless it is nil (a reading that says nothing about the file).
    public func value(of url: URL, read: () -> Value?) -> Value? {
        guard let stamp = FileStamp(url) else { return read() }
        if let kept = lock.withLock({ known[url.path] }), kept.stamp == stamp { return kept.value }
        let value = read()
        if let value { lock.withLock { known[url.path] = (stamp, value) } }
        return value
    }
}
