import BamasoDiagnostics
import BamasoRender
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
    @discardableResult
    public static func write(_ site: RenderedSite, to output: URL, into diagnostics: inout [Diagnostic]) -> Bool {
        let output = output.standardizedFileURL
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let shown = FileLocation(path: name + "/")
        let files = FileManager.default

        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: output.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            diagnostics.append(.error(at: shown, "the output \(output.path) is a file, not a folder",
                                      hint: "move that file away, or choose another output folder with --output"))
            return false
        }
        do {
            try files.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            diagnostics.append(.error(at: shown, "cannot create \(parent.path): \(error.localizedDescription)"))
            return false
        }

        guard let lock = BuildLock(at: parent.appendingPathComponent(".\(name).lock")) else {
            diagnostics.append(.error(at: shown, "another build is writing \(output.path) right now",
                                      hint: "wait for it to finish, then build again"))
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
                    at: shown, "cannot write the site into \(parent.path): \(error.localizedDescription)",
                    hint: "check that the folder exists and that you may write to it; the previous site was left as it was"))
            }
            return false
        }
    }

    private static func writeFiles(_ outputFiles: [OutputFile], into folder: URL, diagnostics: inout [Diagnostic]) throws {
        let files = FileManager.default
        var created = Set<String>()
        for file in outputFiles {
            guard let destination = safeDestination(file.path, in: folder) else {
                diagnostics.append(.error(at: FileLocation(path: file.path),
                                          "refusing to write '\(file.path)': it would land outside the output folder"))
                continue
            }
            let directory = destination.deletingLastPathComponent()
            if created.insert(directory.path).inserted {
                try files.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            switch file.contents {
            case .text(let text): try Data(text.utf8).write(to: destination)
            case .copy(let source): try files.copyItem(at: source, to: destination)
            }
        }
    }

    /// The file's place inside `folder`, or nil when its path is absolute or climbs out.
    static func safeDestination(_ path: String, in folder: URL) -> URL? {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else { return nil }
        let destination = folder.appendingPathComponent(path).standardizedFileURL
        return destination.path.hasPrefix(folder.standardizedFileURL.path + "/") ? destination : nil
    }
}

/// An exclusive lock on a file beside the output, so two builds never swap folders at once.
struct BuildLock {
    private let descriptor: Int32

    init?(at url: URL) {
        let descriptor = open(url.path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
