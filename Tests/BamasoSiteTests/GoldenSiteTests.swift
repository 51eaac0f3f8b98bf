import BamasoSite
import Foundation
import Testing

/// Builds `Fixtures/basic` under a sub-path and compares chosen pages, and the list of every
/// output file, with `Fixtures/basic/expected/`. `BAMASO_RECORD=1 swift test` rewrites the
/// expected files and fails, so a new baseline is never accepted without a look at the diff.
@Suite struct GoldenSiteTests {
    static let goldenPages = [
        "index.html",
        "rw/index.html",
        "rw/risks/index.html",
        "en/risks/fake-job-offers/index.html",
        "rw/schools/debate-club/index.html",
        "en/radio/talk-show-1/index.html",
        "en/contact/iom-rwanda/index.html",
    ]

    @Test("the fixture site matches the recorded pages and file list")
    func matchesGoldenFiles() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let report = site.build()
        #expect(report.diagnostics.map(\.description) == [])
        let expected = FixtureSite.testsFolder.appendingPathComponent("Fixtures/basic/expected")
        var actual: [String: String] = ["FILES.txt": site.outputFiles().joined(separator: "\n") + "\n"]
        for page in Self.goldenPages {
            actual[page] = try site.read(page)
        }
        if ProcessInfo.processInfo.environment["BAMASO_RECORD"] != nil {
            try? FileManager.default.removeItem(at: expected)
            for (path, text) in actual {
                let url = expected.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            Issue.record(
                "Recorded \(actual.count) golden files in \(expected.path); check the diff, then run the tests again.")
            return
        }
        for (path, text) in actual.sorted(by: { $0.key < $1.key }) {
            let golden = try? String(contentsOf: expected.appendingPathComponent(path), encoding: .utf8)
            #expect(golden == text, "\(path) differs from the golden file; run BAMASO_RECORD=1 swift test to re-record")
        }
    }
}
