import BamasoDiagnostics
import BamasoSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text file of the project, read and checked: valid UTF-8, byte-order mark removed,
/// Windows line endings turned into `\n`.
public struct SourceFile: Sendable, Equatable {
    /// Relative to the project root, with `/` separators: `content/risks/a.en.md`.
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The largest text file bamaso reads. A page of this size is already far more than a
    /// visitor on a paid-per-megabyte phone connection should download; a larger file is
    /// almost always a mistake (a pasted log, a document that belongs in `content/media/`),
    /// and reading it would make every build and preview slow.
    public static let maximumBytes = 5_000_000

    /// Reads `url`; on failure appends a diagnostic naming `path` and returns nil.
    public static func read(_ url: URL, path: String, into diagnostics: inout [Diagnostic]) -> SourceFile? {
        let direct = readDirectly(url.path)
        let size =
            direct?.size
            ?? ((try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path))?[.size]
            as? NSNumber)?.intValue
        if let size, size > maximumBytes {
            diagnostics.append(
                .error(
                    at: FileLocation(path: path),
                    "this file is \(String(format: "%.1f", Double(size) / 1e6)) MB; bamaso reads text files of up "
                        + "to \(maximumBytes / 1_000_000) MB",
                    hint: "split the text into several pages, and put long documents in content/media/ as PDF files "
                        + "linked from a page"))
            return nil
        }
        let data: Data
        if let contents = direct?.contents {
            data = contents
        } else {
            do {
                data = try Data(contentsOf: url)
            } catch {
                diagnostics.append(
                    .error(
                        at: FileLocation(path: path), "cannot read this file: \(SystemError.describe(error))",
                        hint: "check that it exists and that you may read it"))
                return nil
            }
        }
        return decode(data, path: path, into: &diagnostics)
    }

    /// The size and, unless it is too large, the contents of the regular file at `path` (or
    /// that a link there leads to), read with plain system calls: Foundation's way through
    /// `URL` and `FileManager` cost three times as much as decoding the text. Nil when
    /// anything fails; Foundation then tries again and has the words for what went wrong.
    private static func readDirectly(_ path: String) -> (size: Int, contents: Data?)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(status.st_size)
        guard size <= maximumBytes else { return (size, nil) }
        var contents = Data(count: size)
        let complete = contents.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < size, let start = buffer.baseAddress {
                let count = pread(descriptor, start + offset, size - offset, off_t(offset))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        return complete ? (size, contents) : nil
    }

    public static func decode(_ data: Data, path: String, into diagnostics: inout [Diagnostic]) -> SourceFile? {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text = bytes.withUnsafeBytes { raw in
            String(validating: raw.assumingMemoryBound(to: UInt8.self), as: UTF8.self).map(withUnixLineEndings)
        }
        guard let text else {
            let location = firstInvalidUTF8(in: bytes)
            diagnostics.append(
                .error(
                    at: FileLocation(path: path, line: location.line, column: location.column),
                    "this file is not UTF-8 text",
                    hint: "save it again as UTF-8 (in most editors: Save with encoding, UTF-8)"))
            return nil
        }
        return SourceFile(path: path, text: text)
    }

    /// `text` with every `\r\n`, and every other `\r`, turned into `\n`, byte by byte.
    ///
    /// Foundation's `replacingOccurrences`, which did this before, does not match a line break
    /// that a combining mark follows (`"\r\u{301}"` stayed as it was, `"\r\n\u{301}"` became
    /// two line breaks); such a text still goes through it, so every file reads as it did.
    static func withUnixLineEndings(_ text: String) -> String {
        var contiguous = text
        return contiguous.withUTF8 { bytes -> String in
            guard let base = bytes.baseAddress, let found = memchr(base, 0x0D, bytes.count) else { return text }
            let first = UnsafeRawPointer(base).distance(to: found)
            var normalised: [UInt8] = []
            normalised.reserveCapacity(bytes.count)
            normalised.append(contentsOf: bytes[..<first])
            var index = first
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                guard byte == UInt8(ascii: "\r") else {
                    normalised.append(byte)
                    continue
                }
                if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                if index < bytes.count, bytes[index] >= 0x80 { return foundationLineEndings(text) }
                normalised.append(UInt8(ascii: "\n"))
            }
            return String(decoding: normalised, as: UTF8.self)
        }
    }

    private static func foundationLineEndings(_ text: String) -> String {
        text.contains("\r")
            ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            : text
    }

    /// Line and column (in characters) of the first byte that is not valid UTF-8.
    private static func firstInvalidUTF8(in bytes: Data.SubSequence) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let end = bytes.index(index, offsetBy: length, limitedBy: bytes.endIndex) ?? bytes.endIndex
            if length == 0 || String(validating: bytes[index..<end], as: UTF8.self) == nil {
                let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
                return (line, column)
            }
            if byte == 0x0A {
                line += 1
                lineStart = end
            }
            index = end
        }
        return (line, 1)
    }
}
