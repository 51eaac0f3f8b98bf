import BamasoDiagnostics
import BamasoRender
import Foundation
import Testing

@testable import BamasoWrite

/// A temporary folder for one test, removed afterwards.
struct Scratch {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(
            at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url(path))
    }

    func read(_ path: String) -> String? {
        try? String(contentsOf: url(path), encoding: .utf8)
    }

    func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: url(path).path, withDestinationPath: target)
    }

    /// Every entry under `path` (files, folders, links), sorted.
    func list(_ path: String = "") -> [String] {
        let base = url(path).standardizedFileURL.path + "/"
        return (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite struct SafeDestinationTests {
    @Test(
        "a path inside the output is accepted",
        arguments: [
            "index.html", "rw/risks/fake-job-offers/index.html", "media/a b.pdf", ".well-known/security.txt",
            "a/...", "a/..b/c", "a/b.", "ikinyarwanda/ú/index.html",
        ])
    func inside(path: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = scratch.url("public")
        #expect(SiteWriter.safeDestination(path, in: folder) == folder.appendingPathComponent(path).standardizedFileURL)
    }

    @Test(
        "no spelling of a path leaves the output folder",
        arguments: [
            "", "..", "../x", "../../etc/passwd", "rw/../../x", "rw/..", "/etc/passwd", "/", "a/./b", "./a", ".",
            "a//b", "a/", "//a", "a\0b", "index.html\0.png", "a\\..\\b", "..\\x",
        ])
    func outside(path: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(SiteWriter.safeDestination(path, in: scratch.url("public")) == nil)
    }

    @Test("a symbolic link already inside the output is never followed")
    func linkInside() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(at: scratch.url("public"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch.url("elsewhere"), withIntermediateDirectories: true)
        try scratch.link("public/media", to: scratch.url("elsewhere").path)
        try scratch.link("public/robots.txt", to: scratch.url("elsewhere/robots.txt").path)
        #expect(SiteWriter.safeDestination("media/x.pdf", in: scratch.url("public")) == nil)
        #expect(SiteWriter.safeDestination("robots.txt", in: scratch.url("public")) == nil)
        #expect(SiteWriter.safeDestination("rw/index.html", in: scratch.url("public")) != nil)
    }

    @Test("an output folder reached through a link in its parent is written where the link leads, and nowhere else")
    func outputThroughLink() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(at: scratch.url("real"), withIntermediateDirectories: true)
        try scratch.link("site", to: scratch.url("real").path)
        var diagnostics: [Diagnostic] = []
        let written = SiteWriter.write(
            RenderedSite(files: [OutputFile(path: "index.html", contents: .text("new"))]),
            to: scratch.url("site/public"), into: &diagnostics
        ).written
        #expect(diagnostics == [])
        #expect(written)
        #expect(scratch.read("real/public/index.html") == "new")
        #expect(scratch.list().filter { !$0.hasPrefix("real/") && !$0.hasPrefix("site") } == ["real"])
    }
}

@Suite struct OutputLinkTests {
    @Test("an output that is a link fills the folder it leads to, which keeps its files beside it; the link stays")
    func outputIsLink() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("www/index.html", "old")
        try scratch.link("public", to: "www")
        var diagnostics: [Diagnostic] = []
        for (build, text) in ["new", "newer"].enumerated() {
            let site = SiteWriterTests.site(["index.html": text, "rw/index.html": "rw \(build)"])
            #expect(SiteWriter.write(site, to: scratch.url("public"), into: &diagnostics).written)
            #expect(diagnostics == [])
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch.url("public").path) == "www")
            #expect(scratch.read("www/index.html") == text)
            #expect(scratch.read("public/rw/index.html") == "rw \(build)")
            let top = try FileManager.default.contentsOfDirectory(atPath: scratch.folder.path).sorted()
            #expect(top.count == 4 && top.first == ".www.lock" && top.suffix(2) == ["public", "www"])
            #expect(StagingFolder.isStagingName(top[1], for: "www"))
            #expect(scratch.read(top[1] + "/index.html") == (build == 0 ? "old" : "new"))
        }
    }

    @Test("an output that is a link leading nowhere is an error saying where it points, and nothing is written")
    func brokenLink() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.link("public", to: "missing")
        var diagnostics: [Diagnostic] = []
        let outcome = SiteWriter.write(
            SiteWriterTests.site(["index.html": "new"]), to: scratch.url("public"), into: &diagnostics)
        #expect(!outcome.written)
        let link = scratch.url("public").standardizedFileURL.path
        #expect(
            diagnostics.map(\.description) == [
                "public/:1:1: error: the output \(link) is a link to missing, "
                    + "which cannot be used: no such file or directory; make the folder it points to, or choose "
                    + "another output folder with --output"
            ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.folder.path) == ["public"])
    }
}

