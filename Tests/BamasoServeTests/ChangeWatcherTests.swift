import Foundation
import Synchronization
import Testing

@testable import BamasoServe

/// The watcher reports which files changed, from the kernel where it can and by looking
/// elsewhere, and gathers a burst of changes into one.
@Suite struct ChangeWatcherTests {
    /// A project folder with `content/` and `templates/`, removed at the end.
    final class Folder: Sendable {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-watch-\(UUID().uuidString)")

        init() throws {
            for folder in ["content/risks", "templates"] {
                try FileManager.default.createDirectory(
                    at: root.appendingPathComponent(folder),
                    withIntermediateDirectories: true)
            }
        }

        deinit {
            try? FileManager.default.removeItem(at: root)
        }

        func write(_ path: String, _ text: String = "text") throws {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(path).deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try Data(text.utf8).write(to: root.appendingPathComponent(path))
        }
    }

    /// Waits for changes, up to `timeout`, and takes them.
    func changes(from source: any ChangeSource, timeout: Duration = .seconds(10)) async -> Set<String>? {
        guard await source.wait(timeout) else { return [] }
        var paths = source.take()
        while await source.wait(.milliseconds(100)) {
            let more = source.take()
            paths = paths.flatMap { known in more.map { known.union($0) } }
        }
        return paths
    }

    /// A watcher of `folder` that looks every 50 ms, by polling or not.
    static func watcher(of folder: Folder, polls: Bool) -> ChangeWatcher {
        var watcher = ChangeWatcher(root: folder.root)
        watcher.interval = .milliseconds(50)
        watcher.polls = polls
        return watcher
    }

    static var sources: [Bool] {
        #if os(Linux)
        [false, true]
        #else
        [true]
        #endif
    }

    @Test("a saved file is reported by its path, also in a folder made after the start", arguments: sources)
    func reportsEdits(polls: Bool) async throws {
        let folder = try Folder()
        let watcher = Self.watcher(of: folder, polls: polls)
        let source = watcher.start()
        defer { source.close() }
        #if os(Linux)
        #expect((source is NotifiedChanges) == !polls)
        #endif

        try folder.write("content/risks/a.en.md")
        #expect(await changes(from: source) == ["content/risks/a.en.md"])

        try FileManager.default.createDirectory(
            at: folder.root.appendingPathComponent("content/campaigns/2024"),
            withIntermediateDirectories: true)
        // Looking sees files only; the kernel reports the folder.
        #expect(
            await changes(from: source, timeout: .milliseconds(polls ? 300 : 10_000))
                == (polls ? [] : ["content/campaigns"]))
        try folder.write("content/campaigns/2024/radio.en.md")
        #expect(await changes(from: source) == ["content/campaigns/2024/radio.en.md"])

        try folder.write("content/risks/.a.en.md.swp")
        #expect(await changes(from: source, timeout: .milliseconds(300)) == [])
        try FileManager.default.removeItem(at: folder.root.appendingPathComponent("content/risks/a.en.md"))
        #expect(await changes(from: source) == ["content/risks/a.en.md"])
    }

    #if os(Linux)
    @Test("a folder whose permissions change is reported, to be listed again: they decide whether it can be read")
    func reportsPermissions() async throws {
        let folder = try Folder()
        try folder.write("content/risks/a.en.md")
        let source = Self.watcher(of: folder, polls: false).start()
        defer { source.close() }
        #expect(source is NotifiedChanges)
        let risks = folder.root.appendingPathComponent("content/risks").path
        #expect(chmod(risks, 0o700) == 0)
        #expect(await changes(from: source) == ["content/risks"])
        // Watched again: a file saved in it afterwards is reported.
        try folder.write("content/risks/b.en.md")
        #expect(await changes(from: source) == ["content/risks/b.en.md"])
    }
    #endif

    @Test("waiting for a change ends when one is seen, not when the time allowed runs out", arguments: sources)
    func waitEndsAtTheChange(polls: Bool) async throws {
        let folder = try Folder()
        let source = Self.watcher(of: folder, polls: polls).start()
        defer { source.close() }
        // Saved before the wait: nothing else has to run for the wait to see it (a task that
        // saved it meanwhile could wait a minute for a thread while the whole suite runs).
        try folder.write("content/risks/a.en.md")
        let clock = ContinuousClock()
        let started = clock.now
        #expect(await source.wait(.seconds(600)))
        // Seen at the first look, 50 ms on; a wait that ran out its time would take ten minutes.
        // (Within the whole suite, this task may wait over a minute for a thread to go on.)
        #expect(clock.now - started < .seconds(300))
        #expect(source.take() == ["content/risks/a.en.md"])
    }

    @Test("a burst of saves gives one rebuild with every file of it", arguments: sources)
    func settles(polls: Bool) async throws {
        let folder = try Folder()
        let watcher = Self.watcher(of: folder, polls: polls)
        let source = watcher.start()
        let reports = Mutex<[Set<String>?]>([])
        let watching = Task {
            await watcher.watch(source) { paths in reports.withLock { $0.append(paths) } }
        }
        // Written in a hidden folder, which is ignored, then moved in all at once, as a
        // `git checkout` does.
        for number in 1...5 { try folder.write("content/.staging/page-\(number).en.md") }
        try await Task.sleep(for: .milliseconds(100))
        for number in 1...5 {
            try FileManager.default.moveItem(
                at: folder.root.appendingPathComponent("content/.staging/page-\(number).en.md"),
                to: folder.root.appendingPathComponent("content/risks/page-\(number).en.md"))
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while reports.withLock({ $0.isEmpty }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(400))
        watching.cancel()
        await watching.value
        #expect(reports.withLock { $0 } == [Set((1...5).map { "content/risks/page-\($0).en.md" })])
    }
}
