import BamasoSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks that replacing the output folder as a whole cannot destroy anything but an older
/// build: `--output .` or `--output content` would otherwise swap the project itself away.
enum OutputFolder {
    /// Why `output` may not be written, when it is one of the `sources`, holds one, or lies
    /// inside one; nil when it is apart from all of them. Symbolic links are followed.
    static func overlap(of output: URL, with sources: [URL]) -> String? {
        let target = realPath(output)
        for source in sources {
            let folder = realPath(source)
            let name = source.lastPathComponent + "/"
            if target == folder {
                return "the output folder \(output.path) is the project's \(name) folder, which the build would replace"
            }
            if contains(target, folder) {
                return
                    "the output folder \(output.path) holds the project's \(name) folder, which the build would replace"
            }
            if contains(folder, target) {
                return "the output folder \(output.path) is inside the project's \(name) folder"
            }
        }
        return nil
    }

    /// An existing folder may be replaced when it is empty or holds an `index.html`, as every
    /// build does: it is then an earlier build, not a folder of someone's files.
    static func isReplaceable(_ folder: URL) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if entries.isEmpty { return true }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(
            atPath: folder.appendingPathComponent("index.html").path,
            isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Whether `folder` is the top folder of a file system of its own: a USB stick or another
    /// disk mounted there, or `/`. Such a folder cannot be replaced as a whole: the staging
    /// folder beside it would be on another disk, and the system refuses to move a mount.
    static func isMountPoint(_ folder: URL) -> Bool {
        var own = stat()
        var parent = stat()
        guard stat(folder.path, &own) == 0, stat(folder.path + "/..", &parent) == 0 else { return false }
        return own.st_dev != parent.st_dev || own.st_ino == parent.st_ino
    }

    /// The nearest existing file on the way to `folder` that is not a folder, which stops the
    /// folder from being created; nil when there is none.
    static func fileInTheWay(of folder: URL) -> URL? {
        var step = folder.standardizedFileURL
        while step.path != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: step.path, isDirectory: &isDirectory) {
                return isDirectory.boolValue ? nil : step
            }
            step.deleteLastPathComponent()
        }
        return nil
    }

    /// The folder a build writes to when it is told `output`: `output` itself, or, when
    /// `output` is a symbolic link (`public/` made a link to a web server's folder), the folder
    /// the link leads to, which the build then replaces beside itself, leaving the link as it is.
    /// Replacing the link instead would leave the folder it leads to as it was, for ever.
    /// Fails, saying why, when the link leads nowhere.
    static func followingLink(_ output: URL) -> Result<URL, LinkError> {
        var status = stat()
        guard lstat(output.path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return .success(output) }
        // `stat` follows the link: it fails only when the link leads nowhere (or in a loop).
        guard stat(output.path, &status) == 0 else {
            let reason = SystemError.describe(errno: errno)
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: output.path)) ?? "?"
            return .failure(LinkError(destination: destination, reason: reason))
        }
        return .success(URL(fileURLWithPath: realPath(output)))
    }

    /// A link named as the output that leads nowhere: where it points, and why that fails.
    struct LinkError: Error {
        var destination: String
        var reason: String
    }

    /// True when `inner` is `outer` or lies inside it.
    private static func contains(_ outer: String, _ inner: String) -> Bool {
        inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    /// The path with every symbolic link resolved, for a path that may not exist yet: its
    /// deepest existing folder is resolved and the rest appended.
    static func realPath(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while existing.path != "/" {
            if let resolved = realpath(existing.path, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                return rest.reversed().reduce(base) { ($0 == "/" ? "" : $0) + "/" + $1 }
            }
            rest.append(existing.lastPathComponent)
            existing.deleteLastPathComponent()
        }
        return "/" + rest.reversed().joined(separator: "/")
    }
}
