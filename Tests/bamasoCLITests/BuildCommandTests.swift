import Foundation
import Testing

/// Runs the real `bamaso` binary, as staff do.
@Suite struct BuildCommandTests {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The `bamaso` executable built next to this test bundle.
    static func binary() throws -> URL {
        let folders = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for case let folder? in folders {
            let candidate = folder.appendingPathComponent("bamaso")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CocoaError(
            .fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "bamaso binary not found near \(folders)"])
    }

    /// Runs `bamaso` with `arguments` in `folder`; through `wrapper` first (a program and its
    /// arguments, such as `setpriv` to run it as another user), when there is one.
    static func run(_ arguments: [String], in folder: URL, through wrapper: [String] = []) throws -> Run {
        let process = Process()
        if let program = wrapper.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = wrapper.dropFirst() + [try binary().path] + arguments
        } else {
            process.executableURL = try binary()
            process.arguments = arguments
        }
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }

    /// A copy of a fixture's content with the repository's theme, in a temporary folder.
    static func project(_ fixture: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: testsFolder.appendingPathComponent("Fixtures/\(fixture)/content"),
            to: root.appendingPathComponent("content"))
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("templates"),
            to: root.appendingPathComponent("templates"))
        return root
    }

    @Test("a broken link and malformed front matter: every message with file:line, exit 1, public/ unchanged")
    func brokenProject() throws {
        let root = try Self.project("broken")
        defer { try? FileManager.default.removeItem(at: root) }
        let publicFolder = root.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: publicFolder, withIntermediateDirectories: true)
        let marker = publicFolder.appendingPathComponent("index.html")
        try Data("the last good site\n".utf8).write(to: marker)

        let run = try Self.run(["build"], in: root)

        #expect(run.status == 1)
        #expect(
            run.standardError == """
                content/risks/fake-job-offers.en.md:7:12: error: '@/risks/forced-labor' links to a page that does \
                not exist; did you mean '@/risks/forced-labour'?
                content/risks/fake-job-offers.rw.md:2:1: error: a double quote " opened on this line is never \
                closed; add the closing " at the end of the value

                """)
        #expect(
            run.standardOutput.contains("Not built: 2 errors, 0 warnings. The previous public/ was left as it was."))
        #expect(try String(contentsOf: marker, encoding: .utf8) == "the last good site\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: publicFolder.path) == ["index.html"])
        // No temporary folder is left behind.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
                .filter { !$0.hasSuffix(".lock") } == ["content", "public", "templates"])
    }

    @Test("a good project builds, prints a summary per language and section, and exits 0")
    func goodProject() throws {
        let root = try Self.project("broken")
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appendingPathComponent("content/risks/fake-job-offers.rw.md")
        try """
        ---
        title: "Akazi k'ibinyoma"
        key_message: "Banza ugenzure."
        translation: draft
        ---
        Abacuruza abantu.
        """.write(to: page, atomically: true, encoding: .utf8)
        let english = root.appendingPathComponent("content/risks/fake-job-offers.en.md")
        try String(contentsOf: english, encoding: .utf8).replacingOccurrences(of: "forced-labor", with: "forced-labour")
            .write(to: english, atomically: true, encoding: .utf8)

        let run = try Self.run(["build", "--base-url", "https://example.org/bamaso/"], in: root)

        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError == "")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Built \(root.appendingPathComponent("public").path) in ") == true)
        #expect(lines.first?.hasSuffix(": 0 errors, 0 warnings.") == true)
        #expect(
            lines.dropFirst().first?.split(separator: " ", omittingEmptySubsequences: true) == [
                "pages", "home", "risks", "total",
            ])
        #expect(
            lines.dropFirst(2).first?.split(separator: " ", omittingEmptySubsequences: true) == [
                "rw", "Ikinyarwanda", "1", "2", "3",
            ])
        #expect(
            lines.dropFirst(3).first?.split(separator: " ", omittingEmptySubsequences: true) == [
                "en", "English", "1", "3", "4",
            ])
        // Kinyarwanda is the original here (the default); the English pages were never marked
        // up to date with 'bamaso translations --ack', and forced-labour exists only in English.
        #expect(
            lines.dropFirst(4) == [
                "Ikinyarwanda translations: 1 draft (not yet reviewed by a native speaker), 0 outdated, 1 missing; "
                    + "'bamaso translations' lists them.",
                "English translations: 0 draft (not yet reviewed by a native speaker), 3 outdated, 0 missing; "
                    + "'bamaso translations' lists them.",
            ])
        let html = try String(
            contentsOf: root.appendingPathComponent("public/en/risks/fake-job-offers/index.html"), encoding: .utf8)
        #expect(html.contains("<a href=\"/bamaso/en/risks/forced-labour/\">forced labour</a>"))
    }
}
