import Foundation
import Testing

/// `bamaso new` through the real binary.
@Suite struct NewCommandTests {
    typealias CLI = BuildCommandTests

    @Test("writes the page in both languages from the theme's skeleton and names the files")
    func writesBothLanguages() throws {
        let root = try CLI.project("broken")
        defer { try? FileManager.default.removeItem(at: root) }

        let run = try CLI.run(["new", "risks", "debt-bondage"], in: root)

        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError == "")
        #expect(
            run.standardOutput.hasPrefix(
                """
                Wrote content/risks/debt-bondage.rw.md
                Wrote content/risks/debt-bondage.en.md

                """))
        let kinyarwanda = try String(
            contentsOf: root.appendingPathComponent("content/risks/debt-bondage.rw.md"), encoding: .utf8)
        let english = try String(
            contentsOf: root.appendingPathComponent("content/risks/debt-bondage.en.md"), encoding: .utf8)
        let skeleton = try String(
            contentsOf: CLI.repositoryRoot.appendingPathComponent("templates/archetypes/risk.md"), encoding: .utf8)
        #expect(skeleton.contains("{{title}}"))
        for text in [kinyarwanda, english] {
            #expect(text.hasPrefix("---\n# A risk message"))
            #expect(text.contains("\ntitle: \"Debt bondage\"\n"))
            #expect(text.contains("\nkey_message: "))
            #expect(!text.contains("{{"))
        }
        // The fixture's pages are first written in its default language: English is the draft translation.
        #expect(kinyarwanda.contains("(Ikinyarwanda)") && !kinyarwanda.contains("translation:"))
        #expect(english.contains("(English)") && english.contains("\ntranslation: draft\n"))
    }

    @Test("never overwrites: when a file exists, neither language is written")
    func refusesToOverwrite() throws {
        let root = try CLI.project("broken")
        defer { try? FileManager.default.removeItem(at: root) }
        let english = root.appendingPathComponent("content/risks/forced-labour.en.md")
        let before = try Data(contentsOf: english)

        let run = try CLI.run(["new", "risks", "forced-labour"], in: root)

        #expect(run.status == 1)
        #expect(
            run.standardError == """
                content/risks/forced-labour.en.md:1:1: error: this page already exists; nothing was written; \
                open the existing page, or choose another name

                """)
        #expect(try Data(contentsOf: english) == before)
        #expect(
            !FileManager.default.fileExists(
                atPath: root.appendingPathComponent("content/risks/forced-labour.rw.md").path))
    }

    @Test(
        "rejects a name that cannot be a web address, and a section the site does not have",
        arguments: [
            (
                ["new", "risks", "Debt Bondage"],
                "content/risks/:1:1: error: 'Debt Bondage' cannot be part of a web address; "
                    + "use lowercase letters a-z, digits and single hyphens, such as 'debt-bondage'\n"
            ),
            (
                ["new", "schools", "debt-bondage"],
                "content/site.yml:4:11: error: 'schools' is not a section of this site; "
                    + "the sections are: risks (to start a new section, add it to this list first)\n"
            ),
            (
                ["new", "school", "Debt Bondage"],
                "content/school/:1:1: error: 'Debt Bondage' cannot be part of a web address; "
                    + "use lowercase letters a-z, digits and single hyphens, such as 'debt-bondage'\n"
                    + "content/site.yml:4:11: error: 'school' is not a section of this site; "
                    + "the sections are: risks (to start a new section, add it to this list first)\n"
            ),
        ])
    func rejectsBadNames(arguments: [String], message: String) throws {
        let root = try CLI.project("broken")
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()

        let run = try CLI.run(arguments, in: root)

        #expect(run.status == 1)
        #expect(run.standardError == message)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted() == before)
    }
}
