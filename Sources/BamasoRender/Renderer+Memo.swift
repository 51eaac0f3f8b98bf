import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import BamasoResolve
import BamasoSupport
import Foundation

/// Remembers the HTML of every page between renders of one project, so that the preview
/// server, after a page was saved, renders that page (and the listings that show it) again
/// and not the other ten thousand.
///
/// A page's HTML depends on its resolved page (which holds its links, components, listing
/// and translations), its translation state, and what all pages share: templates, interface
/// strings, site.yml, contacts, menus, the stylesheet's name, the feeds and booklets that
/// exist, and the addresses. When what is shared is as before, a page whose resolved page and
/// translation state are equal to the previous ones keeps its HTML; the booklet of a language
/// keeps its HTML while its chapters and section page, and their translation states, are as
/// before. Anything a page's HTML
/// comes to depend on must be in `Shared` or in the resolved page.
///
/// A `{{t.key}}` missing from the strings is found while rendering; after a render that found
/// one, the next render does everything again, so that it reports them all again.
public final class RenderMemo: @unchecked Sendable {
    // Safe because a render takes the state at its start and puts it back at its end, under
    // `lock`; renders of one memo do not overlap.
    private let lock = NSLock()
    private var shared: Shared?
    private var pages: [Page] = []
    private var booklets: [Language: Booklet] = [:]
    private var theme: Theme?
    /// The previous render's feed plan and the pages it was made from.
    private var plan: (pages: [ResolvedPage], site: SiteConfig, plan: FeedPlan)?
    private var vCards: (contacts: [String: Contact], languages: [Language], files: [OutputFile])?
    /// What the listings showed, and the summaries by path taken from them.
    private var summaries: (listings: [[ListedPage]], summaries: [String: String])?

    public init() {}

    /// The interface strings and templates as loaded from the files they come from.
    private struct Theme {
        var files: [SourceFile]
        var strings: [Language: StringTable]
        var templates: TemplateSet?
        var diagnostics: [Diagnostic]
    }

    /// The project's interface strings and compiled templates, as `StringTable.load` and
    /// `TemplateSet.load` give them, loaded again only when their files changed.
    func theme(of project: LoadedProject, into diagnostics: inout [Diagnostic])
        -> (strings: [Language: StringTable], templates: TemplateSet?) {
        lock.withLock {
            let files = project.templates + Language.allCases.compactMap { project.strings[$0] }
            if theme?.files != files {
                var found: [Diagnostic] = []
                let strings = StringTable.load(project, into: &found)
                theme = Theme(files: files, strings: strings, templates: TemplateSet.load(project, into: &found),
                              diagnostics: found)
            }
            diagnostics += theme!.diagnostics
            return (theme!.strings, theme!.templates)
        }
    }

    struct Shared: Equatable {
        var templates: [SourceFile]
        var strings: [Language: SourceFile]
        var site: SiteConfig
        var contacts: [String: Contact]
        var menus: [Language: [SectionLink]]
        var assets: [String: String]
        var urls: URLBuilder
        /// The Atom feed, podcast and booklet of each language, where they exist.
        var feeds: [Language: [String?]]
        var helpSection: String?
    }

    struct Page {
        var resolved: ResolvedPage
        var state: Renderer.TranslationState?
        var file: OutputFile
    }

    struct Booklet: Equatable {
        var section: ResolvedPage?
        var chapters: [ResolvedPage]
        /// The translation states of the section page and the chapters.
        var states: [Renderer.TranslationState?]
        var html: String
    }

    /// What the previous render left, when it can be reused with `shared`: pages and booklets.
    func take(for shared: Shared) -> (pages: [Page], booklets: [Language: Booklet]) {
        lock.withLock {
            defer { (pages, booklets) = ([], [:]) }
            return self.shared == shared ? (pages, booklets) : ([], [:])
        }
    }

    /// The feed plan of `site`: the previous one with the changed pages put in, when no page
    /// changed its place in it (see `FeedPlan.updated`).
    func feedPlan(for site: ResolvedSite, urls: URLBuilder) -> FeedPlan {
        lock.withLock {
            let updated = plan.flatMap { previous in
                previous.site == site.site
                    ? previous.plan.updated(from: previous.pages, to: site.pages, absolute: urls.isAbsolute) : nil
            }
            let current = updated ?? FeedPlan(site: site, urls: urls)
            plan = (site.pages, site.site, current)
            return current
        }
    }

    /// The summaries the listings show, by path, made again only when a listing changed.
    func summaries(of site: ResolvedSite, making make: (ResolvedSite) -> [String: String]) -> [String: String] {
        let listings = site.pages.filter(\.page.isListing).map(\.children)
        return lock.withLock {
            if let summaries, summaries.listings == listings { return summaries.summaries }
            let made = make(site)
            summaries = (listings, made)
            return made
        }
    }

    /// The organisations' vCards, made again only when contacts.yml or the languages changed.
    func vCardFiles(
        of contacts: [String: Contact], in languages: [Language], making make: () -> [OutputFile]
    ) -> [OutputFile] {
        lock.withLock {
            if let vCards, vCards.contacts == contacts, vCards.languages == languages { return vCards.files }
            let files = make()
            vCards = (contacts, languages, files)
            return files
        }
    }

