import BamasoDiagnostics
import BamasoRender
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SiteWriter {
    /// Makes the folder that `file` goes into, and the folders above it up to `root` (which
    /// exists), with one `mkdir` each; a folder another thread has just made is fine.
    static func makeFolder(containing file: String, below root: String) throws {
        guard let slash = file.lastIndex(of: "/") else { return }
        let folder = String(file[..<slash])
        guard folder.count > root.count else { return }
        if mkdir(folder, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        try makeFolder(containing: folder, below: root)
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// Two files for one address: the second would silently replace the first. Names that
    /// differ only in capital letters are one file on a USB stick and on Windows and Mac
    /// computers, where the site must work too, so they count as one address.
    static func checkCollisions(_ outputFiles: [OutputFile], into diagnostics: inout [Diagnostic]) -> Bool {
        var seen: [String: OutputFile] = [:]
        var ok = true
        for file in outputFiles {
            let key = file.path.lowercased()
            guard let first = seen[key] else {
                seen[key] = file
                continue
            }
            ok = false
            // Report at a project file: the one the editor can rename.
            let (here, other) = file.source == nil && first.source != nil ? (first, file) : (file, first)
            let location = FileLocation(path: here.source ?? here.path)
            let otherName = other.source.map { "'\($0)'" } ?? "a page the build makes itself"
            if here.path == other.path {
                diagnostics.append(
                    .error(
                        at: location, "this would be published as \(here.path), where \(otherName) is published too",
                        hint: "rename one of them; only one file can have an address"))
            } else {
                diagnostics.append(
                    .error(
                        at: location,
                        "this would be published as \(here.path) and \(otherName) as \(other.path): names that "
                            + "differ only in capital letters are the same file on USB sticks and on Windows and Mac "
                            + "computers",
                        hint: "rename one of them, using lowercase letters only"))
            }
        }
        return ok
    }

    /// True for `a/b/c.html`: not empty, not absolute, no `.`, `..` or empty part, no backslash
    /// or NUL. Read byte by byte: it is asked of every file of the site on one core before any
    /// is written, where splitting the path into strings took a few milliseconds per thousand files.
    static func isPlainRelativePath(_ path: String) -> Bool {
        var part = 0  // bytes of the current part
        var dots = 0  // how many of them are dots
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                guard part > 0, part != dots || dots > 2 else { return false }
                (part, dots) = (0, 0)
            case UInt8(ascii: "\\"), 0:
                return false
            case UInt8(ascii: "."):
                (part, dots) = (part + 1, dots + 1)
            default:
                part += 1
            }
        }
        return part > 0 && (part != dots || dots > 2)
    }

    /// The file's place inside `folder`, or nil when its path is absolute, climbs out, or
    /// passes through a symbolic link that already exists inside `folder` (which could lead
    /// anywhere). Checked after normalisation, so no spelling of a path can leave the folder.
    static func safeDestination(_ path: String, in folder: URL) -> URL? {
        guard isPlainRelativePath(path) else { return nil }
        let parts = path.split(separator: "/")
        let folder = folder.standardizedFileURL
        let destination = folder.appendingPathComponent(path).standardizedFileURL
        guard destination.path.hasPrefix(folder.path + "/") else { return nil }
        var step = folder
        for part in parts {
            step.appendPathComponent(String(part))
            var status = stat()
            if lstat(step.path, &status) != 0 { break }  // nothing there yet, nor below it
            if status.st_mode & S_IFMT == S_IFLNK { return nil }
        }
        return destination
    }
}
