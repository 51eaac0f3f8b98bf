import BamasoLoad
import BamasoResolve
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
/// keeps its HTML while its chapters and section page are as before. Anything a page's HTML
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

    public init() {}

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
        var html: String
    }

    struct Booklet: Equatable {
        var section: ResolvedPage?
        var chapters: [ResolvedPage]
        var html: String
    }

    /// What the previous render left, when it can be reused with `shared`: pages and booklets.
    func take(for shared: Shared) -> (pages: [Page], booklets: [Language: Booklet]) {
        lock.withLock {
            defer { (pages, booklets) = ([], [:]) }
            return self.shared == shared ? (pages, booklets) : ([], [:])
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
    /// not change, rendered on every core for the others.
    func renderPages(reusing previous: [RenderMemo.Page]) -> [RenderMemo.Page] {
        let pages = site.pages
        // The previous render's page at the same place, or, after pages were added or removed,
        // found by path.
        let aligned: [RenderMemo.Page?]
        if previous.count == pages.count, zip(previous, pages).allSatisfy({ $0.resolved.path == $1.path }) {
            aligned = previous
        } else {
            let byPath = Dictionary(previous.map { ($0.resolved.path, $0) }, uniquingKeysWith: { first, _ in first })
            aligned = pages.map { byPath[$0.path] }
        }
        let results = ConcurrentResults<RenderMemo.Page>(count: pages.count)
        DispatchQueue.concurrentPerform(iterations: pages.count) { index in
            let page = pages[index]
            let state = translationStates[page.page.path]
            if let old = aligned[index], old.state == state, old.resolved == page {
                results[index] = RenderMemo.Page(resolved: page, state: state, html: old.html)
            } else {
                let html = templates.render(context(for: page), with: TemplateSet.layout(for: page.page.kind))
                results[index] = RenderMemo.Page(resolved: page, state: state, html: html)
            }
        }
        return results.values
    }

    /// The booklet of `language`, unless `previous` has the same chapters.
    func renderBooklet(_ language: Language, reusing previous: RenderMemo.Booklet?) -> RenderMemo.Booklet {
        let section = site.pages.first {
            $0.page.kind == .section && $0.page.section == "schools" && $0.page.language == language
        }
        let chapters = feeds.schoolMaterials[language] ?? []
        if let previous, previous.section == section, previous.chapters == chapters { return previous }
        return RenderMemo.Booklet(section: section, chapters: chapters,
                                  html: templates.render(bookletContext(language), with: "layouts.booklet"))
    }
}
