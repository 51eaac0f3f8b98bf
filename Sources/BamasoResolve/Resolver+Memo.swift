import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import Foundation

/// Remembers a resolved site between builds of one project, so that the preview server, after
/// a page was saved, resolves that page again and not the other ten thousand.
///
/// A page's resolution depends on the page itself and on what it reads of the others through
/// the index: which pages exist in which language and which are drafts (its translations, and
/// where its links lead), the headings of the pages it links to (a `#fragment`), all keys when
/// a link leads nowhere (the suggestion), and for listings and menus the titles, summaries,
/// dates and weights of the pages listed; plus site.yml, contacts.yml and the media files.
/// So after a change the memo resolves again the pages that changed, the pages of a key that
/// appeared, went, became a draft or changed its headings, the pages that link to such a key,
/// and, when keys appeared or went, the pages with problems; it lists again the listings that
/// show a page that changed what they show. A change to site.yml, contacts.yml or the media
/// resolves every page. The translation report is kept per page key. The result, diagnostics
/// included, is always what `Resolver.resolve` gives.
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
        var keys: [String]
        var index: PageIndex
        var resolved: [ResolvedPage]
        var diagnostics: [[Diagnostic]]
        /// The keys each page's links lead to, found or not.
        var linkedKeys: [Set<String>]
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
        var state = State(inputs: inputs, pages: published, keys: published.map(\.key), index: PageIndex(pages: published),
                          resolved: [], diagnostics: [], linkedKeys: [], translations: TranslationMemo())
        let index = state.index
        let results = published.concurrentMap { page in
            var diagnostics: [Diagnostic] = []
            let result = Resolver.resolve(page, index: index, project: project, drafts: inputs.drafts, into: &diagnostics)
            return (result, diagnostics)
        }
        state.resolved = results.map(\.0.page)
        state.linkedKeys = results.map(\.0.linkedKeys)
        state.diagnostics = results.map(\.1)
        return state
    }

    /// The previous state brought up to date with the pages that changed, and the keys whose
    /// translation entry may have changed (nil: any); nil when every page must be resolved again.
    private func update(
        _ previous: State, to published: [Page], inputs: Inputs, project: LoadedProject
    ) -> (state: State, changedKeys: Set<String>?)? {
        guard previous.inputs.site == inputs.site, previous.inputs.contacts == inputs.contacts,
              previous.inputs.media == inputs.media
        else { return nil }
        // Where each page was in the previous state: at the same place while no page was added
        // or removed, else found by path.
        let samePlaces = previous.pages.count == published.count
            && zip(previous.pages, published).allSatisfy { $0.path == $1.path }
        let before: [Int?]
        if samePlaces {
            before = Array(published.indices)
        } else {
            let places = Dictionary(uniqueKeysWithValues: previous.pages.enumerated().map { ($1.path, $0) })
            before = published.map { places[$0.path] }
        }

        // Keys that appeared, went, became or stopped being drafts, or changed their headings;
        // the listings (by section, "" for the home page) that show a changed page.
        var dirty = previous.inputs.drafts.symmetricDifference(inputs.drafts)
        var keysChanged = !dirty.isEmpty
        var listings = Set<String>()
        var changed: [Int] = []
        for (position, page) in published.enumerated() {
            guard let old = before[position].map({ previous.pages[$0] }) else {
                changed.append(position)
                dirty.insert(page.key)
                keysChanged = true
                if let listing = Self.listing(showing: page) { listings.insert(listing) }
                continue
            }
            guard old != page else { continue }
            changed.append(position)
            if LinkFacts(old) != LinkFacts(page) { dirty.insert(page.key) }
            if ListingFacts(old) != ListingFacts(page), let listing = Self.listing(showing: page) {
                listings.insert(listing)
            }
        }
        if !samePlaces {
            let paths = Set(published.map(\.path))
            for (position, old) in previous.pages.enumerated() where !paths.contains(old.path) {
                dirty.insert(previous.keys[position])
                keysChanged = true
                if let listing = Self.listing(showing: old) { listings.insert(listing) }
            }
        }
        guard !changed.isEmpty || !dirty.isEmpty || !samePlaces else { return (previous, []) }

        var state = previous
        state.inputs = inputs
        state.pages = published
        if samePlaces {
            state.index.pages = published
        } else {
            state.index = PageIndex(pages: published)
            state.keys = published.indices.map { before[$0].map { previous.keys[$0] } ?? published[$0].key }
            state.resolved = published.indices.map {
                before[$0].map { previous.resolved[$0] } ?? ResolvedPage(page: published[$0], path: "")
            }
            state.diagnostics = published.indices.map { before[$0].map { previous.diagnostics[$0] } ?? [] }
            state.linkedKeys = published.indices.map { before[$0].map { previous.linkedKeys[$0] } ?? [] }
        }

        // The pages to resolve again: those that changed, those of a dirty key (their
        // translations), those that link to one, and when keys appeared or went, those with
        // problems (a link that leads nowhere suggests the nearest key).
        var again = Set(changed)
        if !dirty.isEmpty {
            for position in published.indices where dirty.contains(state.keys[position])
                || !state.linkedKeys[position].isDisjoint(with: dirty)
                || (keysChanged && !state.diagnostics[position].isEmpty) {
                again.insert(position)
            }
        }
        for position in again.sorted() {
            var diagnostics: [Diagnostic] = []
            let result = Resolver.resolve(published[position], index: state.index, project: project,
                                          drafts: inputs.drafts, into: &diagnostics)
            state.resolved[position] = result.page
            state.diagnostics[position] = diagnostics
            state.linkedKeys[position] = result.linkedKeys
        }
        if !listings.isEmpty {
            for (position, page) in published.enumerated() where page.isListing && !again.contains(position)
                && listings.contains(page.section ?? "") {
                state.resolved[position].children = Resolver.listing(for: page, index: state.index, site: inputs.site)
            }
        }
        return (state, samePlaces ? Set(changed.map { published[$0].key }).union(dirty) : nil)
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
