import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoParse
import BamasoResolve
import BamasoSupport
import Foundation

/// Stage 4: renders one item (a page, a language's booklet) through the theme's templates.
///
/// A renderer reads the rest of the site only through its accessors below, each of which
/// records its `RenderRead` in the item's log (when it has one): so a rebuild knows what the
/// item's HTML depends on without anybody listing it. One renderer renders one item, on one
/// thread. Without a log, it records nothing (a one-off build, the landing page, the feeds).
public final class Renderer {
    public typealias Log = ReadLog<RenderRead, RenderAnswer>

    let environment: RenderEnvironment
    let log: Log?

    public init(_ environment: RenderEnvironment, log: Log?) {
        self.environment = environment
        self.log = log
    }

    // MARK: - Reads

    // A closure, not `environment.answer`: that would copy the environment at every read.
    private func ask(_ read: RenderRead) -> RenderAnswer { log.answer(read) { environment.answer($0) } }

    /// The templates and the interface strings.
    lazy var theme: Theme = { if case .theme(let theme) = ask(.theme) { theme } else { unexpected() } }()

    var templates: TemplateSet { theme.templates }

    /// The interface strings of `language`, which `Theme.load` made sure exist.
    func strings(_ language: Language) -> StringTable { theme.strings[language]! }

    /// site.yml.
    lazy var config: SiteConfig = { if case .site(let config) = ask(.site) { config } else { unexpected() } }()

    private lazy var addresses: (urls: URLBuilder, assets: [String: String]) = {
        if case .addresses(let urls, let assets) = ask(.addresses) { (urls, assets) } else { unexpected() }
    }()

    var urls: URLBuilder { addresses.urls }

    /// The published name of a stylesheet or script under `templates/static/` (`Assets`).
    func asset(_ path: String) -> String? { addresses.assets[path] }

    var stylesheet: String { asset("style.css") ?? "style.css" }

    func menu(_ language: Language) -> [SectionLink] {
        if case .menu(let links) = ask(.menu(language)) { links } else { unexpected() }
    }

    var contacts: [String: Contact] {
        if case .contacts(let contacts) = ask(.contacts) { contacts } else { unexpected() }
    }

    func feeds(_ language: Language) -> FeedLinks {
        if case .feeds(let links) = ask(.feeds(language)) { links } else { unexpected() }
    }

    /// What the notice on a draft or outdated translation shows of `page`, when site.yml asks
    /// for notices.
    func translationState(of page: ResolvedPage) -> TranslationState? {
        guard case .translation(let state) = ask(.translation(key: page.page.key, path: page.page.path)) else {
            unexpected()
        }
        return state
    }

    func bookletPages(_ language: Language) -> (section: ResolvedPage?, chapters: [ResolvedPage]) {
        guard case .booklet(let section, let chapters) = ask(.booklet(language)) else { unexpected() }
        return (section, chapters)
    }

    var dates: DateFormat { environment.dates }

    /// `RenderEnvironment.answer` answers each read in the case of the same name.
    private func unexpected() -> Never { preconditionFailure("RenderEnvironment.answer gave another kind of answer") }

    // MARK: - Items

    /// A page's HTML file: its context through the layout of its kind.
    public func page(_ page: ResolvedPage) -> OutputFile {
        let html = templates(forPagesOf: page.page.language, section: page.page.section)
            .render(context(for: page), with: TemplateSet.layout(for: page.page.kind))
        return OutputFile(path: page.path + "index.html", contents: .text(html), source: page.page.path)
    }

    /// The theme with what the pages of `language` in `section` share rendered in, once per
    /// build for all of them (`TemplateSet.specialized(sharing:)`); the theme as written when
    /// links are relative, which makes every page's links its own.
    func templates(forPagesOf language: Language, section: String?) -> TemplateSet {
        guard !urls.portable else { return templates }
        return group(language, section).templates
    }

    /// `sharedValues` for a page of `language` in `section` published at `from`: made once per
    /// build for all of them, unless links are relative.
    func sharedValues(forPageOf language: Language, section: String?, from: String) -> TemplateValues {
        guard !urls.portable else { return sharedValues(language: language, section: section, from: from) }
        return group(language, section).shared
    }

