import BamasoTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `bamaso build` stopped by SIGINT, SIGTERM or SIGKILL at each point of the pipeline, and by
/// SIGHUP or the closing of the terminal it runs in at some, on a generated site of several
/// hundred pages. The binary pauses at the named point
/// (`BAMASO_TEST_PAUSE_AT`), the test sends the signal, then checks that `public/` is the old
/// site or the new one byte for byte, and that the next build leaves the project folder as an
/// uninterrupted build does. One case at a time: each builds the site three or four times, and
/// run side by side they starve the other suites' servers of the two cores CI has.
@Suite(.serialized) struct InterruptedBuildTests {
    typealias CLI = BuildCommandTests
    static let pagesPerLanguage = 200

    struct Case: CustomTestStringConvertible, Sendable {
        var signal: Int32
        var point: String
        /// Whether an earlier rebuild left a staging folder (the old site) to write into.
        var spare: Bool
        /// Whether the signal comes from closing the terminal the build runs in (SIGHUP, and
        /// no more output) rather than from `kill`.
        var closesTerminal = false
        var testDescription: String {
            let name =
                [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGKILL: "SIGKILL", SIGHUP: "SIGHUP"][signal] ?? "\(signal)"
            return (closesTerminal ? "its terminal closed" : name) + " at \(point)"
                + (spare ? ", over a kept staging folder" : "")
        }
    }

    static let cases: [Case] =
        [SIGINT, SIGTERM, SIGKILL].flatMap { signal in
            ["load", "parse", "resolve", "render"].map { Case(signal: signal, point: $0, spare: false) }
                + ["write", "swap", "swapped"].flatMap { point in
                    [false, true].map { Case(signal: signal, point: point, spare: $0) }
                }
        }
        + [false, true].flatMap { closesTerminal in
            [("render", false), ("write", false), ("write", true), ("swapped", false)].map { point, spare in
                Case(signal: SIGHUP, point: point, spare: spare, closesTerminal: closesTerminal)
            }
        }

