import BamasoDiagnostics
import BamasoSite
import Foundation
import Testing

@Suite struct NewPageTests {
    @Test("each section's skeleton gives a page in both languages that builds without a problem",
          arguments: ["risks", "schools", "radio", "about", "contact"])
    func skeletonBuilds(section: String) throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }

        let written = try NewPage.create(section: section, slug: "new-page", root: site.root).get()

        #expect(written == ["content/\(section)/new-page.rw.md", "content/\(section)/new-page.en.md"])
        let kinyarwanda = try String(contentsOf: site.root.appendingPathComponent(written[0]), encoding: .utf8)
        let english = try String(contentsOf: site.root.appendingPathComponent(written[1]), encoding: .utf8)
        #expect(kinyarwanda.contains("\ntitle: \"New page\"\n"))
        #expect(kinyarwanda.contains("\ntranslation: draft\n"))
        #expect(!english.contains("translation:"))
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
        let text = try String(contentsOf: site.root.appendingPathComponent("content/risks/debt-bondage.en.md"),
                              encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let keyMessage = try #require(lines.firstIndex { $0.hasPrefix("key_message: ") })
        #expect(lines[keyMessage - 1].hasPrefix("# Required: "))
        #expect(lines.contains("title: \"Debt bondage\""))
        #expect(site.build(includeDrafts: true).diagnostics == [])
        #expect(site.outputFiles().contains("en/risks/debt-bondage/index.html"))
    }

    @Test("nothing is written when either language's file exists")
    func refusesToOverwrite() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let english = site.root.appendingPathComponent("content/risks/forced-labour.en.md")
        let before = try Data(contentsOf: english)

        let result = NewPage.create(section: "risks", slug: "forced-labour", root: site.root)

        #expect(throws: NewPage.Failure.self) { try result.get() }
        #expect(try Data(contentsOf: english) == before)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/risks/forced-labour.rw.md").path))
    }

    @Test("a name that cannot be a web address is refused, with one that can", arguments: [
        ("Fake Job Offers", "'Fake Job Offers' cannot be part of a web address", "fake-job-offers"),
        ("fake--job", "'fake--job' cannot be part of a web address", "fake-job"),
        ("-fake", "'-fake' cannot be part of a web address", "fake"),
    ])
    func rejectsInvalidSlug(name: String, message: String, suggestion: String) throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let result = NewPage.create(section: "risks", slug: name, root: site.root)
        guard case .failure(let failure) = result else {
            Issue.record("\(name) was accepted")
            return
        }
        #expect(failure.message == message)
        #expect(failure.hint?.hasSuffix("such as '\(suggestion)'") == true)
    }

    @Test("a section that site.yml does not list is refused, with the closest one")
    func rejectsUnknownSection() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let result = NewPage.create(section: "risk", slug: "debt-bondage", root: site.root)
        guard case .failure(let failure) = result else {
            Issue.record("an unknown section was accepted")
            return
        }
        #expect(failure.description
            == "'risk' is not a section of this site; did you mean 'risks'? (the sections are: risks, schools, radio, about, contact)")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/risk").path))
    }
}
