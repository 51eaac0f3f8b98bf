import BamasoTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `bamaso serve` through the real binary: it starts, serves, and stops cleanly on Ctrl-C.
@Suite struct ServeCommandTests {
    typealias CLI = BuildCommandTests

    /// What a running process has printed so far.
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
        func append(_ more: Data) { lock.withLock { data.append(more) } }
    }

    @Test("Ctrl-C stops the server cleanly, even with a page listening for reloads")
    func stopsOnControlC() async throws {
        let root = try CLI.project("broken")
        defer { try? FileManager.default.removeItem(at: root) }
        // Mend the fixture's two errors, so the site builds.
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/risks/fake-job-offers.rw.md"))
        let english = root.appendingPathComponent("content/risks/fake-job-offers.en.md")
        try String(contentsOf: english, encoding: .utf8).replacingOccurrences(of: "forced-labor", with: "forced-labour")
            .write(to: english, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = try CLI.binary()
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let output = Output()
        out.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let address = try await waitForAddress(in: output, of: process)
        let (body, response) = try await URLSession.shared.data(from: address.appendingPathComponent("en/"))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("<html lang=\"en\">"))
        // A page listening for reloads keeps a response open: stopping must not wait for it.
        let events = Output()
        let session = URLSession(configuration: .ephemeral, delegate: StreamListener(events), delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        let eventsURL = try #require(URL(string: "__bamaso/live-reload", relativeTo: address))
        session.dataTask(with: eventsURL).resume()
        let opened = ContinuousClock.now
        while !events.text.contains("retry: 1000"), ContinuousClock.now - opened < .seconds(10) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(events.text.contains("retry: 1000"), "the event stream did not open")

        let started = ContinuousClock.now
        kill(process.processIdentifier, SIGINT)
        while process.isRunning, ContinuousClock.now - started < .seconds(15) {
            try await Task.sleep(for: .milliseconds(50))
        }

        #expect(!process.isRunning, "still running 15 s after Ctrl-C")
        #expect(process.terminationStatus == 0)
        try await Task.sleep(for: .milliseconds(100))  // the last output lines
        #expect(output.text.hasSuffix("Stopped.\n"), "\(output.text)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("public").path))
    }

    @Test("closing the terminal the preview runs in stops it, and its private folder is removed")
    func stopsWhenTerminalCloses() async throws {
        let root = try CLI.project("broken")
        let temporary = root.appendingPathComponent("tmp")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let binary = try CLI.binary().path
        let (said, workspaces, signalled, status) = try await onItsOwnThread {
            let process = try TerminalProcess(
                [binary, "serve", "--port", "0", "--root", root.path],
                environment: ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary.path]) { $1 })
            let said = process.read(until: "Press Ctrl-C to stop.")
            let workspaces = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
            process.closeTerminal()
            let (signalled, status) = process.wait()
            return (said, workspaces, signalled, status)
        }

        #expect(said.contains("Serving the site at http://127.0.0.1:"), "\(said)")
        #expect(workspaces.count == 1 && workspaces.allSatisfy { $0.hasPrefix("bamaso-serve-") })
        #expect(!signalled && status == 0, "ended by \(signalled ? "signal" : "status") \(status)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == [])
    }

    /// Collects what an event stream sends, as it arrives.
    final class StreamListener: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        let output: Output
        init(_ output: Output) { self.output = output }
        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            output.append(data)
        }
    }

    /// The address from "Serving the site at http://127.0.0.1:PORT/."
    private func waitForAddress(in output: Output, of process: Process) async throws -> URL {
        let started = ContinuousClock.now
        // Alone, it listens within a second; beside the whole suite on two cores, the first build
        // of the preview has waited over a minute for a thread.
        while ContinuousClock.now - started < .seconds(180), process.isRunning {
            if let match = output.text.firstMatch(of: /Serving the site at (http:\/\/127\.0\.0\.1:\d+\/)\./),
                let url = URL(string: String(match.output.1))
            {
                return url
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the server did not say where it listens: \(output.text)")
        throw CancellationError()
    }
}
