import Foundation
import Testing

/// `bamaso build` with a bad image: the error names the image and the page line, and the
/// build fails (status 1) without touching the output.
@Suite struct BadImageTests {
    @Test("a text file named .jpg shown on a page: status 1, file:line, the image named")
    func notAnImage() throws {
        // The project's own site, with its theme.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(
                at: BuildCommandTests.repositoryRoot.appendingPathComponent(folder),
                to: root.appendingPathComponent(folder))
        }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("content/media"), withIntermediateDirectories: true)
        try Data("These are notes, not a photo.\n".utf8)
            .write(to: root.appendingPathComponent("content/media/notes.jpg"))
        let page = root.appendingPathComponent("content/about/_index.en.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try (text + "\n![Notes from the meeting](/media/notes.jpg)\n").write(
            to: page, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        let run = try BuildCommandTests.run(["build"], in: root)
        #expect(run.status == 1)
        #expect(
            run.standardError.contains(
                "content/about/_index.en.md:\(line):1: error: '/media/notes.jpg' is not a JPEG image, "
                    + "although its name ends in .jpg"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("public").path))
    }
}
