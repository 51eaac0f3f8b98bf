import BamasoDiagnostics
import BamasoRender
import Foundation
import Synchronization
import Testing

@testable import BamasoWrite

/// The disk starts on the new site while the build is still writing it (`StagingFolder.WriteBack`),
/// and the swap still waits until the disk holds all of it.
@Suite struct WriteBackTests {
    /// What the build's syncs found: how many pages the staging folder held at each, and whether
    /// the new site was already published.
    final class Syncs: Sendable {
        let scratch: Scratch
        let seen = Mutex<[(pages: Int, published: Bool)]>([])

        init(_ scratch: Scratch) { self.scratch = scratch }

        /// The sync the build uses: notes what the staging folder holds, then syncs for real.
        var sync: @Sendable (Int32) -> Int32 {
            { [self] descriptor in
                let staging = scratch.list().first { $0.hasPrefix(".public.staging-") && !$0.contains("/") }
                let pages = staging.map { folder in scratch.list(folder).filter { $0.hasSuffix(".html") }.count } ?? 0
                let published = scratch.read("public/index.html") == "new"
                seen.withLock { $0.append((pages, published)) }
                return StagingFolder.syncFileSystem(descriptor)
            }
        }
    }

    static let pages = 40

    static var site: RenderedSite {
        var files = ["index.html": "new"]
        for page in 1..<pages { files["rw/page-\(page)/index.html"] = "page \(page)" }
        return SiteWriterTests.site(files)
    }

    @Test("the disk starts on the pages written while the rest are still being written")
    func startsEarly() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("public/index.html", "old")
        let syncs = Syncs(scratch)
        // The build pauses halfway through the pages, until a signal comes.
        let interruption = Interruption(pausingAt: "write")
        let finished = DispatchSemaphore(value: 0)
        let written = Mutex(true)
        Thread.detachNewThread {
            var diagnostics: [Diagnostic] = []
            let outcome = SiteWriter.write(
                Self.site, to: scratch.url("public"), protecting: [], interruption: interruption, sync: syncs.sync,
                into: &diagnostics)
            written.withLock { $0 = outcome.written }
            finished.signal()
        }
        let deadline = Date() + 10
        while syncs.seen.withLock({ $0.isEmpty }), Date() < deadline { usleep(10_000) }
        let first = syncs.seen.withLock { $0.first }
        _ = interruption.request(SIGTERM)
        #expect(finished.wait(timeout: .now() + 10) == .success)
        let early = try #require(first)
        #expect(early.pages >= Self.pages / 4)
        #expect(early.pages <= Self.pages / 2)
        #expect(!early.published)
        #expect(written.withLock { !$0 })
        #expect(scratch.read("public/index.html") == "old")
    }

    @Test("the new site is published only after a sync that began once every page was written")
    func publishedAfterAll() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("public/index.html", "old")
        let syncs = Syncs(scratch)
        var diagnostics: [Diagnostic] = []
        let outcome = SiteWriter.write(
            Self.site, to: scratch.url("public"), protecting: [], interruption: nil, sync: syncs.sync,
            into: &diagnostics)
        #expect(outcome.written)
        #expect(diagnostics.isEmpty)
        #expect(scratch.read("public/rw/page-39/index.html") == "page 39")
        #expect(syncs.seen.withLock { $0.contains { $0.pages == Self.pages && !$0.published } })
    }
}
