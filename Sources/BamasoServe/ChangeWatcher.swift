import Foundation

/// Notices when an editor saves a file in `content/` or `templates/` (which hold the site's
/// YAML too), by comparing each file's modification time and size every `interval`.
///
/// Polling works the same on every system and needs no file-system events API; a project of a
/// few hundred files costs a fraction of a millisecond per look.
struct ChangeWatcher: Sendable {
    /// Path → (modification time, size) of every file watched.
    struct Snapshot: Equatable, Sendable {
        var files: [String: FileStamp]
    }

    struct FileStamp: Equatable, Sendable {
        var modified: Date
        var size: Int
    }

    let folders: [URL]
    /// How often to look.
    var interval: Duration = .milliseconds(300)
    /// How long the files must stay unchanged before a rebuild, so that an editor that writes
    /// a file in several steps, or a `git checkout` of many files, causes one rebuild.
    var settle: Duration = .milliseconds(150)
    /// The longest a stream of changes may postpone a rebuild.
    var longestWait: Duration = .seconds(2)

    init(root: URL, folders: [String] = ["content", "templates"]) {
        self.folders = folders.map { root.appendingPathComponent($0) }
    }

    func snapshot() -> Snapshot {
        var files: [String: FileStamp] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
            else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true
                else { continue }
                files[url.path] = FileStamp(modified: values.contentModificationDate ?? .distantPast,
                                            size: values.fileSize ?? 0)
            }
        }
        return Snapshot(files: files)
    }

    /// Calls `onChange` after each change, once the files have settled, until the task is
    /// cancelled. `onTick` runs after every look (the server uses it for keep-alives).
    func watch(onTick: @Sendable () async -> Void = {}, onChange: @Sendable () async -> Void) async {
        var last = snapshot()
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            await onTick()
            var current = snapshot()
            guard current != last else { continue }
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: longestWait)
            while clock.now < deadline {
                do { try await Task.sleep(for: settle) } catch { return }
                let next = snapshot()
                if next == current { break }
                current = next
            }
            last = current
            await onChange()
        }
    }
}
