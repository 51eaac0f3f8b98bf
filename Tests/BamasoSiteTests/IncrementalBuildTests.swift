import BamasoDiagnostics
import BamasoSite
import BamasoTestSupport
import Foundation
import Testing

/// A build with a cache (the preview server's) must give exactly what a build without one
/// gives: after every kind of edit, the same diagnostics and a byte-identical output folder.
///
/// Each sequence of edits starts from a fresh copy of its fixture (`basic`, or `four-languages`
/// for the fallbacks between languages); within a sequence
/// each edit builds on the ones before, as an editor's saves do. The sequences are in this
/// file and in `IncrementalEdits+*.swift`.
@Suite struct IncrementalBuildTests {
    /// One edit of the project: what it does, and the paths a watcher would report.
    struct Edit: Sendable, CustomStringConvertible {
        var description: String
        var apply: @Sendable (Project) throws -> [String]
    }

    /// Edits of one kind, applied in order to a fresh copy of the fixture.
    struct EditSequence: Sendable, CustomTestStringConvertible {
        var name: String
        var edits: [Edit]
        /// The fixture the edits start from (`Fixtures/NAME`).
        var fixture = "basic"

        var testDescription: String { name }
    }

    /// The options that change every address a build writes (`--base-url`, `--portable`).
    struct Variant: Sendable, CustomTestStringConvertible {
        var baseURL: String?
        var portable = false

        var testDescription: String {
            (baseURL.map { "base URL \($0)" } ?? "base URL of site.yml") + (portable ? ", portable" : "")
        }

        static let all = [Variant(baseURL: nil), Variant(baseURL: "/"), Variant(baseURL: nil, portable: true)]
    }

    /// The project folder of a test, with ways to edit it.
    struct Project {
        let root: URL

        func url(_ path: String) -> URL { root.appendingPathComponent(path) }

        func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

        /// Writes as most editors do: a new file renamed over the old one.
        func write(_ path: String, _ text: String) throws {
            try write(path, Data(text.utf8))
        }

