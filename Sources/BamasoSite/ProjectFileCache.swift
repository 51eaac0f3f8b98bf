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
/// Which files changed is known in one of two ways. Told by a watcher (`noteChanges`), the
/// build looks at those paths only: a file reported is read again, a folder reported is walked
/// again, and nothing else is touched. Not told, it walks both folders and compares each file's
/// size, modification time and inode with the previous build's; a file modified within the
/// last two seconds is read again all the same, since a change in the same clock tick would not
/// show. Either way the build lists and reads what `ProjectFiles` would, with the same
/// problems reported; site.yml and contacts.yml are parsed again only when their text changed.
final class ProjectFileCache: ProjectFileSource, @unchecked Sendable {
    // Safe because every access to the state below holds `lock`, but for `reads`: it changes
    // only in `beginBuild` and `list`, which a build calls before it reads the files they give,
    // and then the pages are read on every core without waiting for one another.
    private let lock = NSLock()
    /// Paths (relative to the project, `content/risks/a.en.md`) a watcher reported since the
    /// last build; nil when no watcher said anything, so the next build compares every file.
    private var reported: Set<String>?
    /// The reports the current build works from.
    private var hints: Set<String>?
    /// Each folder's listing, by the folder's path.
    private var listings: [String: Listing] = [:]
    private var stamps: [String: Stamp] = [:]
    private var reads: [String: Read] = [:]
    /// Files read by the current build, which join `reads` at the next `list` or build.
    private var fresh: [String: Read] = [:]
    /// What site.yml and contacts.yml gave, with the text they gave it for.
    private var results: [String: (text: String, value: any Sendable, diagnostics: [Diagnostic])] = [:]
    /// The paths found changed, added or removed by the current build; nil for the first build.
    private(set) var changes: Set<String>?

    /// A folder's files, as `list` returns them (by path relative to the folder, sorted), and
    /// the problems of the entries left out (broken links) by path relative to the project.
    private struct Listing {
        var files: [(String, URL)] = []
        var problems: [String: [Diagnostic]] = [:]

        /// Where `path` is, or would be, in `files`.
        func position(of path: some StringProtocol) -> Int {
            var (low, high) = (0, files.count)
            while low < high {
                let middle = (low + high) / 2
                if files[middle].0 < path { low = middle + 1 } else { high = middle }
            }
            return low
        }

        mutating func insert(_ path: String, _ url: URL) {
            let position = position(of: path)
            if position < files.count, files[position].0 == path {
                files[position].1 = url
            } else {
                files.insert((path, url), at: position)
            }
        }

        /// Removes `path` and, if it was a folder, every file in it; returns their paths.
        mutating func remove(_ path: some StringProtocol) -> [String] {
            var removed: [String] = []
            let position = position(of: path)
            if position < files.count, files[position].0 == path {
                removed.append(files.remove(at: position).0)
            }
            // A folder's files are together, after the paths that continue with a character
            // before "/" ("a-b" before "a/").
            let folder = path + "/"
            let start = self.position(of: folder)
            var end = start
            while end < files.count, files[end].0.hasPrefix(folder) { end += 1 }
            removed += files[start..<end].map(\.0)
            files.removeSubrange(start..<end)
            return removed
        }
    }

    private struct Read {
        var file: SourceFile?
        var diagnostics: [Diagnostic]
    }

    /// What tells that a file changed without reading it.
    struct Stamp: Equatable {
        var size: Int
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
        /// The path is a symbolic link; the rest is of the file it leads to.
        var isLink: Bool
        /// Older than the margin when it was taken: a later change cannot have the same time.
        var settled: Bool

        static let margin = 2