    /// What the pages of `language` in `section` share, made by the first page that asks, with
    /// the reads that took recorded for each page that uses it.
    private func group(_ language: Language, _ section: String?) -> RenderEnvironment.PageGroupValues {
        let group = RenderEnvironment.PageGroup(language: language, section: section)
        let made = environment.pageGroups.value(for: group) {
            let first = Renderer(environment, log: Log())
            let values = first.sharedValues(language: language, section: section, from: "")
            // Only the layouts of the group's pages: which they are changes no page's HTML,
            // only how much of the theme is worked out ahead.
            let layouts = Set(
                environment.site.pages.lazy.filter { $0.page.language == language && $0.page.section == section }
                    .map { TemplateSet.layout(for: $0.page.kind) })
            return RenderEnvironment.PageGroupValues(
                shared: values,
                templates: first.templates.specialized(sharing: values, layouts: layouts) ?? first.templates,
                reads: first.log?.reads ?? [])
        }
        // The reads made by the first page that needed these values, as if this page had made them.
        for (read, answer) in made.reads { log?.record(read, answer) }
        return made
    }

    // MARK: - The whole stage

    /// Renders every file of `site` at once, with nothing kept: the stage as a whole, for the
    /// fuzzer and tests. A build goes through `BuildCache`, which renders the same items.
    public static func render(
        _ site: ResolvedSite, options: RenderEnvironment.Options = .init(), into diagnostics: inout [Diagnostic]
    ) -> RenderedSite? {
        guard
            let theme = Theme.load(
                ThemeFiles(site.project), languages: site.site.languageList,
                into: &diagnostics)
        else { return nil }
        let environment = RenderEnvironment(site: site, theme: theme, options: options)
        diagnostics += environment.printCodeWarnings
        let (pages, feeds) = alongside(
            { site.pages.concurrentMap { Renderer(environment, log: nil).page($0) } },
            { SiteFeeds(environment).files() })
        let booklets = site.site.languages.concurrentMap { Renderer(environment, log: nil).booklet($0) }
        return assemble(environment, pages: pages, booklets: booklets, feeds: feeds)
    }

    /// The site: the pages and booklets as rendered, the feeds, and what every build makes
    /// anew (the landing and 404 pages, the vCards) or copies (media, static files).
    public static func assemble(
        _ environment: RenderEnvironment, pages: [OutputFile], booklets: [OutputFile?], feeds: [OutputFile]
    ) -> RenderedSite {
        let site = environment.site
        let renderer = Renderer(environment, log: nil)
        var files = pages
        files.reserveCapacity(pages.count + site.project.media.count + site.project.staticFiles.count + 8)
        files.append(
            OutputFile(
                path: "index.html",
                contents: .text(
                    renderer.templates.render(renderer.landingContext(), with: "layouts.landing"))))
        files.append(
            OutputFile(
                path: "404.html",
                contents: .text(
                    renderer.templates.render(renderer.notFoundContext(), with: "layouts.404"))))
        files += booklets.compactMap { $0 } + feeds + renderer.vCardFiles()
        files += mediaFiles(of: site)
        files += thumbnailFiles(of: site.pages)
        for (path, url) in site.project.staticFiles.sorted(by: { $0.key < $1.key }) {
            let published = environment.assets.published[path] ?? path
            files.append(OutputFile(path: published, contents: .copy(url), source: "templates/static/" + path))
        }
        return RenderedSite(files: files)
    }

    /// The pictures of PDFs' first pages that links show, each once, copied from the cache.
    private static func thumbnailFiles(of pages: [ResolvedPage]) -> [OutputFile] {
        var thumbnails: [String: PDFThumbnail] = [:]
        func note(_ links: [ResolvedLink?]) {
            for case let thumbnail? in links.lazy.compactMap({ $0?.thumbnail }) {
                thumbnails[thumbnail.path] = thumbnail
            }
        }
        for page in pages where page.linksToMedia {
            note(page.links)
            for case .callout(_, _, _, let resolved)? in page.components { note(resolved) }
        }
        return thumbnails.values.sorted { $0.path < $1.path }.map { thumbnail in
            OutputFile(
                path: thumbnail.path, contents: .copy(thumbnail.file),
                source: "content/" + thumbnail.path.dropLast(".thumbnail.jpg".count))
        }
    }
}
