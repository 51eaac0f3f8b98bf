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

/// Stage 5: writes a rendered site into a staging folder beside the output folder and swaps
/// the two only when every file was written, so visitors and staff never see half a site, and
/// a failed or interrupted build leaves the last good one as it was. The swap leaves the old
/// site in the staging folder, and the next build updates it in place (see `StagingFolder`).
public enum SiteWriter {
    /// What `write` did, and how long it took.
    public struct Outcome: Sendable {
        /// True when the new site is in the output's place.
        public var written = false
        /// How many files `write` wrote (the whole site), or `update` wrote or removed.
        public var files = 0
        /// The signal that stopped the build while it wrote, if one did (`Interruption`).
        public var interruption: Int32?
        /// The staging folder that holds what a stopped build wrote (`.public.staging-1a2b3c4d`):
        /// the kept folder it was updating, or one it made and had no time to remove (it has
        /// half a second); the next build reuses it. Nil when nothing was left.
        public var leftBehind: String?
        /// Seconds spent writing and comparing files.
        public var writing = 0.0
        /// Seconds spent waiting for the disk to hold what was written (`StagingFolder.makeDurable`).
        public var syncing = 0.0
        /// Seconds spent removing what the new site lacks from the staging folder, and swapping.
        public var cleaning = 0.0
    }

