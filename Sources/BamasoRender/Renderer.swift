import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoParse
import BamasoResolve
import BamasoSupport
import Foundation

/// Stage 4: turns resolved pages into HTML through the theme's templates.
public struct Renderer: Sendable {
    public struct Options: Sendable {
        /// Overrides `base_url` from site.yml.
        public var baseURL: String?
        /// Relative links that name their file, for opening the site from a folder.
        public var portable: Bool

        public init(baseURL: String? = nil, portable: Bool = false) {
            self.baseURL = baseURL
            self.portable = portable
        }
    }

    let site: ResolvedSite
    let templates: TemplateSet
    let strings: [Language: StringTable]
    let urls: URLBuilder
    let dates = DateFormat()
    let telephoneURIs = Memo<String, String>()
    /// An organisation's JSON-LD without its page's address, by organisation and language.
    let organisationsJSON = Memo<OrganisationKey, String>()
    /// The theme as the pages of each language and section see it (`templates(forPagesOf:section:)`).
    let pageTemplates = Memo<PageGroup, TemplateSet?>()
    let feeds: FeedPlan
    let assets: Assets
    /// Each published page's translation state, and where its original is published, by the
    /// page's file path.
    let translationStates: [String: TranslationState]
    /// What the listings show of each listed page, by its site path: the summary is slow to
    /// work out, and the resolver has done it already.
    let summaries: [String: String]

    struct TranslationState: Sendable, Equatable {
        var state: TranslationReport.State
        var isDraft: Bool
        /// The original's site path (`en/risks/fake-job-offers/`) and language.
        var originalPath: String
        var originalLanguage: Language
    }

    /// - Parameter memo: what the previous render of this project can give this one (see
    ///   `RenderMemo`); without it, everything is rendered.
    public static func render(
        _ site: ResolvedSite, options: Options = Options(), memo: RenderMemo? = nil, into diagnostics: inout [Diagnostic]
    ) -> RenderedSite? {
        let (strings, loaded) = memo?.theme(of: site.project, into: &diagnostics)
            ?? (StringTable.load(site.project, into: &diagnostics), TemplateSet.load(site.project, into: &diagnostics))
        guard let templates = loaded, strings.count == Language.allCases.count
        else { return nil }
        let urls = URLBuilder(baseURL: options.baseURL ?? site.site.baseURL, portable: options.portable)
        var states: [String: TranslationState] = [:]
        // Only the notices on draft and outdated translations show them.
        if site.site.translationNotices {
            let sitePaths = Dictionary(site.pages.map { ($0.page.path, $0.path) }, uniquingKeysWith: { first, _ in first })
            for entry in site.translations.entries {
                guard let original = entry.statuses[entry.source], let originalPath = sitePaths[original.path] else { continue }
                for status in entry.statuses.values where status.state != .missing {
                    states[status.path] = TranslationState(state: status.state, isDraft: status.isDraft,
                                                           originalPath: originalPath, originalLanguage: entry.source)
                }
            }
        }
        let summaries = memo?.summaries(of: site, making: listedSummaries) ?? listedSummaries(site)
        let renderer = Renderer(site: site, templates: templates, strings: strings, urls: urls,
                                feeds: memo?.feedPlan(for: site, urls: urls) ?? FeedPlan(site: site, urls: urls),
                                assets: Assets(site.project.staticFiles), translationStates: states, summaries: summaries)
        return renderer.render(memo: memo, into: &diagnostics)
    }

