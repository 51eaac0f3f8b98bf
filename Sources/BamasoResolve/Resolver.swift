import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoParse

/// Stage 3: pairs translations, gives pages their addresses, resolves links and components
/// and builds the listings.
public enum Resolver {
    public struct Options: Sendable {
        public var includeDrafts: Bool

        public init(includeDrafts: Bool = false) {
            self.includeDrafts = includeDrafts
        }
    }

    public static func resolve(
        _ parsed: ParsedSite, options: Options = Options(), into diagnostics: inout [Diagnostic]
    ) -> ResolvedSite {
        let site = parsed.project.site
        let published = parsed.pages.filter { options.includeDrafts || !$0.frontMatter.draft }
        let drafts = Set(parsed.pages.filter { $0.frontMatter.draft }.map(\.key))
        let index = PageIndex(pages: published)

        checkListingsExist(index: index, site: site, into: &diagnostics)

        // Each page is resolved on its own, on every core; the pages and what was found on
        // them come out in the order of the pages.
        let project = parsed.project
        let unpublished = options.includeDrafts ? [] : drafts
        let results = published.concurrentMap { page in
            var found: [Diagnostic] = []
            let result = resolve(page, index: index, project: project, drafts: unpublished, into: &found)
            return (page: result.page, diagnostics: found)
        }
        var resolved: [ResolvedPage] = []
        resolved.reserveCapacity(results.count)
        for result in results {
            diagnostics += result.diagnostics
            resolved.append(result.page)
        }
        let translations = TranslationReport.make(pages: published, site: site, into: &diagnostics)
        return ResolvedSite(project: parsed.project, pages: resolved, menus: menus(index: index, site: site),
                            translations: translations)
    }

    /// One page: its address and translations, its links, components and recording, and for
    /// a listing the pages it lists; with the keys of the pages its links lead to, found or not.
    /// - Parameter drafts: the keys of the pages that are drafts and not published.
    static func resolve(
        _ page: Page, index: PageIndex, project: LoadedProject, drafts: Set<String>, into diagnostics: inout [Diagnostic]
    ) -> (page: ResolvedPage, linkedKeys: Set<String>) {
        let site = project.site
        var result = ResolvedPage(page: page, path: index.path(of: page.key, in: page.language))
        for language in site.languages where index.page(page.key, language) != nil {
            result.alternates[language] = index.path(of: page.key, in: language)
        }
        var linker = Linker(index: index, media: project.media, drafts: drafts, from: page)
        result.links = linker.resolve(page.markdown.links, into: &diagnostics)
        result.components = ComponentResolver(project: project, page: page)
            .resolve(page.markdown.components, linker: &linker, into: &diagnostics)
        if case .radio(_, _, _, _, let audio?, let location) = page.frontMatter.fields {
            result.audio = audioFile(audio, at: location ?? FileLocation(path: page.path),
                                     project: project, into: &diagnostics)
        }
        result.children = listing(for: page, index: index, site: site)
        return (result, linker.keys)
    }

    /// The menu of each language: its sections, each in that language or else in another.
    static func menus(index: PageIndex, site: SiteConfig) -> [Language: [SectionLink]] {
        Dictionary(uniqueKeysWithValues: site.languages.map { language in
            (language, site.sections.compactMap { section -> SectionLink? in
                guard let page = index.page(section, language) ?? index.anyPage(section) else { return nil }
                return SectionLink(section: section, title: page.frontMatter.title,
                                   path: index.path(of: section, in: language))
            })
        })
    }

    /// The home page and every section page must exist in every language: they are the
    /// site's menu and the targets of the language switcher's fallbacks.
    static func checkListingsExist(index: PageIndex, site: SiteConfig, into diagnostics: inout [Diagnostic]) {
        for key in [""] + site.sections {
            for language in site.languages where index.page(key, language) == nil {
                let file = key.isEmpty ? "content/_index.\(language.rawValue).md"
                    : "content/\(key)/_index.\(language.rawValue).md"
                let what = key.isEmpty ? "the home page" : "section '\(key)'"
                diagnostics.append(.error(
                    at: FileLocation(path: file), "\(file) is missing: \(what) has no \(language.nativeName) page",
                    hint: "create it with front matter 'title: ...' and a short introduction"))
            }
        }
    }

    static func listing(for page: Page, index: PageIndex, site: SiteConfig) -> [ListedPage] {
        let keys: [String]
        switch page.kind {
        case .home: keys = site.sections
        case .section: keys = index.keys(inSection: page.section ?? "")
        default: return []
        }
        let listed = keys.compactMap { key -> ListedPage? in
            guard let target = index.page(key, page.language) ?? index.anyPage(key) else { return nil }
            return ListedPage(
                key: key, path: index.path(of: key, in: target.language), title: target.frontMatter.title,
                summary: target.summary, date: target.frontMatter.date, kind: target.kind,
                fallbackLanguage: target.language == page.language ? nil : target.language)
        }
        guard page.kind == .section else { return listed }
        let weights = Dictionary(listed.map { ($0.key, index.anyPage($0.key)?.frontMatter.weight ?? Int.max) },
                                 uniquingKeysWith: { first, _ in first })
        return listed.sorted { a, b in
            let (wa, wb) = (weights[a.key] ?? Int.max, weights[b.key] ?? Int.max)
            if wa != wb { return wa < wb }
            if a.date != b.date { return (a.date ?? Day("0001-01-01")!) > (b.date ?? Day("0001-01-01")!) }
            return a.title.localizedStandardCompare(b.title) == .orderedAscending
        }
    }
}

/// Looks pages up by key and language in constant time.
struct PageIndex {
    var pages: [Page]
    private var byKey: [String: [Language: Int]] = [:]
    private var bySection: [String: [String]] = [:]

    init(pages: [Page]) {
        self.pages = pages
        for (position, page) in pages.enumerated() {
            byKey[page.key, default: [:]][page.language] = position
            if let section = page.section, page.slug != nil, byKey[page.key]?.count == 1 {
                bySection[section, default: []].append(page.key)
            }
        }
    }

    func page(_ key: String, _ language: Language) -> Page? {
        byKey[key]?[language].map { pages[$0] }
    }

    /// The page in any language, the default language first.
    func anyPage(_ key: String) -> Page? {
        Language.allCases.lazy.compactMap { page(key, $0) }.first
    }

    func exists(_ key: String) -> Bool { byKey[key] != nil }
    var allKeys: Dictionary<String, [Language: Int]>.Keys { byKey.keys }

    func keys(inSection section: String) -> [String] { bySection[section] ?? [] }

    /// `rw/`, `rw/risks/`, `rw/risks/fake-job-offers/`.
    func path(of key: String, in language: Language) -> String {
        key.isEmpty ? "\(language.rawValue)/" : "\(language.rawValue)/\(key)/"
    }
}
