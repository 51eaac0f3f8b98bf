import BamasoDiagnostics
import BamasoLoad
import BamasoRender
import BamasoSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stage 5: writes a rendered site into a temporary folder beside the output folder and
/// swaps it in only when every file was written, so visitors and staff never see half a site,
/// and a failed build leaves the last good one as it was.
public enum SiteWriter {
    /// Writes `site` to `output`. Returns false, with diagnostics, when nothing was changed.
    /// - Parameter sources: folders the build reads (the project's `content/` and `templates/`):
    ///   the output may not be one of them, hold one, or lie inside one, because the swap
    ///   replaces the whole output folder.
    @discardableResult
    public static func write(
        _ site: RenderedSite, to output: URL, protecting sources: [URL] = [], into diagnostics: inout [Diagnostic]
    ) -> Bool {
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let shown = FileLocation(path: name + "/")
        let files = FileManager.default

        if let problem = OutputFolder.overlap(of: output, with: sources) {
            diagnostics.append(.error(at: shown, problem, hint: "choose another output folder with --output, such as public/ in the project"))
            return false
        }
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                diagnostics.append(.error(at: shown, "the output \(output.path) is a file, not a folder",
                                          hint: "move that file away, or choose another output folder with --output"))
                return false
            }
            if !OutputFolder.isReplaceable(output) {
                diagnostics.append(.error(
                    at: shown, "\(output.path) is not empty and has no index.html, so it is not a site bamaso built; the "
                        + "build does not replace it",
                    hint: "choose a new or empty folder with --output, or delete this one yourself if you are sure"))
                return false
            }
        }
        guard checkCollisions(site.files, into: &diagnostics) else { return false }
        do {
            try files.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            let reason = OutputFolder.fileInTheWay(of: parent).map { "\($0.path) is a file, not a folder" }
                ?? SystemError.describe(error)
            diagnostics.append(.error(
                at: shown, "cannot create the folder \(parent.path) for the output: \(reason)",
                hint: "check that each folder on that path is a folder, not a file, and that you may write "
                    + "there; or choose another output folder with --output"))
            return false
        }

        let lock: BuildLock
        switch BuildLock.acquire(at: parent.appendingPathComponent(".\(name).lock")) {
        case .success(let acquired):
            lock = acquired
        case .failure(.busy):
            diagnostics.append(.error(at: shown, "another build is writing \(output.path) right now",
                                      hint: "wait for it to finish, then build again"))
            return false
        case .failure(.cannotCreate(let code)):
            diagnostics.append(.error(
                at: shown, "cannot write into \(parent.path): \(SystemError.describe(errno: code))",
                hint: "choose an output folder you may write to with --output; the previous site was left as it was"))
            return false
        }
        defer { lock.release() }

        let staging = parent.appendingPathComponent(".\(name).new-\(UUID().uuidString.prefix(8))")
        let retired = parent.appendingPathComponent(".\(name).old-\(UUID().uuidString.prefix(8))")
        do {
            try files.createDirectory(at: staging, withIntermediateDirectories: false)
            try writeFiles(site.files, into: staging, diagnostics: &diagnostics)
            if diagnostics.hasErrors { throw CancellationError() }
            let hadOutput = files.fileExists(atPath: output.path)
            if hadOutput { try files.moveItem(at: output, to: retired) }
            do {
                try files.moveItem(at: staging, to: output)
            } catch {
                if hadOutput { try? files.moveItem(at: retired, to: output) }
                throw error
            }
            try? files.removeItem(at: retired)
            return true
        } catch {
            try? files.removeItem(at: staging)
            if !(error is CancellationError) {
                diagnostics.append(.error(
                    at: shown, "cannot write the site into \(parent.path): \(SystemError.describe(error))",
                    hint: "check that the folder exists, that you may write to it and that the disk is not full; "
                        + "the previous site was left as it was"))
            }
            return false
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
                diagnostics.append(.error(
                    at: location, "this would be published as \(here.path), where \(otherName) is published too",
                    hint: "rename one of them; only one file can have an address"))
            } else {
                diagnostics.append(.error(
                    at: location,
                    "this would be published as \(here.path) and \(otherName) as \(other.path): names that "
                        + "differ only in capital letters are the same file on USB sticks and on Windows and "
                        + "Mac computers",
                    hint: "rename one of them, using lowercase letters only"))
            }
        }
        return ok
    }

    private static func writeFiles(_ outputFiles: [OutputFile], into folder: URL, diagnostics: inout [Diagnostic]) throws {
        // The staging folder is new and only this build writes into it, so nothing in it can be
        // a link yet: the spelling of each path is all there is to check.
        var planned: [(destination: String, contents: OutputFile.Contents)] = []
        planned.reserveCapacity(outputFiles.count)
        for file in outputFiles {
            guard isPlainRelativePath(file.path) else {
                diagnostics.append(.error(at: FileLocation(path: file.path),
                                          "refusing to write '\(file.path)': it would land outside the output folder"))
                continue
            }
            planned.append((folder.path + "/" + file.path, file.contents))
        }
        // Each file's folder is made just before the file, on every core: a page has a folder
        // of its own, and making 10,000 of them one at a time took longer than the files.
        let root = folder.path
        let failures = planned.concurrentMap { job -> (any Error)? in
            do {
                try makeFolder(containing: job.destination, below: root)
                switch job.contents {
                case .text(let text): try writeText(text, to: URL(fileURLWithPath: job.destination))
                // A media file may be a link inside the project: publish the file, not a link
                // that would point out of the output folder.
                case .copy(let source):
                    try FileManager.default.copyItem(at: source.resolvingSymlinksInPath(),
                                                     to: URL(fileURLWithPath: job.destination))
                }
                return nil
            } catch {
                return error
            }
        }
        if let error = failures.lazy.compactMap({ $0 }).first { throw error }
    }

    /// True for `a/b/c.html`: not empty, not absolute, no `.`, `..` or empty part, no backslash
    /// or NUL.
    static func isPlainRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false)
            .contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
    }

    /// Makes the folder that `file` goes into, and the folders above it up to `root` (which
    /// exists), with one `mkdir` each; a folder another thread has just made is fine.
    private static func makeFolder(containing file: String, below root: String) throws {
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

    /// Writes a new file with plain system calls. Foundation's `Data.write(to:)` calls `fsync`
    /// on every file, which made writing 10,000 pages take seconds; the staging folder and the
    /// final rename already keep a half-written site from ever being published.
    static func writeText(_ text: String, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var text = text
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
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

/// An exclusive lock on a file beside the output, so two builds never swap folders at once.
struct BuildLock {
    enum Failure: Error {
        /// Another build holds the lock.
        case busy
        /// The lock file cannot be created: the folder is not writable, or does not exist.
        case cannotCreate(errno: Int32)
    }

    private let descriptor: Int32

    static func acquire(at url: URL) -> Result<BuildLock, Failure> {
        let descriptor = open(url.path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { return .failure(.cannotCreate(errno: errno)) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            return .failure(code == EWOULDBLOCK ? .busy : .cannotCreate(errno: code))
        }
        return .success(BuildLock(descriptor: descriptor))
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The C library's `write(2)`, which `SiteWriter.write(_:to:into:)` hides inside the type.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
