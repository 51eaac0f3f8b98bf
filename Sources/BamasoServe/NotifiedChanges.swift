#if os(Linux)
import Foundation
import Glibc

/// Changes as the Linux kernel reports them (inotify): every folder under the watched ones is
/// watched, new folders as they appear, so a save is known within a millisecond and nothing
/// has to be looked at in between. Hidden files and folders (an editor's `.page.md.swp`) are
/// not part of the project and are ignored.
final class NotifiedChanges: ChangeSource, @unchecked Sendable {
    /// Editors write a file in a few steps within a few milliseconds.
    let settle: Duration = .milliseconds(25)

    // Safe because every access to the state below holds `lock`.
    private let lock = NSLock()
    private var descriptor: Int32
    private let root: URL
    private let folders: [String]
    /// Path of each watched folder relative to the root ("" for the root itself).
    private var watches: [Int32: String] = [:]
    private var changed: Set<String> = []
    /// Some change may have been missed (the kernel's queue overflowed, a folder could not be
    /// watched, or a watched folder was replaced).
    private var missed = false

    /// The project root is watched for the folders themselves appearing or going.
    private static let rootEvents = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)
    private static let folderEvents = UInt32(
        IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_ONLYDIR)

    /// Nil when the kernel cannot watch these folders (no inotify, or more folders than it
    /// allows a user to watch).
    init?(root: URL, folders: [String]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        self.root = root
        self.folders = folders
        guard descriptor >= 0 else { return nil }
        let watched = lock.withLock {
            watch("", events: Self.rootEvents) && folders.allSatisfy { watchTree($0) }
        }
        if !watched {
            close()
            return nil
        }
    }

    deinit {
        close()
    }

    func close() {
        lock.withLock {
            if descriptor >= 0 { _ = Glibc.close(descriptor) }
            descriptor = -1
        }
    }

    func wait(_ timeout: Duration) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.block(timeout)) }
        }
    }

    func take() -> Set<String>? {
        lock.withLock {
            defer { (changed, missed) = ([], false) }
            return missed ? nil : changed
        }
    }

    /// Waits on the descriptor until a change that matters comes, or `timeout` has passed.
    private func block(_ timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return false }
            let milliseconds = Int32(
                clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            var request = pollfd(fd: lock.withLock { descriptor }, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return false }
            if lock.withLock({ readEvents() }) { return true }
        }
    }

    /// Reads every queued event; true when one of them matters.
    private func readEvents() -> Bool {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        var matters = false
        while descriptor >= 0 {
            let count = read(descriptor, buffer, size)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = offset + MemoryLayout<inotify_event>.size
                // The name is padded with NUL bytes to `len`.
                let padded = UnsafeRawBufferPointer(start: buffer + nameStart, count: Int(event.len))
                let name = String(decoding: padded.prefix { $0 != 0 }, as: UTF8.self)
                if handle(watch: event.wd, mask: event.mask, name: name) { matters = true }
                offset = nameStart + Int(event.len)
            }
        }
        return matters
    }

    /// Records one event; true when it says a file of the project changed.
    private func handle(watch: Int32, mask: UInt32, name: String) -> Bool {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            missed = true
            for folder in folders { _ = watchTree(folder) }  // folders made meanwhile
            return true
        }
        guard let folder = watches[watch] else { return false }
        if mask & UInt32(IN_IGNORED) != 0 {
            watches[watch] = nil
            return false
        }
        guard !name.isEmpty, !name.hasPrefix(".") else { return false }
        let isFolder = mask & UInt32(IN_ISDIR) != 0
        let appeared = mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
        let went = mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0
        if folder.isEmpty {
            guard folders.contains(name) else { return false }
            unwatchTree(name)
            if appeared { _ = watchTree(name) }
            missed = true
            return true
        }
        let path = folder + "/" + name
        if isFolder {
            if went { unwatchTree(path) }
            if appeared, !watchTree(path) { missed = true }
            // A folder's permissions decide whether its files can be read (a folder that cannot
            // be opened is an error, `ProjectFiles`): it is listed again, and its folders watched
            // (adding a watch the kernel has already is no change).
            if !appeared, !went, !watchTree(path) { missed = true }
        }
        changed.insert(path)
        return true
    }

    /// Watches `path` (relative to the root) and every folder in it that is not hidden; false
    /// when the kernel refuses (too many watches).
    private func watchTree(_ path: String) -> Bool {
        guard watch(path, events: Self.folderEvents | (folders.contains(path) ? 0 : UInt32(IN_DONT_FOLLOW))) else {
            return false
        }
        let url = root.appendingPathComponent(path)
        let keys: [URLResourceKey] = [.isDirectoryKey, .isSymbolicLinkKey]
        guard
            let enumerator = FileManager.default.enumerator(
                at: url, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { return true }
        let prefix = url.path + "/"
        for case let folder as URL in enumerator {
            guard let values = try? folder.resourceValues(forKeys: Set(keys)), values.isDirectory == true,
                values.isSymbolicLink != true, folder.path.hasPrefix(prefix)
            else { continue }
            if !watch(
                path + "/" + folder.path.dropFirst(prefix.count), events: Self.folderEvents | UInt32(IN_DONT_FOLLOW))
            {
                return false
            }
        }
        return true
    }

    /// Watches one folder; a folder that is already gone is no failure.
    private func watch(_ path: String, events: UInt32) -> Bool {
        let watch = inotify_add_watch(descriptor, root.appendingPathComponent(path).path, events)
        guard watch >= 0 else { return errno == ENOENT || errno == ENOTDIR }
        watches[watch] = path
        return true
    }

    /// Stops watching `path` and the folders in it: they are gone, or elsewhere.
    private func unwatchTree(_ path: String) {
        for (watch, folder) in watches where folder == path || folder.hasPrefix(path + "/") {
            inotify_rm_watch(descriptor, watch)
            watches[watch] = nil
        }
    }
}
#endif
