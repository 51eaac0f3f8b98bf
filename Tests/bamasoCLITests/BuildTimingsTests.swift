import Foundation
import Testing

/// `bamaso build --timings`: one line per pipeline stage after the summary.
@Suite struct BuildTimingsTests {
    typealias CLI = BuildCommandTests

    /// `  load     0.012 s`: the stage and its seconds.
    static func stage(_ line: String) -> (name: String, seconds: Double)? {
        guard let match = try? #/  (load|parse|resolve|render|write) +([0-9]+\.[0-9]{3}) s/#.wholeMatch(in: line),
            let seconds = Double(match.output.2)
        else { return nil }
        return (String(match.output.1), seconds)
    }

    @Test("--timings prints the time of load, parse, resolve, render and write, then writing, syncing and cleaning up")
    func timings() throws {
        let root = try CLI.project("translations")
        defer { try? FileManager.default.removeItem(at: root) }

        let run = try CLI.run(["build", "--timings"], in: root)

        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Built ") == true)
        let stages = lines.compactMap(Self.stage)
        #expect(stages.map(\.name) == ["load", "parse", "resolve", "render", "write"])
        #expect(stages.allSatisfy { $0.seconds >= 0 && $0.seconds < 60 })
        // The stage lines come last, after the summary, the write stage's two parts after it.
        #expect(lines.suffix(8).prefix(5).compactMap(Self.stage).count == 5)
        let parts = lines.suffix(3).compactMap { line -> String? in
            let pattern = #/    (writing|syncing|cleaning up) +[0-9]+\.[0-9]{3} s/#
            guard let match = try? pattern.wholeMatch(in: line) else { return nil }
            return String(match.output.1)
        }
        #expect(parts == ["writing", "syncing", "cleaning up"])
    }

    @Test("without --timings there are no stage lines")
    func noTimings() throws {
        let root = try CLI.project("translations")
        defer { try? FileManager.default.removeItem(at: root) }

        let run = try CLI.run(["build"], in: root)

        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.split(separator: "\n").compactMap { Self.stage(String($0)) }.isEmpty)
    }
}
