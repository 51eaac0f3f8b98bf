import BamasoDiagnostics
import BamasoSite
import Foundation
import Testing

@Suite struct NewPageTests {
    @Test(
        "each section's skeleton gives a page in both languages that builds without a problem",
        arguments: ["risks", "schools", "radio", "about", "contact"])
    func skeletonBuilds(section: String) throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }

        let written = try NewPage.create(section: section, slug: "new-page", root: site.root).get()

        #expect(written == ["content/\(section)/new-page.rw.md", "content/\(section)/new-page.en.md"])
        let kinyarwanda = try String(contentsOf: site.root.appendingPathComponent(written[0]), encoding: .utf8)
        let english = try String(contentsOf: site.root.appendingPathComponent(written[1]), encoding: .utf8)
        #expect(kinyarwanda.contains("\ntitle: \"New page\"\n"))
        // The fixture's pages are first written in its default language, Kinyarwanda: the
        // English page is the translation, a draft until a native speaker reviews it.
        #expect(!kinyarwanda.contains("translation:"))
        #expect(english.contains("\ntranslation: draft\n"))
        #expect(english.contains("\ndraft: true\n"))
        // Drafts are not published, but their front matter is checked: it must be valid.
        let report = Site.build(BuildOptions(root: site.root))
        #expect(report.diagnostics == [])
        #expect(!site.outputFiles().contains("en/\(section)/new-page/index.html"))
    }

    @Test("a risk message's skeleton has the field only risk messages have, with a hint above it")
    func riskSkeletonHasItsFields() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        _ = try NewPage.create(section: "risks", slug: "debt-bondage", root: site.root).get()
        let text = try String(
            contentsOf: site.root.appendingPathComponent("content/risks/debt-bondage.en.md"),
            encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let keyMessage = try #require(lines.firstIndex { $0.hasPrefix("key_message: ") })
        #expect(lines[keyMessage - 1].hasPrefix("# Required: "))
        #expect(lines.contains("title: \"Debt bondage\""))
        #expect(site.build(includeDrafts: true).diagnostics == [])
        #expect(site.outputFiles().contains("en/risks/debt-bondage/index.html"))
    }

    @Test("nothing is written when either language's file exists; the error names that file")
    func refusesToOverwrite() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let english = site.root.appendingPathComponent("content/risks/forced-labour.en.md")
        let before = try Data(contentsOf: english)

        let result = NewPage.create(section: "risks", slug: "forced-labour", root: site.root)

        #expect(
            Self.problems(result) == [
                .error(
                    at: FileLocation(path: "content/risks/forced-labour.en.md"), "this page already exists",
                    hint: "nothing was written; open the existing page, or choose another name")
            ])
        #expect(try Data(contentsOf: english) == before)
        #expect(
            !FileManager.default.fileExists(
                atPath: site.root.appendingPathComponent("content/risks/forced-labour.rw.md").path))
    }

    @Test(
        "a name that cannot be a web address is refused, with one that can",
        arguments: [
            ("Fake Job Offers", "'Fake Job Offers' cannot be part of a web address", "fake-job-offers"),
            ("fake--job", "'fake--job' cannot be part of a web address", "fake-job"),
            ("-fake", "'-fake' cannot be part of a web address", "fake"),
        ])
    func rejectsInvalidSlug(name: String, message: String, suggestion: String) throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let result = NewPage.create(section: "risks", slug: name, root: site.root)
        #expect(
            Self.problems(result) == [
                .error(
                    at: FileLocation(path: "content/risks/"), message,
                    hint: "use lowercase letters a-z, digits and single hyphens, such as '\(suggestion)'")
            ])
    }

    @Test("a section that site.yml does not list is refused at its list of sections, with the closest one")
    func rejectsUnknownSection() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let result = NewPage.create(section: "risk", slug: "debt-bondage", root: site.root)
        #expect(
            Self.problems(result) == [
                .error(
                    at: FileLocation(path: "content/site.yml", line: 8, column: 11),
                    "'risk' is not a section of this site",
                    hint: "did you mean 'risks'? (the sections are: risks, schools, radio, about, contact)")
            ])
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/risk").path))
    }

    @Test("a bad name in an unknown section: both problems reported at once")
    func reportsEveryProblem() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let result = NewPage.create(section: "campaigns", slug: "Radio Week", root: site.root)
        #expect(
            Self.problems(result).map(\.description) == [
                "content/campaigns/:1:1: error: 'Radio Week' cannot be part of a web address; use lowercase "
                    + "letters a-z, "
                    + "digits and single hyphens, such as 'radio-week'",
                "content/site.yml:8:11: error: 'campaigns' is not a section of this site; the sections are: risks, "
                    + "schools, radio, about, contact (to start a new section, add it to this list first)",
            ])
    }

    @Test("a missing or broken skeleton is reported at the skeleton's file")
    func reportsBrokenSkeleton() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let skeleton = site.root.appendingPathComponent("templates/archetypes/radio.md")
        try FileManager.default.removeItem(at: skeleton)
        #expect(
            Self.problems(NewPage.create(section: "radio", slug: "show-2", root: site.root)) == [
                .error(
                    at: FileLocation(path: "templates/archetypes/radio.md"),
                    "the skeleton for new pages of 'radio' is missing",
                    hint: "restore templates/archetypes/radio.md from git; each kind of page has a skeleton in "
                        + "templates/archetypes/")
            ])

        let unclosed = "---\ntitle: \"{{title}}\"\n{{#rw}}\ntranslation: draft\n---\n"
        try unclosed.write(to: skeleton, atomically: true, encoding: .utf8)
        let problems = Self.problems(NewPage.create(section: "radio", slug: "show-2", root: site.root))
        #expect(problems.map(\.location.path) == ["templates/archetypes/radio.md"])
        #expect(problems.first?.message.hasPrefix("the skeleton is not a valid Mustache template") == true)
        let radio = site.root.appendingPathComponent("content/radio").path
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: radio).sorted()
                == ["_index.en.md", "_index.rw.md", "talk-show-1.en.md", "talk-show-1.rw.md"])
    }

    @Test("a project without site.yml, or with a broken one, is reported at content/site.yml")
    func reportsSiteYML() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let siteYML = site.root.appendingPathComponent("content/site.yml")
        try "title: [oops\n".write(to: siteYML, atomically: true, encoding: .utf8)
        let broken = Self.problems(NewPage.create(section: "risks", slug: "debt-bondage", root: site.root))
        #expect(!broken.isEmpty)
        #expect(broken.allSatisfy { $0.location.path == "content/site.yml" && $0.severity == .error })

        try FileManager.default.removeItem(at: siteYML)
        #expect(
            Self.problems(NewPage.create(section: "risks", slug: "debt-bondage", root: site.root)) == [
                .error(
                    at: FileLocation(path: "content/site.yml"),
                    "there is no content/site.yml in \(site.root.standardizedFileURL.path)",
                    hint: "run bamaso in the project folder, or pass --root FOLDER")
            ])
    }

    /// The diagnostics of a failure; none (and an issue) when the page was written.
    static func problems(
        _ result: Result<[String], DiagnosticList>,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [Diagnostic] {
        switch result {
        case .success(let paths):
            Issue.record("wrote \(paths)", sourceLocation: sourceLocation)
            return []
        case .failure(let problems): return problems.diagnostics
        }
    }
}