@Suite struct MountedOutputTests {
    /// Runs `command` with `arguments`; true when it succeeded.
    static func run(_ command: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Whether this machine lets the tests mount a file system in memory (it needs root).
    static let canMount: Bool = {
        guard let scratch = try? Scratch() else { return false }
        defer { scratch.remove() }
        let mounted = run("/bin/mount", ["-t", "tmpfs", "none", scratch.folder.path])
        return mounted && run("/bin/umount", [scratch.folder.path])
    }()

    @Test("the top folder of a disk is told apart from a folder in one")
    func mountPoints() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(OutputFolder.isMountPoint(URL(fileURLWithPath: "/")))
        #expect(OutputFolder.isMountPoint(URL(fileURLWithPath: "/proc")))
        #expect(!OutputFolder.isMountPoint(scratch.folder))
    }

    @Test(
        "an output that is the top folder of a disk, such as a USB stick, is an error, and nothing is written",
        .enabled(if: canMount, "mounting a file system needs root"))
    func mountedOutput() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let stick = scratch.url("STICK")
        try FileManager.default.createDirectory(at: stick, withIntermediateDirectories: true)
        try #require(Self.run("/bin/mount", ["-t", "tmpfs", "none", stick.path]))
        defer { _ = Self.run("/bin/umount", [stick.path]) }
        var diagnostics: [Diagnostic] = []
        let outcome = SiteWriter.write(SiteWriterTests.site(["index.html": "new"]), to: stick, into: &diagnostics)
        #expect(!outcome.written)
        #expect(
            diagnostics.map(\.description) == [
                "STICK/:1:1: error: \(stick.standardizedFileURL.path) is the top folder of a disk of its own (a USB "
                    + "stick, or a drive mounted there), which a build cannot replace as a whole; write into a "
                    + "folder on it, such as --output \(stick.standardizedFileURL.path)/ba-maso, or build on this "
                    + "computer and copy the folder there"
            ])
        #expect(scratch.list() == ["STICK"])

        // A folder on it is written as anywhere else.
        diagnostics = []
        let folder = stick.appendingPathComponent("ba-maso")
        #expect(SiteWriter.write(SiteWriterTests.site(["index.html": "new"]), to: folder, into: &diagnostics).written)
        #expect(diagnostics == [])
        #expect(scratch.read("STICK/ba-maso/index.html") == "new")
    }
}

@Suite struct WriteOrderTests {
    @Test("into an empty folder, files next to each other have their folders made in different folders")
    func interleaved() {
        let paths = [
            "en/risks/a/index.html", "en/risks/b/index.html", "en/risks/c/index.html", "en/schools/a/index.html",
            "rw/risks/a/index.html", "rw/risks/b/index.html", "sitemap.xml", "en/atom.xml",
        ]
        #expect(
            SiteWriter.interleavedByFolder(paths) { $0 } == [
                "en/risks/a/index.html", "en/schools/a/index.html", "rw/risks/a/index.html", "sitemap.xml",
                "en/risks/b/index.html", "rw/risks/b/index.html", "en/atom.xml", "en/risks/c/index.html",
            ])
    }
}

@Suite struct SiteWriterTests {
    static func site(_ files: [String: String]) -> RenderedSite {
        RenderedSite(
            files: files.sorted { $0.key < $1.key }.map { OutputFile(path: $0.key, contents: .text($0.value)) })
    }

