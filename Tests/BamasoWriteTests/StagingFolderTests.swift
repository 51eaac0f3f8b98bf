import BamasoDiagnostics
import BamasoRender
import Foundation
import Testing

@testable import BamasoWrite

/// Rebuilds over an earlier output: the old site is kept as the next staging folder, updated in
/// place, and only folders recorded in the lock file are ever reused or removed.
@Suite struct StagingFolderTests {
    static func site(_ files: [String: String]) -> RenderedSite { SiteWriterTests.site(files) }

    /// The inode and modification time of a file.
    static func identity(_ url: URL) throws -> [Int] {
        var status = stat()
        guard lstat(url.path, &status) == 0 else { throw POSIXError(.ENOENT) }
        return [Int(status.st_ino), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec)]
    }

    /// The lock file's first line, above the recorded folders.
    static let lockHeading = "bamaso: staging folders of this output, kept for the next build"

    /// The lock file as a build that recorded `names` leaves it.
    static func lockFile(recording names: [String]) -> String {
        ([lockHeading] + names).joined(separator: "\n") + "\n"
    }

    static func stagingFolders(_ scratch: Scratch) -> [String] {
        scratch.list().filter { !$0.contains("/") && StagingFolder.isStagingName($0, for: "public") }
    }

    @Test("the third build writes into the first one's folder: unchanged files keep their inode and time")
    func updatesInPlace() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let first = ["index.html": "one", "rw/a/index.html": "a", "rw/gone/index.html": "gone", "media/x.pdf": "%PDF"]
        var second = first
        second["index.html"] = "two"
        var third = second
        third["rw/gone/index.html"] = nil
        third["rw/new/index.html"] = "new"
        third["rw/a/index.html"] = "a, changed"
        var diagnostics: [Diagnostic] = []
        #expect(SiteWriter.write(Self.site(first), to: scratch.url("public"), into: &diagnostics).written)
        let unchanged = try Self.identity(scratch.url("public/media/x.pdf"))
        let changed = try Self.identity(scratch.url("public/rw/a/index.html"))
        #expect(SiteWriter.write(Self.site(second), to: scratch.url("public"), into: &diagnostics).written)
        let staging = try #require(Self.stagingFolders(scratch).first)
        #expect(scratch.read(staging + "/index.html") == "one")  // the first site, kept
        // A stray file and a link in the kept folder are removed, never followed.
        try scratch.write(staging + "/stray.txt", "stray")
        try scratch.link(staging + "/rw/link", to: scratch.url("elsewhere").path)

        #expect(SiteWriter.write(Self.site(third), to: scratch.url("public"), into: &diagnostics).written)

        #expect(diagnostics == [])
        #expect(
            scratch.list("public") == [
                "index.html", "media", "media/x.pdf", "rw", "rw/a", "rw/a/index.html",
                "rw/new", "rw/new/index.html",
            ])
        for (path, text) in third { #expect(scratch.read("public/" + path) == text) }
        #expect(try Self.identity(scratch.url("public/media/x.pdf")) == unchanged)
        let rewritten = try Self.identity(scratch.url("public/rw/a/index.html"))
        #expect(rewritten[0] == changed[0])  // written in place: the same inode
        #expect(Self.stagingFolders(scratch) == [staging])
        #expect(scratch.read(staging + "/index.html") == "two")  // the second site, kept
    }

    @Test("folders not recorded in the lock file are never touched; a damaged record names nothing")
    func onlyRecordedFolders() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("public/index.html", "old")
        try scratch.write(".public.staging-0000abcd/keep.txt", "someone's")
        try scratch.write("other/keep.txt", "someone's")
        try scratch.write(".public.lock", "heading\npublic\n../other\n.public.staging-../x\n/tmp\n")
        var diagnostics: [Diagnostic] = []
        #expect(
            SiteWriter.write(
                Self.site(["index.html": "new"]), to: scratch.url("public"),
                into: &diagnostics
            ).written)
        #expect(scratch.read(".public.staging-0000abcd/keep.txt") == "someone's")
        #expect(scratch.read("other/keep.txt") == "someone's")
        #expect(scratch.read("public/index.html") == "new")
        #expect(Self.stagingFolders(scratch).count == 2)
    }

    @Test("what an interrupted build left under recorded names is reused once and the rest removed")
    func leftovers() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("public/index.html", "old")
        try scratch.write(".public.staging-00000001/index.html", "half")
        try scratch.write(".public.staging-00000002/rw/index.html", "half")
        try scratch.write(
            ".public.lock", Self.lockFile(recording: [".public.staging-00000001", ".public.staging-00000002"]))
        var diagnostics: [Diagnostic] = []
        #expect(
            SiteWriter.write(
                Self.site(["index.html": "new"]), to: scratch.url("public"),
                into: &diagnostics
            ).written)
        #expect(Self.stagingFolders(scratch) == [".public.staging-00000001"])
        #expect(scratch.read(".public.staging-00000001/index.html") == "old")
        #expect(scratch.read(".public.lock") == Self.lockFile(recording: [".public.staging-00000001"]))
    }

    @Test("a build killed between the two renames of a swap without exchange: the previous site is put back")
    func killedBetweenRenames() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // What `swap` leaves where the file system cannot exchange: the output renamed aside
        // under the second recorded name, the new site still under the first.
        try scratch.write(".public.staging-00000001/index.html", "new, never published")
        try scratch.write(".public.staging-00000002/index.html", "old")
        try scratch.write(".public.staging-00000002/rw/index.html", "old rw")
        try scratch.write(
            ".public.lock", Self.lockFile(recording: [".public.staging-00000001", ".public.staging-00000002"]))
        var diagnostics: [Diagnostic] = []
        #expect(
            SiteWriter.write(
                Self.site(["index.html": "next"]), to: scratch.url("public"),
                into: &diagnostics
            ).written)
        #expect(diagnostics == [])
        #expect(scratch.list("public") == ["index.html"])
        #expect(scratch.read("public/index.html") == "next")
        // The previous site was the output again before the swap, so it is the kept folder now.
        #expect(Self.stagingFolders(scratch) == [".public.staging-00000001"])
        #expect(scratch.read(".public.staging-00000001/index.html") == "old")
        #expect(scratch.read(".public.staging-00000001/rw/index.html") == "old rw")
    }

    @Test("waiting for the disk to hold the site ends as soon as a signal asks, however slow the disk")
    func durableWaitStops() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("staging/index.html", "new")
        try StagingFolder.makeDurable(scratch.url("staging"), stop: { false })  // the real sync
        // A disk that takes five seconds, as a USB stick may: the build is asked to stop meanwhile.
        let slowDisk: @Sendable (Int32) -> Int32 = { _ in
            sleep(5)
            return 0
        }
        var checks = 0
        let started = Date()
        #expect(throws: CancellationError.self) {
            try StagingFolder.makeDurable(
                scratch.url("staging"),
                stop: {
                    checks += 1
                    return checks > 2
                }, sync: slowDisk)
        }
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test("a build interrupted before it writes changes nothing on disk")
    func interruptedBeforeWriting() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("public/index.html", "old")
        let interruption = Interruption()
        #expect(interruption.request(SIGTERM) == .endNow(afterWriting: false))
        var diagnostics: [Diagnostic] = []
        let outcome = SiteWriter.write(
            Self.site(["index.html": "new"]), to: scratch.url("public"),
            interruption: interruption, into: &diagnostics)
        #expect(!outcome.written)
        #expect(outcome.interruption == SIGTERM)
        #expect(scratch.list() == ["public", "public/index.html"])
    }

    @Test("removing a staging folder stops at its deadline, and otherwise leaves nothing")
    func removeBeforeDeadline() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for path in ["index.html", "rw/index.html", "rw/risks/a/index.html", "rw/risks/a/deeper/x.txt", "media/y"] {
            try scratch.write("staging/" + path, "x")
        }
        try scratch.link("staging/rw/link", to: "/")
        #expect(try !StagingTree.remove(scratch.url("staging").path, before: .now()))
        #expect(scratch.read("staging/rw/risks/a/index.html") == "x")
        #expect(try StagingTree.remove(scratch.url("staging").path, before: .now() + 60))
        #expect(scratch.list() == [])
    }
}
