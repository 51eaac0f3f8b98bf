import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import Foundation

/// Remembers a resolved site between builds of one project, so that the preview server, after
/// a page was saved, resolves that page again and not the other ten thousand.
///
/// A page's resolution depends on the page itself and on what it reads of the others through
/// the index: which pages exist in which language, their headings (links with a `#fragment`),
/// which are drafts, and for listings and menus their titles, summaries, dates and weights;
/// plus site.yml, contacts.yml and the media files. While the pages that exist, their headings
/// and those files stay as they were, unchanged pages keep their result and diagnostics, and
/// only the listings that show a changed title, summary, date or weight are made again; any
/// other change resolves every page. The translation report is kept per page key. The result,
/// diagnostics included, is always what `Resolver.resolve` gives.
public final class ResolveMemo: @unchecked Sendable {
    // Safe because `resolve` holds `lock` for all its work.
    private let lock = NSLock()
    private var state: State?

    public init() {}

    /// Forgets everything: the next resolution is a full one. For changes the pages do not
    /// show, such as an audio file replaced in `content/media/`.
    public func forget() {
        lock.withLock { state = nil }
    }

    /// What every page's resolution reads besides the pages.
    private struct Inputs: Equatable {
        var site: SiteConfig
        var contacts: [String: Contact]
        var media: [String: URL]
        /// Keys of the drafts links may not lead to (none when drafts are published).
        var drafts: Set<String>
    }

    private struct State {
        var inputs: Inputs
        /// The published pages, in order, and all that follows is in the same order.
        var pages: [Page]
        var index: PageIndex
        var resolved: [ResolvedPage]
        var diagnostics: [[Diagnostic]]
        var translations: TranslationMemo
    }

    fileprivate func resolve(
        _ parsed: ParsedSite, options: Resolver.Options, into diagnostics: inout [Diagnostic]
    ) -> ResolvedSite {
        lock.withLock {
            let project = parsed.project
            let published = parsed.pages.filter { options.includeDrafts || !$0.frontMatter.draft }
            let drafts = options.includeDrafts ? [] : Set(parsed.pages.filter { $0.frontMatter.draft }.map(\.key))
            let inputs = Inputs(site: project.site, contacts: project.contacts, media: project.media, drafts: drafts)

            var next: State
            var changedKeys: Set<String>?
            if let previous = state, let updated = update(previous, to: published, inputs: inputs, project: project) {
                next = updated.state
                changedKeys = updated.changedKeys
            } else {
                next = resolveAll(published, inputs: inputs, project: project)
                next.translations = state?.translations ?? TranslationMemo()
            }
            // In the order `Resolver.resolve` reports them.
            Resolver.checkListingsExist(index: next.index, site: project.site, into: &diagnostics)
            for found in next.diagnostics { diagnostics += found }
            next.translations.update(pages: next.pages, changedKeys: changedKeys, index: next.index,
                                     site: project.site, into: &diagnostics)
            state = next
            return ResolvedSite(project: project, pages: next.resolved,
                                menus: Resolver.menus(index: next.index, site: project.site),
                                translations: next.translations.report)
        }
    }

    /// Every page resolved anew.
    private func resolveAll(_ published: [Page], inputs: Inputs, project: LoadedProject) -> State {
        let index = PageIndex(pages: published)
        var found: [[Diagnostic]] = []
        found.reserveCapacity(published.count)
        let resolved = published.map { page in
            var diagnostics: [Diagnostic] = []
            defer { found.append(diagnostics) }
            return Resolver.resolve(page, index: index, project: project, drafts: inputs.drafts, into: &diagnostics)
        }
        return State(inputs: inputs, pages: published, index: index, resolved: resolved, diagnostics: found,
                     translations: TranslationMemo())
    }

    /// The previous state brought up to date with the pages that changed, and their keys; nil
    /// when the change is one that needs every page resolved again.
    private func update(
        _ previous: State, to published: [Page], inputs: Inputs, project: LoadedProject
    ) -> (state: State, changedKeys: Set<String>)? {
        guard previous.inputs == inputs, previous.pages.count == published.count else { return nil }
        var state = previous
        var changed: [Int] = []
        var listings = Set<String>()
        for position in published.indices where published[position] != previous.pages[position] {
            let (old, new) = (previous.pages[position], published[position])
            guard old.path == new.path, LinkFacts(old) == LinkFacts(new) else { return nil }
            changed.append(position)
            if ListingFacts(old) != ListingFacts(new), let listing = Self.listing(showing: new) {
                listings.insert(listing)
            }
        }
        guard !changed.isEmpty else { return (state, []) }
        state.pages = published
        state.index.pages = published
        for position in changed {
            var diagnostics: [Diagnostic] = []
            state.resolved[position] = Resolver.resolve(published[position], index: state.index, project: project,
                                                        drafts: inputs.drafts, into: &diagnostics)
            state.diagnostics[position] = diagnostics
        }
        if !listings.isEmpty {
            let resolvedAgain = Set(changed)
            for (position, page) in published.enumerated() where page.isListing && !resolvedAgain.contains(position)
                && listings.contains(page.section ?? "") {
                state.resolved[position].children = Resolver.listing(for: page, index: state.index, site: inputs.site)
            }
        }
        return (state, Set(changed.map { published[$0].key }))
    }

