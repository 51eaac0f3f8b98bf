import BamasoDiagnostics
import BamasoLoad
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The project's files as the previous build found them, for `ProjectLoader`: a build reads
/// again only the files that changed since.
///
/// Which files changed is known from a watcher (`noteChanges`): the build looks at those paths
/// only. A file reported is read again, a folder reported is listed again, and nothing else is
/// touched, but for files that are symbolic links, whose targets no watcher follows. When no
/// watcher said anything (one that missed events, or a cache used without one), the build lists
/// both folders and reads every file again. Either way it lists and reads what `ProjectFiles`
/// would, with the same problems reported. Content files read again but unchanged cost little
/// more: the parse memo (`BuildCache`) reuses a page whose text is the same.
final class ProjectFileCache: ProjectFileSource, @unchecked Sendable {
    // Safe because every access to the state below holds `lock`, but for `reads`: it changes
    // only in `beginBuild` and `list`, which a build calls before it reads the files they give,
    // and then the pages are read on every core without waiting for one another.
    private let lock = NSLock()
    /// Paths (relative to the project, `content/risks/a.en.md`) a watcher reported since the
    /// last build; nil when no watcher said anything, so the next build reads every file.
    private var reported: Set<String>?
    /// The reports the current build works from.
    private var hints: Set<String>?
    /// Each folder's listing, by the folder's path.
    private var listings: [String: Listing] = [:]
    /// The listed files that are symbolic links, read again at every build.
    private var links: Set<String> = []
    private var reads: [String: Read] = [:]
    /// Files read by the current build, which join `reads` at the next `list` or build.
    private var fresh: [String: Read] = [:]
    /// The paths found changed, added or removed by the current build; nil when any may have.
    private(set) var changes: Set<String>?

    /// A folder's files, as `list` returns them (by path relative to the folder, sorted), and
    /// the problems of the entries left out (broken links) by path relative to the project.
    private struct Listing {
        var files: [(String, URL)] = []
        var problems: [String: [Diagnostic]] = [:]

        /// Removes `path` and, if it was a folder, every file in it; returns their paths.
        mutating func remove(_ path: some StringProtocol) -> [String] {
            let folder = path + "/"
            var removed: [String] = []
            files.removeAll { file in
                guard file.0 == path || file.0.hasPrefix(folder) else { return false }
                removed.append(file.0)
                return true
            }
            return removed
        }
    }

    private struct Read {
        var file: SourceFile?
        var diagnostics: [Diagnostic]
    }

    /// Paths a watcher saw change, relative to the project root; the next build looks at these
    /// and trusts every other file to be as before.
    func noteChanges(_ paths: some Sequence<String>) {
        lock.withLock { reported = (reported ?? []).union(paths) }
    }

    /// Starts a build: takes the watcher's reports, if any.
    func beginBuild() {
        lock.withLock {
            keepFreshReads()
            hints = listings.isEmpty ? nil : reported
            reported = nil
            changes = hints == nil ? nil : []
            if hints == nil { reads = [:] }
        }
    }

    func list(_ folder: URL, into diagnostics: inout [Diagnostic]) -> [(String, URL)] {
        let files = ProjectFiles(root: folder.deletingLastPathComponent())
        return lock.withLock {
            keepFreshReads()
            var listing: Listing
            if let hints, let previous = listings.removeValue(forKey: folder.path) {
                listing = previous
                update(&listing, in: folder, files: files, hints: hints)
            } else {
                listing = walk(folder, files: files)
            }
            listings[folder.path] = listing
            for problems in listing.problems.sorted(by: { $0.key < $1.key }) { diagnostics += problems.value }
            return listing.files
        }
    }

    func read(_ url: URL, path: String, into diagnostics: inout [Diagnostic]) -> SourceFile? {
        if let read = reads[path] {
            diagnostics += read.diagnostics
            return read.file
        }
        var found: [Diagnostic] = []
        let file = SourceFile.read(url, path: path, into: &found)
        lock.withLock { fresh[path] = Read(file: file, diagnostics: found) }
        diagnostics += found
        return file
    }

    /// Lists `folder` from the disk; every file in it is read again.
    private func walk(_ folder: URL, files: ProjectFiles) -> Listing {
        var listing = Listing()
        var problems: [Diagnostic] = []
        listing.files = files.list(folder, into: &problems)
        for problem in problems { listing.problems[problem.location.path, default: []].append(problem) }
        let prefix = folder.lastPathComponent + "/"
        links = links.filter { !$0.hasPrefix(prefix) }
        for (relative, url) in listing.files {
            forget(prefix + relative)
            if Self.isLink(url.path) { links.insert(prefix + relative) }
        }
        return listing
    }

    /// Brings a listing up to date with the paths a watcher reported.
    private func update(_ listing: inout Listing, in folder: URL, files: ProjectFiles, hints: Set<String>) {
        let prefix = folder.lastPathComponent + "/"
        let root = folder.deletingLastPathComponent()
        var appended = false
        for path in hints where path.hasPrefix(prefix) {
            let relative = path.dropFirst(prefix.count)
            // Hidden files and folders are not part of the project, as for `ProjectFiles.list`.
            guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            // What was at the path: a file, or a folder of files.
            for gone in listing.remove(relative) {
                links.remove(prefix + gone)
                forget(prefix + gone)
            }
            for problem in listing.problems.keys where problem == path || problem.hasPrefix(path + "/") {
                listing.problems[problem] = nil
            }
            forget(path)
            // What is there now.
            let url = root.appendingPathComponent(path)
            var problems: [Diagnostic] = []
            var status = stat()
            if lstat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                for (inside, file) in files.list(url, into: &problems) {
                    listing.files.append((relative + "/" + inside, file))
                    appended = true
                    if Self.isLink(file.path) { links.insert(path + "/" + inside) }
                    forget(path + "/" + inside)
                }
            } else if let (relative, file) = files.entry(url, in: folder, into: &problems) {
                listing.files.append((relative, file))
                appended = true
                if Self.isLink(file.path) { links.insert(path) }
            }
            for problem in problems { listing.problems[problem.location.path, default: []].append(problem) }
        }
        // What was appended goes to its place; the rest is in order already.
        if appended { listing.files.sort { $0.0 < $1.0 } }
        // A link's target may be outside the folders a watcher sees: read linked files again.
        for path in links where path.hasPrefix(prefix) { forget(path) }
    }

    private func keepFreshReads() {
        reads.merge(fresh) { _, new in new }
        fresh = [:]
    }

    private static func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// Marks `path` as changed in this build: it is read again.
    private func forget(_ path: String) {
        reads[path] = nil
        changes?.insert(path)
    }
}
