import BamasoDiagnostics
import BamasoSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a folder of the project, refusing anything that leads outside it.
public struct ProjectFiles: ProjectFileSource {
    public let root: URL

    /// - Parameter root: the project folder, symbolic links resolved.
    public init(root: URL) {
        self.root = root
    }

    func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Regular files under `folder` by path relative to it, sorted; hidden files are skipped.
    /// A folder that cannot be opened is an error naming it.
    ///
    /// Read with `readdir`, whose entries say which are plain files and folders: Foundation's
    /// enumerator made a URL of every entry and `entry` looked at each with `lstat`, on one core
    /// while the other waited, 50 ms for the 10,000 pages of the largest benchmark site.
    /// Links go through `entry`; on file systems whose entries do not say, `lstat` tells.
    public func list(_ folder: URL, into diagnostics: inout [Diagnostic]) -> [(String, URL)] {
        var found: [(String, URL)] = []
        walk(folder.path, relative: "", in: folder, into: &found, diagnostics: &diagnostics)
        return found.sorted { $0.0 < $1.0 }
    }

    /// Adds the files of the folder at `path` (`relative` inside `folder`) and its subfolders.
    private func walk(
        _ path: String, relative: String, in folder: URL, into found: inout [(String, URL)],
        diagnostics: inout [Diagnostic]
    ) {
        guard let directory = opendir(path) else {
            // Left out without a word, its pages would be missing from the site.
            let code = errno
            diagnostics.append(
                .error(
                    at: FileLocation(path: String(path.dropFirst(root.path.count + 1)) + "/"),
                    "this folder cannot be read (\(SystemError.describe(errno: code))), "
                        + "so its files are not in the site",
                    hint: "check that you may open it (its permissions), and that its path is not too long"))
            return
        }
        defer { closedir(directory) }
        while let item = readdir(directory) {
            let type = Int32(item.pointee.d_type)
            // Hidden, and `.` and `..`.
            guard item.pointee.d_name.0 != CChar(UInt8(ascii: ".")) else { continue }
            let (name, shown) = withUnsafePointer(to: item.pointee.d_name) { name in
                name.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { name in
                    String(validatingCString: name).map { ($0, $0) } ?? (nil, String(cString: name))
                }
            }
            guard let name else {
                // A name that is not UTF-8 cannot be written into a page or a web address.
                let projectPath = String((path + "/" + shown).dropFirst(root.path.count + 1))
                diagnostics.append(
                    .error(
                        at: FileLocation(path: projectPath), "this name is not UTF-8 text, so it cannot be read",
                        hint: "rename it, using lowercase letters a-z, digits and single hyphens"))
                continue
            }
            let full = path + "/" + name
            switch type == Int32(DT_UNKNOWN) ? Self.type(of: full) : type {
            case Int32(DT_DIR):
                walk(full, relative: relative + name + "/", in: folder, into: &found, diagnostics: &diagnostics)
            case Int32(DT_REG):
                found.append((relative + name, URL(fileURLWithPath: full, isDirectory: false)))
            case Int32(DT_LNK):
                if let entry = entry(URL(fileURLWithPath: full, isDirectory: false), in: folder, into: &diagnostics) {
                    found.append(entry)
                }
            default:
                continue  // sockets, pipes, devices
            }
        }
    }

    /// The `d_type` that `readdir` gives on file systems that say, from `lstat`.
    private static func type(of path: String) -> Int32 {
        var status = stat()
        guard lstat(path, &status) == 0 else { return Int32(DT_UNKNOWN) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return Int32(DT_DIR)
        case S_IFREG: return Int32(DT_REG)
        case S_IFLNK: return Int32(DT_LNK)
        default: return Int32(DT_UNKNOWN)
        }
    }

    /// The file at `url` (inside `folder`) as `list` gives it, or nil when `list` leaves it out:
    /// a folder, or a link that is broken, loops, or leads outside the project or to a folder.
    /// A link that cannot be followed is reported.
    public func entry(_ url: URL, in folder: URL, into diagnostics: inout [Diagnostic]) -> (String, URL)? {
        let prefix = folder.path + "/"
        let rootPath = root.path + "/"
        let path = url.path
        guard path.hasPrefix(prefix) else { return nil }
        let relative = String(path.dropFirst(prefix.count))
        let projectPath = String(path.dropFirst(rootPath.count))
        // `lstat` rather than `URL.resourceValues`, which cost as much as reading the file.
        var entry = stat()
        guard lstat(path, &entry) == 0 else { return nil }
        if entry.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                let looped = errno == ELOOP
                diagnostics.append(
                    .error(
                        at: FileLocation(path: projectPath),
                        looped
                            ? "this link leads back to itself through other links"
                            : "this is a link to a file that does not exist",
                        hint: "replace the link with the file itself"))
                return nil
            }
            let target = String(cString: resolved)
            free(resolved)
            let folder = isDirectory(URL(fileURLWithPath: target))
            if !target.hasPrefix(rootPath) {
                diagnostics.append(
                    .error(
                        at: FileLocation(path: projectPath), "this is a link to \(target), outside the project",
                        hint: "copy the \(folder ? "folder" : "file") into the project instead of linking to it"))
                return nil
            }
            if folder { return nil }  // the enumerator does not follow it; its files are elsewhere
            var status = stat()
            guard stat(target, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                diagnostics.append(
                    .error(
                        at: FileLocation(path: projectPath), "this is a link to \(target), which is not a file",
                        hint: "replace the link with the file itself"))
                return nil
            }
        } else if entry.st_mode & S_IFMT != S_IFREG {
            return nil
        }
        return (relative, url)
    }

    public func read(_ url: URL, path: String, into diagnostics: inout [Diagnostic]) -> SourceFile? {
        SourceFile.read(url, path: path, into: &diagnostics)
    }
}