    /// Keeps this render's work for the next one; `clean`: no missing string was reported.
    func keep(shared: Shared, pages: [Page], booklets: [Language: Booklet], clean: Bool) {
        lock.withLock {
            self.shared = clean ? shared : nil
            (self.pages, self.booklets) = clean ? (pages, booklets) : ([], [:])
        }
    }
}

extension Renderer {
    /// What every page's HTML shares (see `RenderMemo`).
    var sharedInputs: RenderMemo.Shared {
        RenderMemo.Shared(
            templates: site.project.templates, strings: site.project.strings, site: site.site,
            contacts: site.project.contacts, menus: site.menus, assets: assets.published, urls: urls,
            feeds: Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
                (language, [feeds.atomPath(language), feeds.podcastPath(language), feeds.bookletPath(language)])
            }),
            helpSection: feeds.helpSection)
    }

    /// Every page of the site with its HTML, in order: from `previous` for the pages that did
    /// not change, rendered on every core for the others; and the files `alongside` makes,
    /// which run with them.
    func renderPages(
        reusing previous: consuming [RenderMemo.Page], alongside: @Sendable () -> [OutputFile]
    ) -> (pages: [RenderMemo.Page], alongside: [OutputFile]) {
        let pages = site.pages
        // The previous render's page at the same place, or, after pages were added or removed,
        // found by path; a page changed when its resolved page or translation state did.
        var result: [RenderMemo.Page]
        var stale: [Int]
        if previous.count == pages.count, zip(previous, pages).allSatisfy({ $0.resolved.path == $1.path }) {
            result = consume previous
            stale = pages.indices.filter { result[$0].resolved != pages[$0] || result[$0].state != state(pages[$0]) }
        } else {
            let byPath = Dictionary(previous.map { ($0.resolved.path, $0) }, uniquingKeysWith: { first, _ in first })
            stale = []
            result = pages.indices.map { index in
                let page = pages[index]
                if let old = byPath[page.path], old.resolved == page, old.state == state(page) { return old }
                stale.append(index)
                return RenderMemo.Page(resolved: page, state: nil, file: OutputFile(path: "", contents: .text("")))
            }
        }
        let changed = stale
        // The first iteration runs `alongside`; each of the others renders one changed page.
        let rendered = Array(0...changed.count).concurrentMap { iteration -> (html: String, files: [OutputFile]) in
            iteration == 0 ? ("", alongside()) : (renderPage(pages[changed[iteration - 1]]), [])
        }
        for (position, index) in changed.enumerated() {
            let page = pages[index]
            let file = OutputFile(path: page.path + "index.html", contents: .text(rendered[position + 1].html),
                                  source: page.page.path)
            result[index] = RenderMemo.Page(resolved: page, state: state(page), file: file)
        }
        return (result, rendered[0].files)
    }

    /// The booklet of `language`, unless `previous` has the same section page and chapters, in
    /// the same translation states.
    func renderBooklet(_ language: Language, reusing previous: RenderMemo.Booklet?) -> RenderMemo.Booklet {
        let section = site.pages.first {
            $0.page.kind == .section && $0.page.section == "schools" && $0.page.language == language
        }
        let chapters = feeds.schoolMaterials[language] ?? []
        let states = ([section].compactMap { $0 } + chapters).map(state)
        if let previous, previous.section == section, previous.chapters == chapters, previous.states == states {
            return previous
        }
        return RenderMemo.Booklet(section: section, chapters: chapters, states: states,
                                  html: templates.render(bookletContext(language), with: "layouts.booklet"))
    }

    /// What the notice on a draft or outdated translation shows of a page, when site.yml asks
    /// for notices.
    func state(_ page: ResolvedPage) -> TranslationState? {
        site.site.translationNotices ? translationStates[page.page.path] : nil
    }
}

extension FeedPlan {
    /// This plan, made from `old`, with the pages of `new` put in their places; nil when a
    /// page changed in a way that may move it in the plan (its date, kind, recording,
    /// organisation or listing), or pages were added or removed: the plan is then made anew.
    func updated(from old: [ResolvedPage], to new: [ResolvedPage], absolute: Bool) -> FeedPlan? {
        guard absolute == self.absolute, old.count == new.count else { return nil }
        var plan = self
        for index in new.indices where old[index] != new[index] {
            guard old[index].path == new[index].path, Self.place(of: old[index]) == Self.place(of: new[index]) else {
                return nil
            }
            let language = new[index].page.language
            let path = new[index].path
            for list in [\FeedPlan.dated, \FeedPlan.episodes, \FeedPlan.schoolMaterials] {
                if let position = plan[keyPath: list][language]?.firstIndex(where: { $0.path == path }) {
                    plan[keyPath: list][language]?[position] = new[index]
                }
            }
        }
        return plan
    }

    /// What decides where a page is in a plan.
    private struct Place: Equatable {
        var date: Day?
        var kind: PageKind
        var hasAudio: Bool
        var organisation: String?
        var children: [ListedPage]
    }

    private static func place(of page: ResolvedPage) -> Place {
        var organisation: String?
        if case .contact(let id, _) = page.page.frontMatter.fields { organisation = id }
        // The schools section's listing orders the booklets.
        let isSchools = page.page.kind == .section && page.page.section == "schools"
        return Place(date: page.page.frontMatter.date, kind: page.page.kind, hasAudio: page.audio != nil,
                     organisation: organisation, children: isSchools ? page.children : [])
    }
}
