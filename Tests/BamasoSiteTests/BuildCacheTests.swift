import BamasoDiagnostics
import BamasoSite
import Foundation
import Testing

@Suite struct BuildCacheTests {
    @Test("a rebuild after one page changed reads only that page again, and shows the change")
    func rebuildReadsOnlyTheChangedPage() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let cache = BuildCache()
        let options = BuildOptions(root: site.root)

        let first = Site.build(options, cache: cache)
        #expect(!first.hasErrors)
        let files = cache.lastParse.computed
        #expect(files > 10)
        #expect(cache.lastParse.reused == 0)

        let unchanged = Site.build(options, cache: cache)
        #expect(cache.lastParse == (files, 0))
        #expect(unchanged.diagnostics == first.diagnostics)

        let page = site.root.appendingPathComponent("content/risks/fake-job-offers.en.md")
        try String(contentsOf: page, encoding: .utf8)
            .replacingOccurrences(of: "title: \"Fake job offers\"", with: "title: \"Job offers that lie\"")
            .write(to: page, atomically: true, encoding: .utf8)
        let changed = Site.build(options, cache: cache)
        #expect(!changed.hasErrors)
        #expect(cache.lastParse == (files - 1, 1))
        #expect(try site.read("en/risks/fake-job-offers/index.html").contains("<h1>Job offers that lie</h1>"))
    }

    @Test("a page is resolved again when a page it links to or lists changes what it reads, and only then")
    func resolvesAgainWhatReadTheChange() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let cache = BuildCache()
        let options = BuildOptions(root: site.root, writeOutput: false)
        _ = Site.build(options, cache: cache)
        let pages = cache.lastResolve.computed
        #expect(pages > 10)
        _ = Site.build(options, cache: cache)
        #expect(cache.lastResolve == (pages, 0))

        // A sentence added at the end: the page itself, and the section page of each language,
        // which lists it (the Kinyarwanda one as a page not yet translated); not the pages that
        // link to it, which read only its language and headings.
        let page = site.root.appendingPathComponent("content/risks/forced-labour.en.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try (text + "\nOne more sentence.\n").write(to: page, atomically: true, encoding: .utf8)
        _ = Site.build(options, cache: cache)
        #expect(cache.lastResolve == (pages - 3, 3))

        // A heading renamed: also the two pages that link to it.
        #expect(text.contains("## What to do"))
        try text.replacingOccurrences(of: "## What to do", with: "## How to get out")
            .write(to: page, atomically: true, encoding: .utf8)
        _ = Site.build(options, cache: cache)
        #expect(cache.lastResolve == (pages - 5, 5))
    }

    @Test("a reused page reports its problems again, exactly as a build without a cache does")
    func reusedPagesKeepTheirDiagnostics() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let page = site.root.appendingPathComponent("content/schools/debate-club.en.md")
        try (String(contentsOf: page, encoding: .utf8) + "\n# A second title\n\n![](/media/none.png)\n")
            .write(to: page, atomically: true, encoding: .utf8)
        let options = BuildOptions(root: site.root, writeOutput: false)
        let cache = BuildCache()

        let uncached = Site.build(options)
        #expect(uncached.hasErrors)
        _ = Site.build(options, cache: cache)
        let reused = Site.build(options, cache: cache)
        #expect(cache.lastParse.computed == 0)
        #expect(reused.diagnostics == uncached.diagnostics)
    }

    @Test("a page that is a link is read again at each rebuild: its target may be where no watcher looks")
    func linkedPageIsReadAgain() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let files = FileManager.default
        let page = site.root.appendingPathComponent("content/risks/forced-labour.en.md")
        let target = site.root.appendingPathComponent("drafts/forced-labour.en.md")
        try files.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try files.moveItem(at: page, to: target)
        try files.createSymbolicLink(atPath: page.path, withDestinationPath: "../../drafts/forced-labour.en.md")
        let cache = BuildCache()
        let options = BuildOptions(root: site.root)
        #expect(!Site.build(options, cache: cache).hasErrors)

        try (String(contentsOf: target, encoding: .utf8) + "\nA sentence added to the target.\n")
            .write(to: target, atomically: true, encoding: .utf8)
        cache.noteChanges([])  // the watcher sees content/ and templates/ only
        #expect(!Site.build(options, cache: cache).hasErrors)
        #expect(try site.read("en/risks/forced-labour/index.html").contains("A sentence added to the target."))
    }

    @Test("a deleted page is gone from the next build")
    func deletedPageIsForgotten() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let cache = BuildCache()
        let options = BuildOptions(root: site.root)
        _ = Site.build(options, cache: cache)
        #expect(site.outputFiles().contains("en/risks/forced-labour/index.html"))

        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/risks/forced-labour.en.md"))
        let report = Site.build(options, cache: cache)
        // fake-job-offers links to forced-labour: the link is now broken, so nothing is written.
        #expect(report.diagnostics.contains { $0.message.contains("forced-labour") && $0.severity == .error })
    }
}
