import BamasoSupport
import Foundation

/// Notices when an editor saves a file in `content/` or `templates/` (which hold the site's
/// YAML too), and which files changed.
///
/// On Linux the kernel says so as it happens (inotify, `NotifiedChanges`); elsewhere, or when
/// the kernel cannot watch that many folders, the files are looked at every `interval`
/// (`PolledChanges`). Changes are gathered until none came for a moment (`ChangeSource.settle`),
/// so that an editor that writes a file in several steps, or a `git checkout` of many files,
/// causes one rebuild.
struct ChangeWatcher: Sendable {
    let root: URL
    let folders: [String]
    /// How often to look, when looking; how often `onTick` runs in any case.
    var interval: Duration = .milliseconds(300)
    /// The longest a stream of changes may postpone a rebuild.
    var longestWait: Duration = .seconds(2)
    /// Always look instead of being told: for file systems the kernel does not watch.
    var polls = false

    init(root: URL, folders: [String] = ["content", "templates"]) {
        self.root = root
        self.folders = folders
    }

    /// Starts noticing changes: everything saved from now on is reported by `watch`. Called
    /// before the first build, so that a file saved during it is not missed.
    func start() -> any ChangeSource {
        #if os(Linux)
        if !polls, let notified = NotifiedChanges(root: root, folders: folders) { return notified }
        #endif
        return PolledChanges(root: root, folders: folders, interval: interval)
    }

    /// Calls `onChange` after each change, once the files have settled, with the paths that
    /// changed (relative to the root; nil when they are not known), until the task is
    /// cancelled. `onTick` runs about every `interval` (the server uses it for keep-alives).
    func watch(
        _ source: any ChangeSource, onTick: @Sendable () async -> Void = {},
        onChange: @Sendable (Set<String>?) async -> Void
    ) async {
        defer { source.close() }
        while !Task.isCancelled {
            let changed = await source.wait(interval)
            await onTick()
            guard changed, !Task.isCancelled else { continue }
            var paths = source.take()
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: longestWait)
            while clock.now < deadline, !Task.isCancelled, await source.wait(source.settle) {
                let more = source.take()
                paths = paths.flatMap { known in more.map { known.union($0) } }
            }
            if Task.isCancelled { return }
            await onChange(paths)
        }
    }
}

/// Where a `ChangeWatcher` learns of changes.
protocol ChangeSource: AnyObject, Sendable {
    /// How long no change must come before the gathered ones are built.
    var settle: Duration { get }
    /// Waits up to `timeout` for a change; true when there are changes to take.
    func wait(_ timeout: Duration) async -> Bool
    /// The paths changed since the last call, relative to the root; nil when unknown (a file
    /// may have changed that was not seen).
    func take() -> Set<String>?
    func close()
}

/// Looks at every file's modification time and size every `interval`; works on every system
/// and file system. Ten thousand files cost tens of milliseconds per look.
final class PolledChanges: ChangeSource, @unchecked Sendable {
    // Safe because `wait` and `take` are called by one task, one after the other.
    let root: URL
    let folders: [URL]
    let interval: Duration
    let settle: Duration = .milliseconds(150)
    private var last: [String: FileStamp]
    private var changed: Set<String> = []

    init(root: URL, folders: [String], interval: Duration) {
        self.root = root
        self.folders = folders.map { root.appendingPathComponent($0) }
        self.interval = interval
        last = [:]
        last = snapshot()
    }

    /// Path (relative to the root) → stamp of every file watched.
    func snapshot() -> [String: FileStamp] {
        var files: [String: FileStamp] = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey]
        let prefix = root.path + "/"
        for folder in folders {
            guard
                let enumerator = FileManager.default.enumerator(
                    at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
            else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true,
                    url.path.hasPrefix(prefix)
                else { continue }
                files[String(url.path.dropFirst(prefix.count))] = FileStamp(url) ?? FileStamp()
            }
        }
        return files
    }

    /// Looks every `interval` (or at the end of a shorter `timeout`) until a look finds a change.
    func wait(_ timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            do { try await Task.sleep(for: max(.zero, min(interval, clock.now.duration(to: deadline)))) } catch {
                return false
            }
            let current = snapshot()
            if current != last {
                for (path, stamp) in current where last[path] != stamp { changed.insert(path) }
                for path in last.keys where current[path] == nil { changed.insert(path) }
                last = current
                return true
            }
            if clock.now >= deadline { return false }
        }
    }

    func take() -> Set<String>? {
        defer { changed = [] }
        return changed
    }

    func close() {}
}
