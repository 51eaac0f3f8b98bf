import Foundation
import Testing

/// `bamaso translations`, `new` and `check --strict-languages` on the four-language fixture
/// (rw, en, fr, sw; pages are first written in English).
@Suite struct FourLanguageCommandTests {
    typealias CLI = BuildCommandTests

    /// A copy of `Tests/BamasoSiteTests/Fixtures/four-languages` with the repository's theme and
    /// the fixture's French and Swahili string files.
    static func project() throws -> URL {
        let fixture = CLI.repositoryRoot.appendingPathComponent("Tests/BamasoSiteTests/Fixtures/four-languages")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: fixture.appendingPathComponent("content"), to: root.appendingPathComponent("content"))
        try FileManager.default.copyItem(
            at: CLI.repositoryRoot.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        for name in ["fr.yml", "sw.yml"] {
            try FileManager.default.copyItem(
                at: fixture.appendingPathComponent("templates/i18n/\(name)"),
                to: root.appendingPathComponent("templates/i18n/\(name)"))
        }
        return root
    }

    @Test("the report has a column per language and a coverage line per language")
    func report() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CLI.run(["translations"], in: root)
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.split(separator: " ") == ["page", "rw", "en", "fr", "sw"])
        let travel = try #require(lines.first { $0.hasPrefix("risks/travel-documents") })
        #expect(
            travel.split(separator: " ").map(String.init) == [
                "risks/travel-documents", "source", "missing", "outdated,", "draft", "missing",
            ])
        for prefix in ["rw Ikinyarwanda: ", "en English: ", "fr Français: ", "sw Kiswahili: "] {
            #expect(lines.contains { $0.hasPrefix(prefix) }, "no coverage line for \(prefix)")
        }
    }

    @Test("--format json keeps its shape with four languages")
    func json() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CLI.run(["translations", "--format", "json"], in: root)
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let coverage = try #require(object["coverage"] as? [String: Any])
        #expect(Set(coverage.keys) == ["rw", "en", "fr", "sw"])
        let pages = try #require(object["pages"] as? [[String: Any]])
        let jobs = try #require(pages.first { $0["page"] as? String == "risks/fake-job-offers" })
        #expect(jobs["source"] as? String == "en")
        let languages = try #require(jobs["languages"] as? [String: [String: Any]])
        #expect(Set(languages.keys) == ["rw", "en", "fr", "sw"])
        #expect(languages["sw"]?["path"] as? String == "content/risks/fake-job-offers.sw.md")
    }

    @Test("--ack works for any pair: a French translation of an English original")
    func acknowledge() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let ack = try CLI.run(["translations", "--ack", "content/risks/fake-job-offers.fr.md"], in: root)
        #expect(ack.status == 0, "\(ack.standardError)")
        #expect(
            ack.standardOutput.hasPrefix(
                "content/risks/fake-job-offers.fr.md now matches content/risks/fake-job-offers.en.md"))
        let run = try CLI.run(["translations"], in: root)
        let jobs = try #require(
            run.standardOutput.split(separator: "\n").first { $0.hasPrefix("risks/fake-job-offers") })
        // French is now up to date (a draft still); Kinyarwanda and Swahili stay outdated.
        #expect(
            jobs.split(separator: " ").map(String.init) == [
                "risks/fake-job-offers", "outdated,", "draft", "source", "draft", "outdated,", "draft",
            ])
    }

    @Test("bamaso new writes a page per language; every language but the original's is a draft translation")
    func newPage() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CLI.run(["new", "risks", "debt-bondage"], in: root)
        #expect(run.status == 0, "\(run.standardError)")
        for code in ["rw", "en", "fr", "sw"] {
            let text = try String(
                contentsOf: root.appendingPathComponent("content/risks/debt-bondage.\(code).md"), encoding: .utf8)
            #expect(text.contains("\ntranslation: draft\n") == (code != "en"), "\(code)")
        }
        #expect(try CLI.run(["check"], in: root).status == 0)
    }

    @Test("--strict-languages makes missing and outdated translations errors in those languages only")
    func strictLanguages() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let french = try CLI.run(["check", "--strict-languages", "fr"], in: root)
        #expect(french.status == 1)
        let errors = french.standardError.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.contains(".fr.md") || $0.contains("Français") }, "\(errors)")
        #expect(
            french.standardError.contains(
                "content/risks/forced-labour.en.md:1:1: error: this page has no Français translation"))

        let all = try CLI.run(["check", "--strict"], in: root)
        #expect(all.standardError.contains("no Kiswahili translation"))
        #expect(all.standardError.contains("no Français translation"))

        let unknown = try CLI.run(["check", "--strict-languages", "de"], in: root)
        #expect(unknown.status == 1)
        #expect(
            unknown.standardError.contains("--strict-languages names 'de', which is not one of the site's languages"))
    }
}