    /// Writes `site` to `output`. Returns, with diagnostics, whether the site was written; when
    /// it was not, the output was not changed.
    /// - Parameter sources: folders the build reads (the project's `content/` and `templates/`):
    ///   the output may not be one of them, hold one, or lie inside one, because the swap
    ///   replaces the whole output folder.
    /// - Parameter interruption: stops the writer, which then removes what it wrote.
    @discardableResult
    public static func write(
        _ site: RenderedSite, to output: URL, protecting sources: [URL] = [], interruption: Interruption? = nil,
        into diagnostics: inout [Diagnostic]
    ) -> Outcome {
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let shown = FileLocation(path: name + "/")
        let files = FileManager.default
        let interruption = interruption ?? Interruption()
        var outcome = Outcome()

        if let problem = OutputFolder.overlap(of: output, with: sources) {
            diagnostics.append(
                .error(
                    at: shown, problem,
                    hint: "choose another output folder with --output, such as public/ in the project"))
            return outcome
        }
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                diagnostics.append(
                    .error(
                        at: shown, "the output \(output.path) is a file, not a folder",
                        hint: "move that file away, or choose another output folder with --output"))
                return outcome
            }
            if !OutputFolder.isReplaceable(output) {
                diagnostics.append(
                    .error(
                        at: shown,
                        "\(output.path) is not empty and has no index.html, so it is not a site bamaso built; the "
                            + "build does not replace it",
                        hint: "choose a new or empty folder with --output, or delete this one yourself if you are sure")
                )
                return outcome
            }
        }
        guard checkCollisions(site.files, into: &diagnostics) else { return outcome }
        guard interruption.beginWriting() else {
            outcome.interruption = interruption.requested
            return outcome
        }
        defer { interruption.endWriting() }
        do {
            try files.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            let reason =
                OutputFolder.fileInTheWay(of: parent).map { "\($0.path) is a file, not a folder" }
                ?? SystemError.describe(error)
            diagnostics.append(
                .error(
                    at: shown, "cannot create the folder \(parent.path) for the output: \(reason)",
                    hint:
                        "check that each folder on that path is a folder, not a file, and that you may write "
                        + "there; or choose another output folder with --output"
                ))
            return outcome
        }

        let lock: BuildLock
        switch BuildLock.acquire(at: parent.appendingPathComponent(".\(name).lock")) {
        case .success(let acquired):
            lock = acquired
        case .failure(.busy):
            diagnostics.append(
                .error(
                    at: shown, "another build is writing \(output.path) right now",
                    hint: "wait for it to finish, then build again"))
            return outcome
        case .failure(.cannotCreate(let code)):
            diagnostics.append(
                .error(
                    at: shown, "cannot write into \(parent.path): \(SystemError.describe(errno: code))",
                    hint: "choose an output folder you may write to with --output; the previous site was left as it was"
                ))
            return outcome
        }
        defer { lock.release() }

        var staging: StagingFolder?
        var clock = DispatchTime.now()
        func lap() -> Double {
            let now = DispatchTime.now()
            defer { clock = now }
            return seconds(from: clock, to: now)
        }
        do {
            let folder = try StagingFolder.prepare(beside: output, lock: lock)
            staging = folder
            let root = parent.appendingPathComponent(folder.name).path
            let existing = folder.isNew ? [] : try StagingTree.prune(root, keeping: Set(site.files.map(\.path)))
            outcome.cleaning += lap()
            try writeFiles(
                site.files, into: root, existing: existing, interruption: interruption,
                diagnostics: &diagnostics)
            outcome.writing += lap()
            if diagnostics.hasErrors { throw CancellationError() }
            try StagingFolder.makeDurable(parent.appendingPathComponent(folder.name)) {
                interruption.requested != nil
            }
            outcome.syncing += lap()
            interruption.checkpoint("swap")
            if interruption.requested != nil { throw CancellationError() }
            try StagingFolder.swap(folder.name, with: output, lock: lock)
            outcome.written = true
            outcome.files = site.files.count
            interruption.checkpoint("swapped")
            outcome.interruption = interruption.requested
            outcome.cleaning += lap()
            return outcome
        } catch {
            // A staging folder this build made is removed (within half a second when a signal
            // stopped the build; what is left then stays recorded, for the next build to reuse);
            // one that held an earlier site is kept, partly updated, for the next build, which
            // brings it up to date anyway.
            if let staging, staging.isNew {
                let deadline = DispatchTime.now() + (interruption.requested == nil ? 3600 : 0.5)
                let path = parent.appendingPathComponent(staging.name).path
                if (try? StagingTree.remove(path, before: deadline)) == true {
                    try? lock.record([])
                } else {
                    outcome.leftBehind = staging.name
                }
            } else if let staging, interruption.requested != nil {
                outcome.leftBehind = staging.name
            }
            outcome.cleaning += lap()
            outcome.interruption = interruption.requested
            if !(error is CancellationError) {
                diagnostics.append(
                    .error(
                        at: shown, "cannot write the site into \(parent.path): \(SystemError.describe(error))",
                        hint:
                            "check that the folder exists, that you may write to it and that the disk is not full; "
                            + "the previous site was left as it was"
                    ))
            }
            return outcome
        }
    }

    /// A file to write: its path in the site and in the staging folder, and what it holds.
    private typealias Planned = (path: String, destination: String, contents: OutputFile.Contents)

    /// Writes `outputFiles` into the staging folder `root`; the files in `existing` are there
    /// already and are rewritten only when their contents differ.
    private static func writeFiles(
        _ outputFiles: [OutputFile], into root: String, existing: Set<String>, interruption: Interruption,
        diagnostics: inout [Diagnostic]
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
        // Each file's folder is made just before the file, on every core: a page has a folder
        // of its own, and making 10,000 of them one at a time took longer than the files. Files
        // already there are compared many at once (`diskMap`): the earlier site may be on the
        // disk only. In two halves, so that the test hook `write` pauses the build halfway.
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
        for (index, half) in [planned[..<(planned.count / 2)], planned[(planned.count / 2)...]].enumerated() {
            if index == 1 { interruption.checkpoint("write") }
            failures += existing.isEmpty ? Array(half).concurrentMap(job) : Array(half).diskMap(job)
        }
        if interruption.requested != nil { throw CancellationError() }
        if let error = failures.lazy.compactMap({ $0 }).first { throw error }
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
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
        if replacing, ftruncate(descriptor, off_t(bytes.count)) != 0 {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }
}

/// The C library's `write(2)`, which `SiteWriter.write` hides inside the type.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