    /// The listing that shows `page`, by the section of the listing page (`""` for the home
    /// page): its section's for a page in a section, the home page's for a section page, none
    /// for the home page.
    private static func listing(showing page: Page) -> String? {
        if page.slug != nil { return page.section }
        return page.section == nil ? nil : ""
    }

    /// What links into a page read of it: whether it exists, where, and its headings' ids.
    private struct LinkFacts: Equatable {
        var path: String
        var headings: [String]

        init(_ page: Page) {
            path = page.path
            headings = page.markdown.headings.map(\.id)
        }
    }

    /// What listings and menus show of a page.
    private struct ListingFacts: Equatable {
        var title: String
        var summary: String
        var date: Day?
        var weight: Int?

        init(_ page: Page) {
            title = page.frontMatter.title
            summary = page.summary
            date = page.frontMatter.date
            weight = page.frontMatter.weight
        }
    }
}

extension Resolver {
    /// Resolves like `resolve(_:options:into:)`, reusing from `memo` what the previous call
    /// worked out for pages that did not change (see `ResolveMemo`).
    public static func resolve(
        _ parsed: ParsedSite, options: Options = Options(), memo: ResolveMemo, into diagnostics: inout [Diagnostic]
    ) -> ResolvedSite {
        memo.resolve(parsed, options: options, into: &diagnostics)
    }
}

/// The translation report kept per page key: an entry is worked out again only when one of
/// its pages changed.
struct TranslationMemo {
    /// Every key, sorted, and for each its pages by language, its entry and its diagnostics.
    private var keys: [String] = []
    private var versions: [[Language: Page]] = []
    private var entries: [TranslationReport.Entry?] = []
    private var diagnostics: [[Diagnostic]] = []
    private var positions: [String: Int] = [:]
    private var site: SiteConfig?
    private(set) var report = TranslationReport(entries: [], coverage: [:])

    /// Brings the report up to date with `pages`, the published pages, and appends its
    /// diagnostics as `TranslationReport.make` does.
    /// - Parameter changedKeys: the keys whose pages changed, when no page was added or
    ///   removed; nil when any page may have.
    mutating func update(
        pages: [Page], changedKeys: Set<String>?, index: PageIndex, site: SiteConfig, into diagnostics: inout [Diagnostic]
    ) {
        if let changedKeys, self.site == site {
            for key in changedKeys {
                guard let position = positions[key] else { continue }
                let pages = Dictionary(uniqueKeysWithValues: Language.allCases.compactMap { language in
                    index.page(key, language).map { (language, $0) }
                })
                refresh(position, pages: pages, site: site)
            }
        } else {
            var byKey: [String: [Language: Page]] = [:]
            for page in pages { byKey[page.key, default: [:]][page.language] = page }
            let previous = self
            keys = byKey.keys.sorted()
            positions = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
            versions = keys.map { byKey[$0] ?? [:] }
            entries = Array(repeating: nil, count: keys.count)
            self.diagnostics = Array(repeating: [], count: keys.count)
            for (position, key) in keys.enumerated() {
                if previous.site == site, let old = previous.positions[key], previous.versions[old] == versions[position] {
                    entries[position] = previous.entries[old]
                    self.diagnostics[position] = previous.diagnostics[old]
                } else {
                    refresh(position, pages: versions[position], site: site)
                }
            }
            self.site = site
        }
        report = TranslationReport(entries: entries.compactMap { $0 },
                                   coverage: TranslationReport.coverage(of: entries.compactMap { $0 }, site: site))
        for found in self.diagnostics { diagnostics += found }
    }

    private mutating func refresh(_ position: Int, pages: [Language: Page], site: SiteConfig) {
        var found: [Diagnostic] = []
        versions[position] = pages
        entries[position] = TranslationReport.entry(key: keys[position], versions: pages, site: site, into: &found)
        diagnostics[position] = found
    }
}
