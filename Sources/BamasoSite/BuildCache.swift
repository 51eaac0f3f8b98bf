import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import Foundation

/// Remembers parsed pages between builds of one project, so that a preview server that
/// rebuilds after every save parses again only the files that changed.
///
/// A page is reused when its path, its text and the site's sections are exactly those of the
/// previous build: the text is compared whole, so a reused page is always the page the parser
/// would give. Its diagnostics are remembered with it and reported again, so a build with a
/// cache reports exactly what a build without one does. Safe to share between threads.
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

    private struct Entry {
        var text: String
        var sections: [String]
        var page: Page?
        var diagnostics: [Diagnostic]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var statistics = Statistics(reused: 0, parsed: 0)

    public init() {}

    /// What the most recent build that used this cache reused and parsed.
    public var lastBuild: Statistics { lock.withLock { statistics } }

    /// Parses the project's content files like `PageParser.parse(_:into:)`, reusing every
    /// page whose file did not change since the previous call.
    func parse(_ project: LoadedProject, into diagnostics: inout [Diagnostic]) -> ParsedSite {
        lock.withLock {
            var pages: [Page] = []
            var kept: [String: Entry] = [:]
            var counts = Statistics(reused: 0, parsed: 0)
            for file in project.contentFiles {
                let entry: Entry
                if let cached = entries[file.path], cached.text == file.text, cached.sections == project.site.sections {
                    entry = cached
                    counts.reused += 1
                } else {
                    var found: [Diagnostic] = []
                    let page = PageParser.parse(file, sections: project.site.sections, into: &found)
                    entry = Entry(text: file.text, sections: project.site.sections, page: page, diagnostics: found)
                    counts.parsed += 1
                }
                kept[file.path] = entry
                diagnostics.append(contentsOf: entry.diagnostics)
                if let page = entry.page { pages.append(page) }
            }
            entries = kept  // files that are gone are forgotten
            statistics = counts
            return ParsedSite(project: project, pages: pages)
        }
    }
}
