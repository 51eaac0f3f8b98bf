import Foundation
import Testing

/// `bamaso translations`, `--ack`, and what translation states do to `build`.
@Suite struct TranslationsCommandTests {
    typealias CLI = BuildCommandTests

    /// The fixture with its home and section pages marked up to date, so each risk page shows
    /// one state: jobs draft, borders missing in rw, papers missing in en, domestic outdated.
    static func project() throws -> URL {
        let root = try CLI.project("translations")
        let run = try CLI.run(
            [
                "translations", "--ack", "content/_index.rw.md", "--ack", "content/risks/_index.rw.md",
                "--ack", "content/risks/jobs.rw.md",
            ], in: root)
        #expect(run.status == 0, "\(run.standardError)")
        return root
    }

    static let table = """
        page                rw                en                
        (home)              present           source            
        risks               present           source            
        risks/borders       missing           source            
        risks/domestic      outdated          source            
        risks/jobs          draft             source            
        risks/papers        source            missing           

        rw Ikinyarwanda: 4 of 6 pages (66%), 7 of 13 words (53%); 1 draft, 1 outdated, 1 missing
        en English: 5 of 6 pages (83%), 11 of 13 words (84%); 0 draft, 0 outdated, 1 missing

        """

    @Test("the report shows every state of every page, then coverage in pages and words")
    func report() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CLI.run(["translations"], in: root)
        #expect(run.status == 0)
        #expect(run.standardError == "")
        #expect(run.standardOutput == Self.table)
    }

    @Test("--ack records the original's fingerprint in one line of the translation's front matter")
    func acknowledge() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("content/risks/domestic.rw.md")
        let before = try String(contentsOf: file, encoding: .utf8)
        let run = try CLI.run(["translations", "--ack", "content/risks/domestic.rw.md"], in: root)
        #expect(run.status == 0)
        let after = try String(contentsOf: file, encoding: .utf8)
        let added = after.split(separator: "\n").filter { !before.split(separator: "\n").contains($0) }
        #expect(added.count == 2)
        #expect(added.first?.hasPrefix("translated_from: ") == true)
        // One fingerprint per block of the original: title, key message, the paragraph.
        #expect(added.last?.wholeMatch(of: /translated_blocks: \["[0-9a-f]{8}", "[0-9a-f]{8}", "[0-9a-f]{8}"\]/) != nil)
        #expect(
            run.standardOutput
                == "content/risks/domestic.rw.md now matches content/risks/domestic.en.md (\(added.first ?? "")).\n")
        let report = try CLI.run(["translations"], in: root).standardOutput
        #expect(report.contains("risks/domestic      present           source"))
    }

    @Test("editing the original makes its translation outdated, until it is acknowledged again")
    func outdatedAfterSourceEdit() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let original = root.appendingPathComponent("content/risks/jobs.en.md")
        try (String(contentsOf: original, encoding: .utf8) + "\nA new paragraph.\n").write(
            to: original, atomically: true, encoding: .utf8)
        #expect(
            try CLI.run(["translations"], in: root).standardOutput.contains(
                "risks/jobs          outdated, draft   source"))
        // Dates and weights are not translated: changing them does not outdate anything.
        let weight = try String(contentsOf: original, encoding: .utf8).replacingOccurrences(
            of: "---\ntitle", with: "---\nweight: 3\ntitle")
        try weight.write(to: original, atomically: true, encoding: .utf8)
        _ = try CLI.run(["translations", "--ack", "content/risks/jobs.rw.md"], in: root)
        #expect(
            try CLI.run(["translations"], in: root).standardOutput.contains(
                "risks/jobs          draft             source"))
    }

    @Test("--changes names the blocks of the original added or changed since --ack, with their lines, without git")
    func changesWithoutGit() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let original = root.appendingPathComponent("content/risks/jobs.en.md")
        let text =
            try String(contentsOf: original, encoding: .utf8)
            .replacingOccurrences(of: "Check first.", with: "Check it first.") + "\n## Help\n\nAsk a teacher.\n"
        try text.write(to: original, atomically: true, encoding: .utf8)
        let run = try CLI.run(["translations", "--changes", "content/risks/jobs.rw.md"], in: root)
        #expect(run.status == 0)
        #expect(
            run.standardOutput == """
                content/risks/jobs.rw.md is outdated: content/risks/jobs.en.md changed since it was marked up to date.
                  content/risks/jobs.en.md:3  key_message, changed: Check it first.
                  content/risks/jobs.en.md:7  heading, added: Help
                  content/risks/jobs.en.md:9  paragraph, added: Ask a teacher.

                """)
        let upToDate = try CLI.run(["translations", "--changes", "content/_index.rw.md"], in: root)
        #expect(upToDate.standardOutput == "content/_index.rw.md is not outdated: it matches its original.\n")
        // Outdated, but acknowledged before blocks were recorded (never, in the fixture).
        let unknown = try CLI.run(["translations", "--changes", "content/risks/domestic.rw.md"], in: root)
        #expect(unknown.standardOutput.contains("What changed is not recorded"))
        let originalAsked = try CLI.run(["translations", "--changes", "content/risks/jobs.en.md"], in: root)
        #expect(originalAsked.status == 1)
        #expect(
            originalAsked.standardError == "content/risks/jobs.en.md:1:1: error: this page is the original, not a "
                + "translation; ask about its translation instead: content/risks/jobs.rw.md\n")
    }

    static let hasGit = FileManager.default.isExecutableFile(atPath: "/usr/bin/git")

    @Test(
        "with git, --changes and the JSON report give the old text of a changed block and a word diff",
        .enabled(if: hasGit))
    func changesWithGit() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            process.arguments = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"] + arguments
            process.currentDirectoryURL = root
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
        }
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-q", "-m", "The site, its translations acknowledged")
        let original = root.appendingPathComponent("content/risks/jobs.en.md")
        let text = try String(contentsOf: original, encoding: .utf8)
            .replacingOccurrences(of: "Four words of text.", with: "Four short words of text here.")
        try text.write(to: original, atomically: true, encoding: .utf8)
        try git("commit", "-q", "-a", "-m", "A clearer paragraph")
        let run = try CLI.run(["translations", "--changes", "content/risks/jobs.rw.md"], in: root)
        #expect(
            run.standardOutput.hasSuffix(
                "  content/risks/jobs.en.md:5  paragraph, changed: Four {+short+} words of [-text.-] {+text here.+}\n"))
        let json = try CLI.run(["translations", "--format", "json"], in: root)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let pages = try #require(object["pages"] as? [[String: Any]])
        let jobs = try #require(pages.first { $0["page"] as? String == "risks/jobs" })
        let rw = try #require((jobs["languages"] as? [String: [String: Any]])?["rw"])
        let changes = try #require(rw["changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["change"] as? String == "changed")
        #expect(changes.first?["block"] as? String == "paragraph")
        #expect(changes.first?["line"] as? Int == 5)
        #expect(changes.first?["old_text"] as? String == "Four words of text.")
        #expect(changes.first?["text"] as? String == "Four short words of text here.")
    }

    @Test("--ack refuses an original and an unknown file, naming them")
    func acknowledgeMistakes() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let original = try CLI.run(["translations", "--ack", "content/risks/jobs.en.md"], in: root)
        #expect(original.status == 1)
        #expect(
            original.standardError
                == "content/risks/jobs.en.md:1:1: error: this page is the original, not a translation; acknowledge "
                + "its translation instead: content/risks/jobs.rw.md\n")
        let unknown = try CLI.run(["translations", "--ack", "content/risks/nothing.rw.md"], in: root)
        #expect(unknown.status == 1)
        #expect(
            unknown.standardError.hasPrefix(
                "content/risks/nothing.rw.md:1:1: error: content/risks/nothing.rw.md is not a page of this site"))
    }

    @Test("--format json gives tools each page's state per language and the coverage")
    func json() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try CLI.run(["translations", "--format", "json"], in: root)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let pages = try #require(object["pages"] as? [[String: Any]])
        let states = Dictionary(
            uniqueKeysWithValues: pages.map { page in
                (
                    page["page"] as? String ?? "",
                    (page["languages"] as? [String: [String: Any]])?.mapValues { $0["state"] as? String ?? "" } ?? [:]
                )
            })
        #expect(states["risks/domestic"] == ["rw": "outdated", "en": "source"])
        #expect(states["risks/papers"] == ["rw": "source", "en": "missing"])
        #expect(states["risks/borders"] == ["rw": "missing", "en": "source"])
        let coverage = try #require(object["coverage"] as? [String: [String: Int]])
        #expect(
            coverage["rw"] == [
                "pages": 4, "total_pages": 6, "words": 7, "total_words": 13, "draft": 1, "outdated": 1, "missing": 1,
            ])
    }

    @Test("build --strict makes missing and outdated translations errors; a plain build publishes with fallbacks")
    func strictBuild() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let strict = try CLI.run(["build", "--strict"], in: root)
        #expect(strict.status == 1)
        #expect(
            strict.standardError == """
                content/risks/borders.en.md:1:1: error: this page has no Ikinyarwanda translation; write \
                content/risks/borders.rw.md, or build without --strict
                content/risks/domestic.rw.md:1:1: error: this translation is outdated: \
                content/risks/domestic.en.md changed after it was translated; bring it up to date, then run \
                'bamaso translations --ack content/risks/domestic.rw.md'
                content/risks/papers.rw.md:1:1: error: this page has no English translation; write \
                content/risks/papers.en.md, or build without --strict

                """)
        let plain = try CLI.run(["build"], in: root)
        #expect(plain.status == 0, "\(plain.standardError)")
        #expect(
            plain.standardOutput.contains(
                "Ikinyarwanda translations: 1 draft (not yet reviewed by a native speaker), 1 outdated, 1 missing; "
                    + "'bamaso translations' lists them."))
        // translation_notices: true in site.yml: visitors see the state, in the page's language.
        let outdated = try String(
            contentsOf: root.appendingPathComponent("public/rw/risks/domestic/index.html"), encoding: .utf8)
        #expect(
            outdated.contains(
                "<p class=\"translation-notice\" role=\"note\">Urupapuro rw&#39;umwimerere rwahinduwe nyuma "
                    + "y&#39;uko ubu busobanuro bukorwa. <a href=\"/en/risks/domestic/\" hreflang=\"en\">Soma "
                    + "umwimerere</a></p>"))
        let draft = try String(
            contentsOf: root.appendingPathComponent("public/rw/risks/jobs/index.html"), encoding: .utf8)
        #expect(draft.contains("Ubu busobanuro ntiburasuzumwa"))
        let original = try String(
            contentsOf: root.appendingPathComponent("public/en/risks/jobs/index.html"), encoding: .utf8)
        #expect(!original.contains("translation-notice"))
    }
}