    /// Every file under `folder` with its bytes, and every folder (as "path/").
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        for case let path as String in FileManager.default.enumerator(atPath: base) ?? .init() {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: base + path, isDirectory: &isDirectory)
            result[isDirectory.boolValue ? path + "/" : path] =
                isDirectory.boolValue
                ? Data() : try Data(contentsOf: URL(fileURLWithPath: base + path))
        }
        return result
    }

    /// The names in the project folder, with a staging folder's random part left out.
    static func listing(_ root: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).map { name in
            name.hasPrefix(".public.staging-") ? ".public.staging-…" : name
        }.sorted()
    }

    /// Writes the content of `version` 0 (the old site) or 1 (the new one: pages edited, removed
    /// and added) into a project with the repository's theme.
    static func writeContent(_ root: URL, version: Int) throws {
        let content = root.appendingPathComponent("content")
        try? FileManager.default.removeItem(at: content)
        var files: [String: String] = [
            "site.yml": "title:\n  rw: \"Ba Maso\"\n  en: \"Ba Maso\"\nsections: [about]\n"
                + "quick_exit: { rw: \"https://example.org/\", en: \"https://example.org/\" }\n"
        ]
        for language in ["rw", "en"] {
            files["_index.\(language).md"] = "---\ntitle: \"Home \(language)\"\n---\nHello.\n"
            files["about/_index.\(language).md"] = "---\ntitle: \"About \(language)\"\n---\nAbout us.\n"
            let pages = version == 0 ? Array(0..<pagesPerLanguage) : Array(10..<(pagesPerLanguage + 10))
            for page in pages {
                let edited = version == 1 && page % 3 == 0 ? " Edited." : ""
                files["about/page-\(page).\(language).md"] = """
                    ---
                    title: "Page \(page) \(language)"
                    weight: \(page)
                    ---
                    Paragraph \(page) of the \(language) site.\(edited)

                    ## A heading

                    - one
                    - two

                    """
            }
        }
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    static func newProject() throws -> URL {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("bamaso-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CLI.repositoryRoot.appendingPathComponent("templates"),
            to: root.appendingPathComponent("templates"))
        try writeContent(root, version: 0)
        return root
    }

    /// Builds the project; returns the exit status.
    static func build(_ root: URL) throws -> Int32 {
        try CLI.run(["build"], in: root).status
    }

    /// The old site, the new one, and the project folder's names after both were built
    /// without interruption.
    struct Reference: Sendable {
        var old: [String: Data]
        var new: [String: Data]
        var listing: [String]
    }

    static let reference: Result<Reference, any Error> = Result {
        let root = try newProject()
        defer { try? FileManager.default.removeItem(at: root) }
        guard try build(root) == 0 else { throw CocoaError(.featureUnsupported) }
        let old = try snapshot(root.appendingPathComponent("public"))
        try writeContent(root, version: 1)
        guard try build(root) == 0 else { throw CocoaError(.featureUnsupported) }
        return Reference(old: old, new: try snapshot(root.appendingPathComponent("public")), listing: try listing(root))
    }

    /// How the interrupted process ended.
    struct Stop: Sendable {
        var reason: Process.TerminationReason
        var status: Int32
        var standardError: String
        var seconds: Double
    }

    /// Starts `bamaso build` in `root` paused at `point`, sends `signal` once it says it paused,
    /// and waits for it to end.
    static func interrupt(_ root: URL, at point: String, with signal: Int32) throws -> Stop {
        let process = Process()
        process.executableURL = try CLI.binary()
        process.arguments = ["build"]
        process.currentDirectoryURL = root
        process.environment = ProcessInfo.processInfo.environment.merging(["BAMASO_TEST_PAUSE_AT": point]) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var standardError = ""
        while !standardError.contains("paused at \(point)\n") {
            let data = err.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            standardError += String(decoding: data, as: UTF8.self)
        }
        let sent = Date()
        kill(process.processIdentifier, signal)
        standardError += String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Stop(
            reason: process.terminationReason, status: process.terminationStatus, standardError: standardError,
            seconds: Date().timeIntervalSince(sent))
    }

    /// Starts `bamaso build` paused at `point` in a terminal of its own, as a terminal window
    /// runs it (a pseudo-terminal, which is the build's controlling terminal), and closes the
    /// terminal once the build says it paused: the system sends the build SIGHUP, and every write
    /// to the terminal fails from then on.
    ///
    /// With `ignoringHangUp`, the build starts with SIGHUP ignored, as `nohup` starts it, and is
    /// sent SIGTERM half a second after the terminal closed.
    static func closeTerminal(_ root: URL, at point: String, ignoringHangUp: Bool = false) throws -> Stop {
        let build = [try CLI.binary().path, "build", "--root", root.path]
        let process = try TerminalProcess(
            ignoringHangUp ? ["/bin/sh", "-c", "trap '' HUP; exec \"$0\" \"$@\""] + build : build,
            environment: ProcessInfo.processInfo.environment.merging(["BAMASO_TEST_PAUSE_AT": point]) { $1 })
        let output = process.read(until: "paused at \(point)")
        let sent = Date()
        process.closeTerminal()
        if ignoringHangUp {
            usleep(500_000)
            kill(process.pid, SIGTERM)
        }
        let (signalled, status) = process.wait()
        return Stop(
            reason: signalled ? .uncaughtSignal : .exit, status: status, standardError: output,
            seconds: Date().timeIntervalSince(sent))
    }

    @Test(
        "an interrupted build leaves the old or the new site, and the next build leaves what a whole one does",
        arguments: cases)
    func interrupted(_ test: Case) async throws {
        let reference = try await onItsOwnThread { try Self.reference.get() }
        #expect(reference.old.count > 2 * Self.pagesPerLanguage)
        #expect(reference.listing == [".public.lock", ".public.staging-…", "content", "public", "templates"])
        let root = try Self.newProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        var statuses = try await onItsOwnThread {
            try (test.spare ? [Self.build(root), Self.build(root)] : [Self.build(root)])
        }
        try Self.writeContent(root, version: 1)

        let stop = try await onItsOwnThread {
            try test.closesTerminal
                ? Self.closeTerminal(root, at: test.point) : Self.interrupt(root, at: test.point, with: test.signal)
        }

        #expect(stop.standardError.hasPrefix("bamaso: paused at \(test.point)\n"))
        if test.signal == SIGKILL {
            #expect(stop.reason == .uncaughtSignal)
        } else {
            #expect(stop.reason == .exit)
            #expect(stop.status == 128 + test.signal)
            #expect(stop.seconds < 1, "the build took \(stop.seconds) s to stop")
        }
        // A closed terminal shows nothing more; what the build says is checked where it is seen.
        if test.signal != SIGKILL && !test.closesTerminal {
            let said =
                switch test.point {
                case "swapped": ["after the new site was already in place in public/."]
                case "write" where test.spare, "swap" where test.spare:
                    ["; public/ was left as it was. What it had written is in .public.staging-"]
                // A folder it made is removed, unless that takes over half a second (then reused).
                case "write", "swap":
                    ["removed what it had written; public/ was left as it was.", "next build reuses."]
                default: ["the build stopped before writing anything; public/ was left as it was."]
                }
            #expect(said.contains { stop.standardError.contains($0) }, "\(stop.standardError)")
        }
        let site = try await onItsOwnThread { try Self.snapshot(output) }
        if test.point == "swapped" {
            #expect(site == reference.new, "public/ is not the new site")
        } else {
            #expect(site == reference.old, "public/ is not the old site")
        }

        statuses += try await onItsOwnThread { try [Self.build(root)] }
        #expect(statuses.allSatisfy { $0 == 0 })
        let rebuilt = try await onItsOwnThread { try Self.snapshot(output) }
        #expect(rebuilt == reference.new, "the next build did not give the new site")
        #expect(try Self.listing(root) == reference.listing)
    }

    @Test("a build started with SIGHUP ignored, as nohup starts it, goes on after its terminal is closed")
    func ignoredHangUp() async throws {
        let reference = try await onItsOwnThread { try Self.reference.get() }
        let root = try Self.newProject()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try await onItsOwnThread { try Self.build(root) } == 0)
        try Self.writeContent(root, version: 1)

        let stop = try await onItsOwnThread { try Self.closeTerminal(root, at: "write", ignoringHangUp: true) }

        // Still paused half a second after the terminal closed, so ended by the SIGTERM after.
        #expect(stop.reason == .exit)
        #expect(stop.status == 128 + SIGTERM)
        #expect(try Self.snapshot(root.appendingPathComponent("public")) == reference.old)
    }
}