        func write(_ path: String, _ data: Data) throws {
            try FileManager.default.createDirectory(
                at: url(path).deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try data.write(to: url(path), options: .atomic)
        }

        /// Writes a new file; returns its path.
        func create(_ path: String, _ text: String) throws -> [String] {
            try write(path, text)
            return [path]
        }

        /// Replaces `old` (which must be there) by `new` in a file; returns its path.
        func replace(_ path: String, _ old: String, _ new: String) throws -> [String] {
            let text = try read(path)
            #expect(text.contains(old), "\(path) does not contain \(old)")
            try write(path, text.replacingOccurrences(of: old, with: new))
            return [path]
        }

        /// Appends to a file in place, as `>>` does (same inode).
        func append(_ path: String, _ text: String) throws -> [String] {
            let handle = try FileHandle(forWritingTo: url(path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            return [path]
        }

        func remove(_ path: String) throws -> [String] {
            try FileManager.default.removeItem(at: url(path))
            return [path]
        }

        /// Renames a file or folder, as `git mv` does; a watcher reports both paths.
        func rename(_ path: String, to newPath: String) throws -> [String] {
            try FileManager.default.moveItem(at: url(path), to: url(newPath))
            return [path, newPath]
        }

        /// Moves a file out of the project, to be put back later with `putBack`.
        func setAside(_ path: String) throws -> [String] {
            let aside = url("set-aside/" + path)
            try FileManager.default.createDirectory(
                at: aside.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: url(path), to: aside)
            return [path]
        }

        func putBack(_ path: String) throws -> [String] {
            try FileManager.default.moveItem(at: url("set-aside/" + path), to: url(path))
            return [path]
        }
    }

    static let risk = "content/risks/fake-job-offers.en.md"

    /// Every kind of edit, in an order where each builds on the ones before.
    static let edits: [Edit] = [
        Edit(description: "nothing changed") { _ in [] },
        Edit(description: "a body edit at the end") { try $0.append(risk, "\nOne more sentence.\n") },
        Edit(description: "notices on draft and outdated translations turned on") {
            try $0.replace(
                "content/site.yml", "languages: [rw, { code: en, locale: en_GB }]",
                "languages: [rw, { code: en, locale: en_GB }]\ntranslation_notices: true")
        },
        Edit(description: "a body edit in the first paragraph (the summary)") {
            try $0.replace(risk, "Traffickers promise good jobs", "Traffickers often promise good jobs")
        },
        Edit(description: "a heading edit") { try $0.replace(risk, "## Warning signs", "## Signs to watch for") },
        Edit(description: "translations brought up to date with their originals") {
            let paths = [
                "content/risks/fake-job-offers.en.md", "content/schools/_index.en.md",
                "content/schools/debate-club.en.md",
            ]
            for path in paths {
                if case .failure(let problems) = Site.acknowledgeTranslation(path, root: $0.root) {
                    Issue.record("cannot acknowledge \(path): \(problems)")
                }
            }
            return paths
        },
        Edit(description: "a heading another page links to renamed, so its link warns") {
            try $0.replace("content/risks/forced-labour.en.md", "## What to do", "## How to get out")
        },
        Edit(description: "the heading named back") {
            try $0.replace("content/risks/forced-labour.en.md", "## How to get out", "## What to do")
        },
        Edit(description: "a title edit") {
            try $0.replace(risk, "title: \"Fake job offers\"", "title: \"Job offers that lie\"")
        },
        Edit(description: "a weight edit, which reorders the section") {
            try $0.replace(risk, "weight: 1", "weight: 9")
        },
        Edit(description: "a date added, which puts the page in the feed") {
            try $0.replace(risk, "weight: 9", "weight: 9\ndate: 2013-01-01")
        },
        Edit(description: "the date changed, which moves it in the feed") {
            try $0.replace(risk, "date: 2013-01-01", "date: 2011-01-01")
        },
        Edit(description: "the title of a page in the feed") {
            try $0.replace(risk, "title: \"Job offers that lie\"", "title: \"Job offers that lie, again\"")
        },
        Edit(description: "the original of a translation edited") {
            try $0.append("content/risks/fake-job-offers.rw.md", "\nIjambo rimwe.\n")
        },
        Edit(description: "a new page") {
            try $0.write(
                "content/risks/new-risk.en.md",
                """
                ---
                title: "A new risk"
                key_message: "Stay alert."
                ---
                Something new, linking to [fake job offers](@/risks/fake-job-offers).

                """)
            return ["content/risks/new-risk.en.md"]
        },
        Edit(description: "a link to the new page") {
            try $0.append("content/risks/forced-labour.en.md", "\nSee [the new risk](@/risks/new-risk).\n")
        },
        Edit(description: "the new page made a draft, so the link to it breaks") {
            try $0.replace(
                "content/risks/new-risk.en.md", "title: \"A new risk\"",
                "title: \"A new risk\"\ndraft: true")
        },
        Edit(description: "the broken link removed") {
            try $0.replace("content/risks/forced-labour.en.md", "\nSee [the new risk](@/risks/new-risk).\n", "")
        },
        Edit(description: "the draft deleted") { try $0.remove("content/risks/new-risk.en.md") },
        Edit(description: "a link with a typo, which leads nowhere") {
            try $0.append("content/risks/forced-labour.en.md", "\nSee [a risk](@/risks/new-risc).\n")
        },
        Edit(description: "a page the typo is close to, which the error then suggests") {
            try $0.write("content/risks/new-risk.en.md", "---\ntitle: \"New\"\nkey_message: \"New.\"\n---\nNew.\n")
            return ["content/risks/new-risk.en.md"]
        },
        Edit(description: "the link and the page removed") {
            try $0.replace("content/risks/forced-labour.en.md", "\nSee [a risk](@/risks/new-risc).\n", "")
                + $0.remove("content/risks/new-risk.en.md")
        },
        Edit(description: "the original of a school material edited: its translation in the booklet is outdated") {
            try $0.append("content/schools/debate-club.rw.md", "\nIjambo rimwe.\n")
        },
        Edit(description: "the original of the schools section page edited: the booklet's translation is outdated") {
            try $0.append("content/schools/_index.rw.md", "\nIjambo rimwe.\n")
        },
        Edit(description: "a school material's title, which orders the booklet") {
            try $0.replace(
                "content/schools/debate-club.en.md", "title: \"Start a debate club\"",
                "title: \"A debate club\"")
        },
        Edit(description: "a page deleted") { try $0.remove("content/schools/debate-club.rw.md") },
        Edit(description: "a template edit") {
            try $0.replace(
                "templates/layouts/risk.mustache", "<article class=\"risk\">",
                "<article class=\"risk edited\">")
        },
        Edit(description: "an interface string edit") {
            try $0.replace("templates/i18n/en.yml", "key_message: \"Remember:\"", "key_message: \"Keep in mind:\"")
        },
        Edit(description: "a template asks for a string that does not exist") {
            try $0.replace("templates/layouts/risk.mustache", "{{t.key_message}}", "{{t.no_such_string}}")
        },
        Edit(description: "the string fixed") {
            try $0.replace("templates/layouts/risk.mustache", "{{t.no_such_string}}", "{{t.key_message}}")
        },
        Edit(description: "the stylesheet edited") { try $0.append("templates/static/style.css", "\n/* edited */\n") },
        Edit(description: "site.yml edited") {
            try $0.replace("content/site.yml", "en: \"Ba Maso: Be Alert\"", "en: \"Ba Maso: Stay Alert\"")
        },
        Edit(description: "contacts.yml edited") {
            try $0.replace("content/contacts.yml", "\"+250 252 586 710\"", "\"+250 252 586 711\"")
        },
        Edit(description: "an audio file replaced") {
            try Data(repeating: 0, count: 4096).write(to: $0.url("content/media/talk-show-1.mp3"))
            return ["content/media/talk-show-1.mp3"]
        },
        Edit(description: "a media file added") {
            try Data("%PDF-1.4\n".utf8).write(to: $0.url("content/media/leaflet.pdf"))
            return ["content/media/leaflet.pdf"]
        },
        Edit(description: "a new section: a new folder and site.yml") {
            try $0.write("content/campaigns/_index.en.md", "---\ntitle: \"Campaigns\"\n---\nOur campaigns.\n")
            try $0.write(
                "content/campaigns/_index.rw.md",
                "---\ntitle: \"Ubukangurambaga\"\n---\nUbukangurambaga bwacu.\n")
            try $0.write(
                "content/campaigns/radio-week.en.md",
                "---\ntitle: \"Radio week\"\n---\nA week on the radio.\n")
            return try ["content/campaigns"]
                + $0.replace(
                    "content/site.yml", "sections: [risks, schools, radio, about, contact]",
                    "sections: [risks, schools, radio, about, contact, campaigns]")
        },
        Edit(description: "a folder removed") {
            try FileManager.default.removeItem(at: $0.url("content/campaigns"))
            return try ["content/campaigns"]
                + $0.replace("content/site.yml", ", campaigns]", "]")
        },
        Edit(description: "a broken front matter") { try $0.replace(risk, "weight: 9", "weight: [nine") },
        Edit(description: "the front matter fixed") { try $0.replace(risk, "weight: [nine", "weight: 2") },
        Edit(description: "a hidden file, which is no part of the project") {
            try $0.write("content/risks/.fake-job-offers.en.md.swp", "not a page")
            return ["content/risks/.fake-job-offers.en.md.swp"]
        },
        Edit(description: "a file that is not a page") {
            try $0.write("content/risks/notes.txt", "a note")
            return ["content/risks/notes.txt"]
        },
    ]

    /// Every sequence of edits: the first, then one per kind of edit.
    static let sequences = [
        EditSequence(name: "pages, links and the theme", edits: edits),
        EditSequence(name: "each kind of content", edits: contentEdits),
        EditSequence(name: "templates, strings, site.yml and contacts.yml", edits: themeEdits),
        EditSequence(name: "media files", edits: mediaEdits),
        EditSequence(name: "pages added, deleted, renamed, translated and drafted", edits: pageEdits),
        EditSequence(name: "links to headings and components", edits: componentEdits),
        EditSequence(name: "errors and their fixes", edits: errorEdits),
        EditSequence(name: "four languages and their fallbacks", edits: languageEdits, fixture: "four-languages"),
    ]

    /// Each edit is followed by three builds: one with a cache a watcher tells which files
    /// changed (as `bamaso serve` does), one with a cache that finds out for itself, and one
    /// without a cache, which the other two must match. One case at a time, on a thread of its
    /// own: the cases build for a minute in all, which would hold both of Swift Testing's
    /// threads and stall the other suites' async tests.
    @Test(
        "after each edit, a build with a cache gives what a build without one gives",
        .serialized, arguments: sequences, Variant.all)
    func matchesFullBuilds(sequence: EditSequence, variant: Variant) async throws {
        let builds = try await onItsOwnThread { try Self.builds(after: sequence, variant: variant) }
        #expect(builds.count == 2 * (sequence.edits.count + 1))
        for build in builds {
            #expect(build.sameDiagnostics, "\(build.name)")
            #expect(build.sameCoverage, "\(build.name)")
            #expect(build.differences == [], "\(build.name): \(build.differences.joined(separator: "\n"))")
        }
    }

    /// How one cached build compared with the full build after the same edit.
    struct Comparison: Sendable {
        var name: String
        var sameDiagnostics: Bool
        var sameCoverage: Bool
        var differences: [String]
    }

    /// Applies the edits of `sequence` one by one, building after each; the comparisons of the
    /// cached builds with the full ones.
    static func builds(after sequence: EditSequence, variant: Variant) throws -> [Comparison] {
        let site = try FixtureSite(sequence.fixture)
        defer { site.remove() }
        let project = Project(root: site.root)
        let outputs = Self.outputsFolder()
        defer { try? FileManager.default.removeItem(at: outputs) }
        let full = outputs.appendingPathComponent("full")
        let caches = [
            (watched: true, cache: BuildCache(), output: outputs.appendingPathComponent("watched")),
            (watched: false, cache: BuildCache(), output: outputs.appendingPathComponent("unwatched")),
        ]
        func options(_ output: URL) -> BuildOptions {
            BuildOptions(root: site.root, output: output, baseURL: variant.baseURL, portable: variant.portable)
        }
        var comparisons: [Comparison] = []
        let first = Edit(description: "(the first build, before any edit)") { _ in [] }
        for edit in [first] + sequence.edits {
            let paths = try edit.apply(project)
            let uncached = Site.build(options(full))
            let expected = try Self.contents(of: full)
            for (watched, cache, output) in caches {
                if watched { cache.noteChanges(paths) }
                let cached = Site.build(options(output), cache: cache)
                comparisons.append(
                    Comparison(
                        name: "after \(edit), \(watched ? "watched" : "not watched")",
                        sameDiagnostics: cached.diagnostics == uncached.diagnostics,
                        sameCoverage: cached.translationCoverage == uncached.translationCoverage,
                        differences: Self.differences(try Self.contents(of: output), expected)))
            }
        }
        return comparisons
    }

    /// Where the builds of a test write: a new folder in memory (tmpfs) where there is one.
    /// Every edit is followed by a full build, which writes a whole site and deletes the
    /// previous one; on the ext4 disks of the test machines that was half of this suite's time.
    static func outputsFolder() -> URL {
        var isFolder: ObjCBool = false
        let memory =
            FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isFolder) && isFolder.boolValue
            && FileManager.default.isWritableFile(atPath: "/dev/shm")
        return (memory ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory)
            .appendingPathComponent("bamaso-test-outputs-\(UUID().uuidString)")
    }

    /// The files and folders (as `contents(of:)` gives them) that are in the cached build's
    /// output and not the full build's, or the other way round, or differ, each with the first
    /// line where they differ.
    static func differences(_ a: [String: Data?], _ b: [String: Data?]) -> [String] {
        Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }.map { path in
            switch (a[path], b[path]) {
            case (nil, _): "\(path): only in the full build"
            case (_, nil): "\(path): only in the cached build"
            case (let cached??, let full??): "\(path): " + firstDifference(cached, full)
            default: "\(path): a file in one, a folder in the other"
            }
        }
    }

    /// `line N: cached «…» full «…»`, the first line where two files differ.
    static func firstDifference(_ cached: Data, _ full: Data) -> String {
        func lines(_ data: Data) -> [Substring] {
            String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        }
        let (one, other) = (lines(cached), lines(full))
        let line =
            zip(one, other).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(one.count, other.count)
        func text(_ lines: [Substring]) -> String { line < lines.count ? String(lines[line].prefix(200)) : "(end)" }
        return "line \(line + 1): cached «\(text(one))» full «\(text(other))»"
    }

    /// Every file (with its bytes) and folder (with no bytes) under `folder`, by relative path.
    static func contents(of folder: URL) throws -> [String: Data?] {
        var found: [String: Data?] = [:]
        let prefix = folder.standardizedFileURL.path + "/"
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey])
        else { return found }
        while let url = enumerator.nextObject() as? URL {
            let path = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            let isDirectory = try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true
            found[path] = isDirectory ? .some(nil) : try Data(contentsOf: url)
        }
        return found
    }
}
