import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import BamasoRender
import BamasoResolve
import Foundation

/// Remembers each stage's work between builds of one project, so that a preview server that
/// rebuilds after every save does again only what the saved files change.
///
/// - Load: a file is read again only when it changed (see `ProjectFileCache`; a watcher can
///   say which files did, `noteChanges`).
/// - Parse: a page is reused when its path, its text and the site's sections are exactly those
///   of the previous build: the text is compared whole, so a reused page is always the page the
///   parser would give.
/// - Resolve and render: see `ResolveMemo` and `RenderMemo`.
/// - Write: the output folder is updated in place, writing only the files whose contents
///   changed (see `SiteWriter.update`), once a first build has written it whole.
///
/// Diagnostics are remembered with the work and reported again, so a build with a cache
/// reports, and writes, exactly what a build without one does. Safe to share between threads;
/// builds that use one cache must not overlap.
public final class BuildCache: @unchecked Sendable {
    /// How many content files the last build reused and how many it parsed.
    public struct Statistics: Sendable, Equatable {
        public var reused: Int
        public var parsed: Int

        public init(reused: Int, parsed: Int) {
            self.reused = reused
            self.parsed = parsed
        }
    }

    private struct Entry: Sendable {
        var path: String
        /// Nil until the file is parsed.
        var text: String?
        var sections: [String]
        var page: Page?
        var diagnostics: [Diagnostic]
    }

    // Safe because every access to the state below holds `lock`.
    private let lock = NSLock()
    /// The content files of the last build, in order, each with its page.
    private var entries: [Entry] = []
    private var statistics = Statistics(reused: 0, parsed: 0)
    /// The site in the output folder, as the last build that wrote it left it.
    private var written: (output: URL, site: RenderedSite)?

    let files = ProjectFileCache()
    let resolved = ResolveMemo()
    let rendered = RenderMemo()

    public init() {}

    /// What the most recent build that used this cache reused and parsed.
    public var lastBuild: Statistics { lock.withLock { statistics } }

    /// Tells the cache which files changed since the previous build, by path relative to the
    /// project root (`content/risks/a.en.md`; a folder for everything in it). The next build
    /// then looks at those only; without this, it compares every file with the previous build's.
    public func noteChanges(_ paths: some Sequence<String>) {
        files.noteChanges(paths)
    }

    /// Parses the project's content files like `PageParser.parse(_:into:)`, reusing every
    /// page whose file did not change since the previous call; the others are parsed on every
    /// core.
    func parse(_ project: LoadedProject, into diagnostics: inout [Diagnostic]) -> ParsedSite {
        lock.withLock {
            let sections = project.site.sections
            let files = project.contentFiles
            // The previous build's entry of each file: at the same place while no file was
            // added or removed, else found by path.
            if entries.count != files.count || !zip(entries, files).allSatisfy({ $0.path == $1.path }) {
                let byPath = Dictionary(entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
                entries = files.map { byPath[$0.path] ?? Entry(path: $0.path, text: nil, sections: [], page: nil, diagnostics: []) }
            }
            let stale = files.indices.filter { index in
                entries[index].text != files[index].text || entries[index].sections != sections
            }
            let parsed = stale.concurrentMap { [files] position in
                let file = files[position]
                var found: [Diagnostic] = []
                let page = PageParser.parse(file, sections: sections, into: &found)
                return Entry(path: file.path, text: file.text, sections: sections, page: page, diagnostics: found)
            }
            for (index, position) in stale.enumerated() { entries[position] = parsed[index] }
            var pages: [Page] = []
            pages.reserveCapacity(files.count)
            for index in entries.indices {
                diagnostics += entries[index].diagnostics
                if let page = entries[index].page { pages.append(page) }
            }
            statistics = Statistics(reused: files.count - stale.count, parsed: stale.count)
            return ParsedSite(project: project, pages: pages)
        }
    }

    /// The site the last build wrote into `output`, when `output` still holds it.
    func site(writtenTo output: URL) -> RenderedSite? {
        lock.withLock {
            guard let written, written.output == output, FileManager.default.fileExists(atPath: output.path) else {
                return nil
            }
            return written.site
        }
    }

    /// Records what `output` holds after a build wrote it; nil when it is unknown (a write
    /// that failed half-way).
    func record(_ site: RenderedSite?, writtenTo output: URL) {
        lock.withLock { written = site.map { (output, $0) } }
    }
}
