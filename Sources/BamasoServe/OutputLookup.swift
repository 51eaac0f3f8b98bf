import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the file a request path names inside the built site, as a web server would, and
/// never anything outside it.
enum OutputLookup {
    enum Result: Equatable {
        /// A file inside the output folder, by its real path.
        case file(URL)
        /// A folder asked for without its trailing slash: the address to send the browser to.
        case redirect(location: String)
        case notFound
    }

    /// Resolves `rawPath` (the path of the request line, still percent-encoded) in `folder`.
    ///
    /// Refused, as not found: a path that does not decode, or that holds a NUL or a backslash
    /// once decoded, any segment starting with `.` (so `..`, written plainly or as `%2e%2e`),
    /// and anything whose real path, after following symbolic links, is outside `folder`.
    static func resolve(_ rawPath: String, query: String? = nil, in folder: URL) -> Result {
        guard let decoded = rawPath.removingPercentEncoding, decoded.hasPrefix("/"),
            !decoded.contains("\0"), !decoded.contains("\\")
        else { return .notFound }
        let segments = decoded.split(separator: "/")
        guard !segments.contains(where: { $0.hasPrefix(".") }) else { return .notFound }
        guard let root = realPath(folder.path) else { return .notFound }

        let candidate = segments.reduce(root) { $0 + "/" + $1 }
        guard let real = realPath(candidate), real == root || real.hasPrefix(root + "/") else { return .notFound }
        switch fileType(real) {
        case .directory:
            guard rawPath.hasSuffix("/") else {
                // Built from the segments, so `//host` can never become a link to another site.
                let location = "/" + rawPath.split(separator: "/").joined(separator: "/") + "/"
                return .redirect(location: location + (query.map { "?" + $0 } ?? ""))
            }
            guard let index = realPath(real + "/index.html"), index.hasPrefix(root + "/"),
                fileType(index) == .regular
            else { return .notFound }
            return .file(URL(fileURLWithPath: index))
        case .regular:
            return rawPath.hasSuffix("/") ? .notFound : .file(URL(fileURLWithPath: real))
        case .other:
            return .notFound
        }
    }

    /// The canonical path, symbolic links followed; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private enum FileType { case directory, regular, other }

    private static func fileType(_ path: String) -> FileType {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        default: return .other
        }
    }
}