    func render(memo: RenderMemo? = nil, into diagnostics: inout [Diagnostic]) -> RenderedSite {
        let before = diagnostics.count
        let shared = memo.map { _ in sharedInputs }
        let (previousPages, previousBooklets) = shared.flatMap { memo?.take(for: $0) } ?? ([], [:])
        var files: [OutputFile] = []
        files.reserveCapacity(site.pages.count + site.project.media.count + site.project.staticFiles.count + 1)
        // Pages are rendered on every core: each page's HTML depends only on the resolved
        // site, and templates, strings and formatters are safe to share. The feeds and the
        // sitemap, as much work as hundreds of pages, go first, alongside the pages.
        let pages = site.pages
        let (rendered, feedsAndSitemap) = renderPages(reusing: consume previousPages) { feedFiles() }
        files += rendered.map(\.file)
        for language in Set(pages.map(\.page.language)).sorted() {
            reportMissingStrings(rendering: "layouts.base", language: language, into: &diagnostics)
        }
        files.append(OutputFile(path: "index.html", contents: .text(templates.render(landingContext(), with: "layouts.landing"))))
        files.append(OutputFile(path: "404.html", contents: .text(templates.render(notFoundContext(), with: "layouts.404"))))
        // Each language's booklet is as much work as hundreds of pages: they too are rendered
        // on every core, after the pages, so that a string missing in a booklet is still
        // reported as the booklet's.
        let languages = site.site.languages
        let rendering = languages.concurrentMap { language in
            feeds.bookletPath(language).map { _ in renderBooklet(language, reusing: previousBooklets[language]) }
        }
        var booklets: [Language: RenderMemo.Booklet] = [:]
        for (index, language) in languages.enumerated() {
            if let path = feeds.bookletPath(language), let booklet = rendering[index] {
                booklets[language] = booklet
                files.append(OutputFile(path: path + "index.html", contents: .text(booklet.html)))
                reportMissingStrings(rendering: "layouts.booklet", language: language, into: &diagnostics)
            }
            reportMissingStrings(rendering: "layouts.landing", language: language, into: &diagnostics)
        }
        files += feedsAndSitemap
            + (memo?.vCardFiles(of: site.project.contacts, in: languages, making: vCardFiles) ?? vCardFiles())
        for (path, url) in site.project.media.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: path, contents: .copy(url), source: "content/" + path))
        }
        for (path, url) in site.project.staticFiles.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: assets.published[path] ?? path, contents: .copy(url), source: "templates/static/" + path))
        }
        // Rendering reports nothing but missing strings.
        if let shared {
            memo?.keep(shared: shared, pages: rendered, booklets: booklets, clean: diagnostics.count == before)
        }
        return RenderedSite(files: files)
    }

    /// What the listings show of each listed page, by its site path.
    static func listedSummaries(_ site: ResolvedSite) -> [String: String] {
        Dictionary(site.pages.flatMap { $0.children.map { ($0.path, $0.summary) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The page's `summary`, for the meta description and the feeds.
    func summary(of page: ResolvedPage) -> String {
        summaries[page.path] ?? page.page.summary
    }

    /// A page's HTML: its context through the layout of its kind.
    func renderPage(_ page: ResolvedPage) -> String {
        templates(forPagesOf: page.page.language, section: page.page.section)
            .render(context(for: page), with: TemplateSet.layout(for: page.page.kind))
    }

    /// Pages of one language and section, which share the values of `sharedValues`.
    struct PageGroup: Hashable, Sendable {
        var language: Language
        var section: String?
    }

    /// The theme with what the pages of `language` in `section` share rendered in, once for
    /// all of them (`TemplateSet.specialized(sharing:)`); the theme as written when links are
    /// relative, which makes every page's links its own.
    func templates(forPagesOf language: Language, section: String?) -> TemplateSet {
        guard !urls.portable else { return templates }
        return pageTemplates.value(for: PageGroup(language: language, section: section)) {
            templates.specialized(sharing: sharedValues(language: language, section: section, from: ""))
        } ?? templates
    }

    /// A `{{t.key}}` that no language file has renders as nothing; report it instead.
    private func reportMissingStrings(rendering layout: String, language: Language, into diagnostics: inout [Diagnostic]) {
        guard let missing = strings[language]?.takeMissingKeys(), !missing.isEmpty else { return }
        for key in missing {
            let (path, line) = locateStringUse(key, from: layout)
            diagnostics.append(.error(
                at: FileLocation(path: path, line: line),
                "the template uses the string '\(key)', which is not in templates/i18n/\(language.rawValue).yml",
                hint: "add '\(key): ...' to every file in templates/i18n/, or correct the name"))
        }
    }

    /// The template file and line that ask for `t.key`, for the error message; the layout when
    /// no file spells it out.
    private func locateStringUse(_ key: String, from layout: String) -> (String, Int) {
        for file in site.project.templates {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("t.\(key)}}") || line.contains("t.\(key) }}") {
                return (file.path, number + 1)
            }
        }
        return (templates.paths[layout] ?? "templates/\(layout.replacingOccurrences(of: ".", with: "/")).mustache", 1)
    }
}
