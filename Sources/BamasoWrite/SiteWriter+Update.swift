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

extension SiteWriter {
    /// Brings `output`, which holds `previous` as `write` or `update` left it, to `site` in
    /// place: writes the files whose contents changed, and removes the files, and the folders
    /// left empty, that `site` no longer has. For the preview server, where a rebuild after a
    /// save changes a few files of thousands; a published folder is always written whole, by
    /// `write`, so that visitors never see half a site.
    ///
    /// Each file is written beside its place and renamed into it, so a reader never sees half a
    /// file.
    /// - Parameter changedSources: the project files (`content/media/a.pdf`) whose contents may
    ///   have changed since `previous` was written: what is copied from them is copied again.
    ///   Nil when any may have.
    /// - Returns: how many files were written or removed, and how long that took; not
    ///   `written`, with diagnostics, when the folder could not be brought up to date (it may
    ///   then be partly updated).
    public static func update(
        _ output: URL, from previous: RenderedSite, to site: RenderedSite, changedSources: Set<String>?,
        into diagnostics: inout [Diagnostic]
    ) -> Outcome {
        let output = output.standardizedFileURL
        let started = DispatchTime.now()
        var outcome = Outcome()
        func copiedSourceChanged(_ file: OutputFile) -> Bool {
            guard case .copy = file.contents else { return false }
            guard let changedSources, let source = file.source else { return true }
            return changedSources.contains(source)
        }
        var changed: [OutputFile] = []
        var removed: [String] = []
        if previous.files.count == site.files.count, zip(previous.files, site.files).allSatisfy({ $0.path == $1.path })
        {
            // The usual rebuild: the same files in the same order, which passed the collision
            // check before.
            changed = zip(previous.files, site.files).filter { old, new in
                old.contents != new.contents || copiedSourceChanged(new)
            }.map(\.1)
        } else {
            guard checkCollisions(site.files, into: &diagnostics) else { return outcome }
            let before = Dictionary(
                previous.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
            changed = site.files.filter { before[$0.path] != $0.contents || copiedSourceChanged($0) }
            let paths = Set(site.files.map(\.path))
            removed = previous.files.map(\.path).filter { !paths.contains($0) }
        }

        let shown = FileLocation(path: output.lastPathComponent + "/")
        do {
            let removing = DispatchTime.now()
            for path in removed {
                try? FileManager.default.removeItem(at: output.appendingPathComponent(path))
                removeEmptyFolders(above: path, in: output)
            }
            outcome.cleaning = seconds(from: removing)
            // Folders first, one at a time; then the files, on every core.
            var folders = Set<String>()
            var planned: [(destination: URL, contents: OutputFile.Contents)] = []
            for file in changed {
                guard let destination = safeDestination(file.path, in: output) else {
                    diagnostics.append(
                        .error(
                            at: FileLocation(path: file.path),
                            "refusing to write '\(file.path)': it would land outside the output folder"))
                    return outcome
                }
                let folder = destination.deletingLastPathComponent()
                if folders.insert(folder.path).inserted {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                }
                planned.append((destination, file.contents))
            }
            let failures = planned.concurrentMap { job -> (any Error)? in
                do {
                    try replace(job.destination, with: job.contents)
                    return nil
                } catch {
                    return error
                }
            }
            if let error = failures.lazy.compactMap({ $0 }).first { throw error }
        } catch {
            diagnostics.append(
                .error(
                    at: shown, "cannot write the site into \(output.path): \(SystemError.describe(error))",
                    hint: "check that you may write to it and that the disk is not full"))
            return outcome
        }
        outcome.writing = seconds(from: started) - outcome.cleaning
        (outcome.written, outcome.files) = (true, changed.count + removed.count)
        return outcome
    }

    /// The seconds from `start` to `end`, for `Outcome`'s timings.
    static func seconds(from start: DispatchTime, to end: DispatchTime = .now()) -> Double {
        Double(end.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// Writes `destination` beside its place and renames it into it.
    private static func replace(_ destination: URL, with contents: OutputFile.Contents) throws {
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString.prefix(8))")
        do {
            switch contents {
            case .text(var text):
                try text.withUTF8 { try writeBytes(UnsafeRawBufferPointer($0), to: temporary.path, replacing: false) }
            case .copy(let source):
                try FileManager.default.copyItem(at: source.resolvingSymlinksInPath(), to: temporary)
            }
            guard rename(temporary.path, destination.path) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Removes the folders of `path` that are left empty, deepest first.
    private static func removeEmptyFolders(above path: String, in output: URL) {
        var parts = path.split(separator: "/").dropLast()
        while !parts.isEmpty, rmdir(output.appendingPathComponent(parts.joined(separator: "/")).path) == 0 {
            parts = parts.dropLast()
        }
    }
}
