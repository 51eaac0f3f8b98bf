import Foundation
import Testing

/// `bamaso check` through the real binary.
@Suite struct CheckCommandTests {
    typealias CLI = BuildCommandTests

    @Test("reports every problem a build would, exits 1, and writes nothing")
    func reportsProblems() throws {
        let root = try CLI.project("broken")
        defer { try? FileManager.default.removeItem(at: root) }

        let run = try CLI.run(["check"], in: root)

        #expect(run.status == 1)
        #expect(
            run.standardError == """
                content/risks/fake-job-offers.en.md:7:12: error: '@/risks/forced-labor' links to a page that does \
                not exist; did you mean '@/risks/forced-labour'?
                content/risks/fake-job-offers.rw.md:2:1: error: a double quote " opened on this line is never \
                closed; add the closing " at the end of the value

                """)
        #expect(run.standardOutput.hasPrefix("Checked in "))
        #expect(run.standardOutput.contains(": 2 errors, 0 warnings. Nothing was written.\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["content", "templates"])
    }

    @Test("--format github prints one annotation per problem, on the line it is on")
    func githubAnnotations() throws {
        let root = try CLI.project("broken")
        defer { try? FileManager.default.removeItem(at: root) }

        let run = try CLI.run(["check", "--format", "github"], in: root)

        #expect(run.status == 1)
        #expect(run.standardError == "")
        let annotations = run.standardOutput.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(
            annotations == [
                "::error file=content/risks/fake-job-offers.en.md,line=7,col=12::'@/risks/forced-labor' links to a "
                    + "page that does not exist%0Adid you mean '@/risks/forced-labour'?",
                "::error file=content/risks/fake-job-offers.rw.md,line=2,col=1::a double quote \" opened on this "
                    + "line is never closed%0Aadd the closing \" at the end of the value",
            ])
    }

    @Test("a project in a subfolder gets paths from the current folder, as GitHub needs")
    func subfolderPaths() throws {
        let root = try CLI.project("broken")
        defer { try? FileManager.default.removeItem(at: root) }
        let parent = root.deletingLastPathComponent()

        let run = try CLI.run(["check", "--format", "github", "--root", root.lastPathComponent], in: parent)

        #expect(
            run.standardOutput.contains(
                "::error file=\(root.lastPathComponent)/content/risks/fake-job-offers.rw.md,line=2,col=1::"))
    }

    @Test("a good project passes with exit status 0 and no message")
    func goodProject() throws {
        let root = try CLI.project("broken")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/risks/fake-job-offers.rw.md"))
        let english = root.appendingPathComponent("content/risks/fake-job-offers.en.md")
        try String(contentsOf: english, encoding: .utf8).replacingOccurrences(of: "forced-labor", with: "forced-labour")
            .write(to: english, atomically: true, encoding: .utf8)

        let run = try CLI.run(["check"], in: root)

        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError == "")
        #expect(run.standardOutput.contains(": 0 errors, 0 warnings. Nothing was written.\n"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("public").path))
    }
}
