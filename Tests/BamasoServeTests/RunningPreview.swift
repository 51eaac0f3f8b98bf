import BamasoServe
import BamasoSite
import Foundation
import Testing

/// A preview server running in this process on a free loopback port, over a copy of the
/// golden-site fixture with the repository's real theme.
final class RunningPreview: @unchecked Sendable {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    private let lock = NSLock()
    private var events: [PreviewServer.Event] = []
    private var task: Task<Void, any Error>?

    private init(root: URL) {
        self.root = root
    }

    /// Copies the fixture, starts the server on port 0 and waits until it listens.
    static func start() async throws -> RunningPreview {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bamaso-serve-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Tests/BamasoSiteTests/Fixtures/basic/content"),
            to: root.appendingPathComponent("content"))
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("templates"),
            to: root.appendingPathComponent("templates"))
        let preview = RunningPreview(root: root)
        let server = PreviewServer(
            options: .init(
                root: root, host: "127.0.0.1", port: 0, stopsOnSignals: false, pollInterval: .milliseconds(100)))
        preview.task = Task {
            try await server.run { event in preview.record(event) }
        }
        // Alone, it listens within a second; beside the whole suite on two cores, the first build
        // of the preview has waited over a minute for a thread.
        try await preview.waitUntil("the server listens", timeout: .seconds(180)) { preview.port != nil }
        return preview
    }

    private func record(_ event: PreviewServer.Event) {
        lock.withLock { events.append(event) }
    }

    /// The port the server listens on, once it does.
    var port: Int? {
        lock.withLock {
            events.lazy.compactMap { event -> Int? in
                if case .listening(let url) = event { return url.port }
                return nil
            }.first
        }
    }

    /// Every build so far, the first one included.
    var builds: [(report: BuildReport, statistics: BuildCache.Statistics)] {
        lock.withLock {
            events.compactMap { event in
                if case .built(let report, let statistics) = event { return (report, statistics) }
                return nil
            }
        }
    }

    /// The private folder the site is built into.
    var output: URL? { builds.first?.report.output }

    var http: RawHTTP { RawHTTP(port: port ?? 0) }

    /// GETs `path` without blocking Swift's cooperative threads, which the server needs.
    func get(_ path: String, method: String = "GET") async throws -> RawHTTP.Response {
        let http = self.http
        return try await offThePool { try http.request(path, method: method) }
    }

    /// Replaces `old` by `new` in a project file, as an editor's save would.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(path) does not contain \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    /// Polls `condition` every 50 ms until it holds; fails the test after `timeout`.
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out after \(timeout) waiting until \(what)", sourceLocation: sourceLocation)
        throw RawHTTP.Failure(description: "timed out waiting until \(what)")
    }

    /// Stops the server as cancelling its task does and waits for `run` to return.
    func stop() async {
        task?.cancel()
        _ = await task?.result
        try? FileManager.default.removeItem(at: root)
    }
}

/// Runs blocking socket work on a Dispatch thread, keeping Swift's cooperative pool free.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
