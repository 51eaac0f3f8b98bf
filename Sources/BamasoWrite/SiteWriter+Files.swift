import BamasoDiagnostics
import BamasoRender
import BamasoSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing the site's files into the staging folder: many at once, each in place when an
/// earlier site left it there.
extension SiteWriter {
    /// A file to write: its path in the site and in the staging folder, and what it holds.
    fileprivate typealias Planned = (path: String, destination: String, contents: OutputFile.Contents)

    /// Writes `outputFiles` into the staging folder `root`; the files in `existing` are there
    /// already and are rewritten only when their contents differ.
    static func writeFiles(
        _ outputFiles: [OutputFile], into root: String, existing: Set<String>, interruption: Interruption,
        writeBack: StagingFolder.WriteBack? = nil, diagnostics: inout [Diagnostic]
    ) throws {
        // Only this build writes into the staging folder, and `StagingTree.prune` removed every
        // link from it: the spelling of each path is all there is to check.
        var planned: [Planned] = []
        planned.reserveCapacity(outputFiles.count)
        for file in outputFiles {
            guard isPlainRelativePath(file.path) else {
                diagnostics.append(
                    .error(
                        at: FileLocation(path: file.path),
                        "refusing to write '\(file.path)': it would land outside the output folder"))
                continue
            }
            planned.append((file.path, root + "/" + file.path, file.contents))
        }
        if diagnostics.hasErrors { return }
        if existing.isEmpty { planned = interleavedByFolder(planned, path: \.path) }
        // Each file's folder is made just before the file, on every core: a page has a folder
        // of its own, and making 10,000 of them one at a time took longer than the files. Files
        // already there are compared many at once (`diskMap`): the earlier site may be on the
        // disk only. In quarters: after each, the disk starts on what is written (`WriteBack`);
        // the test hook `write` pauses the build halfway.
        let job: @Sendable (Planned) -> (any Error)? = { job in
            if interruption.requested != nil { return CancellationError() }
            do {
                try write(job.contents, to: job.destination, below: root, existing: existing.contains(job.path))
                return nil
            } catch {
                return error
            }
        }
        var failures: [(any Error)?] = []
        for quarter in 0..<4 {
            if quarter > 0 { writeBack?.start() }
            if quarter == 2 { interruption.checkpoint("write") }
            let part = Array(planned[(planned.count * quarter / 4)..<(planned.count * (quarter + 1) / 4)])
            failures += existing.isEmpty ? part.concurrentMap(job) : part.diskMap(job)
        }
        if interruption.requested != nil { throw CancellationError() }
        if let error = failures.lazy.compactMap({ $0 }).first { throw error }
    }

    /// `files` reordered so that files next to each other have their folders made in different
    /// folders: the first of each section folder's files, then the second of each, and so on,
    /// each folder's in their order (`en/risks/a/index.html` makes `a` in `en/risks`). `mkdir`
    /// locks the folder it makes a folder in, and with a section's pages written one after the
    /// other, the cores took turns at that lock: at 1,000 pages per language, the threads writing
    /// into an empty folder waited 47 ms for it in all, and 3 ms once reordered (`perf sched`).
    static func interleavedByFolder<File>(_ files: [File], path: (File) -> String) -> [File] {
        var groups: [[File]] = []
        var groupOf: [Substring: Int] = [:]
        for file in files {
            let path = path(file)
            let bytes = path.utf8
            let folder = bytes.lastIndex(of: UInt8(ascii: "/")).flatMap {
                bytes[..<$0].lastIndex(of: UInt8(ascii: "/"))
            }
            let key = folder.map { path[..<$0] } ?? ""
            if let group = groupOf[key] {
                groups[group].append(file)
            } else {
                groupOf[key] = groups.count
                groups.append([file])
            }
        }
        var result: [File] = []
        result.reserveCapacity(files.count)
        for round in 0..<(groups.map(\.count).max() ?? 0) {
            for group in groups where round < group.count { result.append(group[round]) }
        }
        return result
    }

    /// Writes one file of the site into the staging folder `root`: in place when it is there
    /// already (and only if its contents differ), else as a new file in a new folder if need be.
    private static func write(
        _ contents: OutputFile.Contents, to destination: String, below root: String,
        existing: Bool
    ) throws {
        if existing {
            _ = try StagingTree.update(destination, with: contents)
            return
        }
        try makeFolder(containing: destination, below: root)
        switch contents {
        case .text(var text):
            try text.withUTF8 { try writeBytes(UnsafeRawBufferPointer($0), to: destination, replacing: false) }
        // A media file may be a link inside the project: publish the file, not a link that
        // would point out of the output folder.
        case .copy(let source):
            try FileManager.default.copyItem(
                at: source.resolvingSymlinksInPath(),
                to: URL(fileURLWithPath: destination))
        }
    }

    /// Writes a file with plain system calls. Foundation's `Data.write(to:)` calls `fsync` on
    /// every file, which made writing 10,000 pages take seconds; the staging folder and the
    /// swap already keep a half-written site from ever being published.
    /// - Parameter replacing: false for a new file (which must not exist yet); true to write
    ///   over an existing one in place, keeping its inode and its blocks (cut to the new
    ///   length after), never through a link.
    static func writeBytes(_ bytes: UnsafeRawBufferPointer, to path: String, replacing: Bool) throws {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (replacing ? O_NOFOLLOW : O_EXCL)
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        if let code = writeAll(bytes, to: descriptor) { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
        if replacing, ftruncate(descriptor, off_t(bytes.count)) != 0 {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }
}