        /// Of the file at `path`, links followed; nil when there is none.
        init?(path: String, now: Int) {
            var status = stat()
            guard lstat(path, &status) == 0 else { return nil }
            isLink = status.st_mode & S_IFMT == S_IFLNK
            guard !isLink || stat(path, &status) == 0 else { return nil }
            #if canImport(Darwin)
            let modified = status.st_mtimespec
            #else
            let modified = status.st_mtim
            #endif
            size = Int(status.st_size)
            seconds = Int(modified.tv_sec)
            nanoseconds = Int(modified.tv_nsec)
            inode = UInt64(status.st_ino)
            settled = seconds + Self.margin < now
        }

        /// Whether `later`, taken at the next build, shows the file unchanged.
        func vouches(for later: Stamp) -> Bool {
            var same = later
            same.settled = settled
            return settled && same == self
        }
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
            changes = listings.isEmpty ? nil : []
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
                listing = walk(folder, files: files, previous: listings[folder.path])
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

    /// Gives the previous result while the file's text is the same.
    func parsed<Value: Sendable>(
        _ file: SourceFile, with parse: (SourceFile, inout [Diagnostic]) -> Value, into diagnostics: inout [Diagnostic]
    ) -> Value {
        if let previous = lock.withLock({ results[file.path] }), previous.text == file.text,
            let value = previous.value as? Value
        {
            diagnostics += previous.diagnostics
            return value
        }
        var found: [Diagnostic] = []
        let value = parse(file, &found)
        lock.withLock { results[file.path] = (file.text, value, found) }
        diagnostics += found
        return value
    }

    /// Lists `folder` from the disk and compares every file's stamp with the previous one.
    private func walk(_ folder: URL, files: ProjectFiles, previous: Listing?) -> Listing {
        var listing = Listing()
        var problems: [Diagnostic] = []
        listing.files = files.list(folder, into: &problems)
        for problem in problems { listing.problems[problem.location.path, default: []].append(problem) }
        let prefix = folder.lastPathComponent + "/"
        let now = Int(Date().timeIntervalSince1970)
        var listed = Set<String>()
        for (relative, url) in listing.files {
            let path = prefix + relative
            listed.insert(path)
            let stamp = Stamp(path: url.path, now: now)
            if let stamp, let old = stamps[path], old.vouches(for: stamp) { continue }
            stamps[path] = stamp
            forget(path)
        }
        for (relative, _) in previous?.files ?? [] where !listed.contains(prefix + relative) {
            stamps[prefix + relative] = nil
            forget(prefix + relative)
        }
        return listing
    }

    /// Brings a listing up to date with the paths a watcher reported.
    private func update(_ listing: inout Listing, in folder: URL, files: ProjectFiles, hints: Set<String>) {
        let prefix = folder.lastPathComponent + "/"
        let root = folder.deletingLastPathComponent()
        let now = Int(Date().timeIntervalSince1970)
        for path in hints where path.hasPrefix(prefix) {
            let relative = path.dropFirst(prefix.count)
            // Hidden files and folders are not part of the project, as for `ProjectFiles.list`.
            guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            // What was at the path: a file, or a folder of files.
            for gone in listing.remove(relative) {
                stamps[prefix + gone] = nil
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
                    listing.insert(relative + "/" + inside, file)
                    stamps[path + "/" + inside] = Stamp(path: file.path, now: now)
                    forget(path + "/" + inside)
                }
            } else if let (relative, file) = files.entry(url, in: folder, into: &problems) {
                listing.insert(relative, file)
                stamps[path] = Stamp(path: file.path, now: now)
            }
            for problem in problems { listing.problems[problem.location.path, default: []].append(problem) }
        }
        // A link's target may be outside the folders a watcher sees: read linked files again.
        for (path, stamp) in stamps where stamp.isLink && path.hasPrefix(prefix) { forget(path) }
    }

    private func keepFreshReads() {
        reads.merge(fresh) { _, new in new }
        fresh = [:]
    }

    /// Marks `path` as changed in this build: it is read again.
    private func forget(_ path: String) {
        reads[path] = nil
        changes?.insert(path)
    }
}