    @Test("a new build replaces the old one whole, and keeps the old site as the one staging folder")
    func replaces() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("public/index.html", "old")
        try scratch.write("public/rw/old-page/index.html", "old page")
        var diagnostics: [Diagnostic] = []
        #expect(
            SiteWriter.write(
                Self.site(["index.html": "new", "rw/index.html": "rw"]),
                to: scratch.url("public"), into: &diagnostics
            ).written)
        #expect(diagnostics == [])
        #expect(scratch.list("public") == ["index.html", "rw", "rw/index.html"])
        #expect(scratch.read("public/index.html") == "new")
        let kept = scratch.list().filter { $0.hasPrefix(".public.") && !$0.contains("/") }
        #expect(kept.count == 2)
        #expect(kept.first == ".public.lock")
        let staging = try #require(kept.last)
        #expect(StagingFolder.isStagingName(staging, for: "public"))
        #expect(scratch.read(staging + "/rw/old-page/index.html") == "old page")
    }

    @Test("a file that would land outside the output is refused, and nothing is changed")
    func escape() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("public/index.html", "old")
        var diagnostics: [Diagnostic] = []
        let site = Self.site(["index.html": "new", "../escaped.html": "x", "/tmp/escaped.html": "x"])
        #expect(!SiteWriter.write(site, to: scratch.url("public"), into: &diagnostics).written)
        #expect(
            diagnostics.map(\.description) == [
                "../escaped.html:1:1: error: refusing to write '../escaped.html': it would land outside the output "
                    + "folder",
                "/tmp/escaped.html:1:1: error: refusing to write '/tmp/escaped.html': it would land outside the output "
                    + "folder",
            ])
        #expect(scratch.read("escaped.html") == nil)
        #expect(scratch.read("public/index.html") == "old")
        #expect(scratch.list().filter { $0.hasPrefix(".public.") } == [".public.lock"])
    }

    @Test("the output may not be, hold or lie inside the folders the build reads")
    func sources() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("project/content/site.yml", "title: x\n")
        try scratch.write("project/templates/layouts/base.mustache", "x")
        let sources = [scratch.url("project/content"), scratch.url("project/templates")]
        let root = scratch.url("project").path
        for (output, message) in [
            (
                "project",
                "project/:1:1: error: the output folder \(root) holds the project's content/ folder, which the build "
                    + "would replace"
            ),
            (
                "project/content",
                "content/:1:1: error: the output folder \(root)/content is the project's content/ folder, which the "
                    + "build would replace"
            ),
            (
                "project/templates/static",
                "static/:1:1: error: the output folder \(root)/templates/static is inside the project's templates/ "
                    + "folder"
            ),
            (
                "project/./content/../templates",
                "templates/:1:1: error: the output folder \(root)/templates is the project's templates/ folder, which "
                    + "the build would replace"
            ),
        ] {
            var diagnostics: [Diagnostic] = []
            #expect(
                !SiteWriter.write(
                    Self.site(["index.html": "x"]),
                    to: scratch.url(output), protecting: sources, into: &diagnostics
                ).written)
            #expect(
                diagnostics.map(\.description) == [
                    message + "; choose another output folder with --output, such as public/ in the project"
                ])
        }
        // Through a link to the project, too.
        try scratch.link("shortcut", to: scratch.url("project").path)
        var diagnostics: [Diagnostic] = []
        #expect(
            !SiteWriter.write(
                Self.site(["index.html": "x"]),
                to: scratch.url("shortcut"), protecting: sources, into: &diagnostics
            ).written)
        #expect(diagnostics.count == 1)
        #expect(
            scratch.list("project") == [
                "content", "content/site.yml", "templates", "templates/layouts", "templates/layouts/base.mustache",
            ])
        // Beside them is fine.
        diagnostics = []
        #expect(
            SiteWriter.write(
                Self.site(["index.html": "x"]),
                to: scratch.url("project/public"), protecting: sources, into: &diagnostics
            ).written)
        #expect(diagnostics == [])
    }

    @Test("a folder of other files is not replaced; an empty one or an earlier build is")
    func foreignFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("documents/letter.txt", "Dear ...")
        var diagnostics: [Diagnostic] = []
        #expect(
            !SiteWriter.write(
                Self.site(["index.html": "x"]),
                to: scratch.url("documents"), into: &diagnostics
            ).written)
        #expect(
            diagnostics.map(\.message) == [
                "\(scratch.url("documents").path) is not empty and has no index.html, so it is not a site bamaso "
                    + "built; the build does not replace it"
            ])
        #expect(scratch.read("documents/letter.txt") == "Dear ...")

        try FileManager.default.createDirectory(at: scratch.url("empty"), withIntermediateDirectories: true)
        diagnostics = []
        #expect(SiteWriter.write(Self.site(["index.html": "x"]), to: scratch.url("empty"), into: &diagnostics).written)
        #expect(diagnostics == [])
    }

    @Test(
        "two files for one address, or for addresses that differ only in capitals, are errors at the project file"
    )
    func collisions() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let site = RenderedSite(files: [
            OutputFile(
                path: "en/schools/booklet/index.html", contents: .text("page"),
                source: "content/schools/booklet.en.md"),
            OutputFile(path: "en/schools/booklet/index.html", contents: .text("booklet")),
            OutputFile(path: "media/Photo.jpg", contents: .text("a"), source: "content/media/Photo.jpg"),
            OutputFile(path: "media/photo.jpg", contents: .text("b"), source: "content/media/photo.jpg"),
        ])
        var diagnostics: [Diagnostic] = []
        #expect(!SiteWriter.write(site, to: scratch.url("public"), into: &diagnostics).written)
        #expect(
            diagnostics.map(\.description) == [
                "content/schools/booklet.en.md:1:1: error: this would be published as en/schools/booklet/index.html, "
                    + "where a page the build makes itself is published too; rename one of them; only one file can "
                    + "have an address",
                "content/media/photo.jpg:1:1: error: this would be published as media/photo.jpg and "
                    + "'content/media/Photo.jpg' as media/Photo.jpg: names that differ only in capital letters are the "
                    + "same file on USB sticks and on Windows and Mac computers; rename one of them, using lowercase "
                    + "letters only",
            ])
        #expect(scratch.list() == [])
    }

    @Test("while another build holds the lock, the output is left alone")
    func locked() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("public/index.html", "old")
        guard case .success(let lock) = BuildLock.acquire(at: scratch.url(".public.lock")) else {
            Issue.record("could not take the lock")
            return
        }
        var diagnostics: [Diagnostic] = []
        #expect(
            !SiteWriter.write(
                Self.site(["index.html": "new"]),
                to: scratch.url("public"), into: &diagnostics
            ).written)
        #expect(
            diagnostics.map(\.description) == [
                "public/:1:1: error: another build is writing \(scratch.url("public").path) right now; wait for it to "
                    + "finish, then build again"
            ])
        lock.release()
        diagnostics = []
        #expect(
            SiteWriter.write(
                Self.site(["index.html": "new"]),
                to: scratch.url("public"), into: &diagnostics
            ).written)
        #expect(scratch.read("public/index.html") == "new")
    }

    @Test("a lock file that is a link is not followed, so nothing is created where it points")
    func lockLink() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.link(".public.lock", to: scratch.url("elsewhere/created").path)
        try FileManager.default.createDirectory(at: scratch.url("elsewhere"), withIntermediateDirectories: true)
        var diagnostics: [Diagnostic] = []
        #expect(
            !SiteWriter.write(
                Self.site(["index.html": "new"]),
                to: scratch.url("public"), into: &diagnostics
            ).written)
        #expect(
            diagnostics.map(\.message) == [
                "cannot write into \(scratch.folder.path): too many levels of symbolic links"
            ])
        #expect(scratch.list("elsewhere") == [])
        #expect(scratch.read("public/index.html") == nil)
    }

    @Test("an output whose parent is a file, or in a place nobody may write, is an error naming the reason")
    func unwritable() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("notes.txt", "a file")
        var diagnostics: [Diagnostic] = []
        #expect(
            !SiteWriter.write(
                Self.site(["index.html": "x"]),
                to: scratch.url("notes.txt/deeper/public"), into: &diagnostics
            ).written)
        #expect(
            diagnostics.map(\.message) == [
                "cannot create the folder \(scratch.url("notes.txt/deeper").path) for the output: "
                    + "\(scratch.url("notes.txt").path) is a file, not a folder"
            ])
        // Root may write anywhere a permission allows, but not into /proc.
        diagnostics = []
        #expect(
            !SiteWriter.write(
                Self.site(["index.html": "x"]),
                to: URL(fileURLWithPath: "/proc/public"), into: &diagnostics
            ).written)
        #expect(diagnostics.map(\.message) == ["cannot write into /proc: no such file or directory"])
    }

    @Test("a media file that is a link inside the project is published as a file, not as a link")
    func copiesLinkedFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("project/content/media/originals/leaflet.pdf", "%PDF")
        try scratch.link(
            "project/content/media/leaflet.pdf", to: scratch.url("project/content/media/originals/leaflet.pdf").path)
        let site = RenderedSite(files: [
            OutputFile(path: "media/leaflet.pdf", contents: .copy(scratch.url("project/content/media/leaflet.pdf")))
        ])
        var diagnostics: [Diagnostic] = []
        #expect(SiteWriter.write(site, to: scratch.url("public"), into: &diagnostics).written)
        let values = try scratch.url("public/media/leaflet.pdf").resourceValues(forKeys: [
            .isSymbolicLinkKey, .isRegularFileKey,
        ])
        #expect(values.isSymbolicLink == false)
        #expect(values.isRegularFile == true)
        #expect(scratch.read("public/media/leaflet.pdf") == "%PDF")
    }
}
