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
        /// half a second); the next build reuses it. Its name, beside the output; its path when the
        /// output was a link, and it lies beside the folder the link leads to. Nil when nothing was left.
        public var leftBehind: String?
        /// Seconds spent writing and comparing files.
        public var writing = 0.0
        /// Seconds spent waiting for the disk to hold what was written (`StagingFolder.WriteBack`).
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
        write(
            site, to: output, protecting: sources, interruption: interruption, sync: StagingFolder.syncFileSystem,
            into: &diagnostics)
    }

    /// `write`, with `sync` in place of `syncfs` (for tests).
    static func write(
        _ site: RenderedSite, to output: URL, protecting sources: [URL], interruption: Interruption?,
        sync: @escaping @Sendable (Int32) -> Int32, into diagnostics: inout [Diagnostic]
    ) -> Outcome {
        let named = output.standardizedFileURL
        let shown = FileLocation(path: named.lastPathComponent + "/")
        let output: URL
        switch OutputFolder.followingLink(named) {
        case .success(let folder):
            output = folder
        case .failure(let link):
            diagnostics.append(
                .error(
                    at: shown,
                    "the output \(named.path) is a link to \(link.destination), which cannot be used: \(link.reason)",
                    hint: "make the folder it points to, or choose another output folder with --output"))
            return Outcome()
        }
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
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
            if OutputFolder.isMountPoint(output) {
                diagnostics.append(
                    .error(
                        at: shown,
                        "\(output.path) is the top folder of a disk of its own (a USB stick, or a drive mounted "
                            + "there), which a build cannot replace as a whole",
                        hint: "write into a folder on it, such as --output "
                            + "\(output.appendingPathComponent("ba-maso").path), or build on this computer and copy "
                            + "the folder there"))
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
            do {
                try FolderAccess(of: output.path)?.give(to: root)
            } catch let refusal as FolderAccess.Refusal {
                diagnostics.append(accessWarning(refusal, output: output, staging: root, at: shown))
            }
            let existing = folder.isNew ? [] : try StagingTree.prune(root, keeping: Set(site.files.map(\.path)))
            outcome.cleaning += lap()
            let writeBack = try StagingFolder.WriteBack(parent.appendingPathComponent(folder.name), sync: sync)
            try writeFiles(
                site.files, into: root, existing: existing, interruption: interruption, writeBack: writeBack,
                diagnostics: &diagnostics)
            outcome.writing += lap()
            if diagnostics.hasErrors { throw CancellationError() }
            try writeBack.finish { interruption.requested != nil }
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
            if let staging {
                let path = parent.appendingPathComponent(staging.name).path
                let left = output == named ? staging.name : path
                if staging.isNew {
                    let deadline = DispatchTime.now() + (interruption.requested == nil ? 3600 : 0.5)
                    if (try? StagingTree.remove(path, before: deadline)) == true {
                        try? lock.record([])
                    } else {
                        outcome.leftBehind = left
                    }
                } else if interruption.requested != nil {
                    outcome.leftBehind = left
                }
            }
            outcome.cleaning += lap()
            outcome.interruption = interruption.requested
            if let full = diskFull(error, writing: site, into: parent, at: shown) {
                diagnostics.append(full)
            } else if !(error is CancellationError) {
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
}
