import BamasoDiagnostics
import BamasoImages
import BamasoLoad
import BamasoParse
import BamasoRender
import BamasoResolve
import BamasoSupport
import BamasoWrite
import Foundation

/// What one build of a project keeps for the next: the files as read (`ProjectFileCache`), and
/// one `ItemMemo` per stage, around the stage's pure function of one item.
///
/// - Load: a file is read again only when a watcher reported it (`noteChanges`); all are when
///   none reported anything.
/// - Parse: a content file is parsed again when its text or the site's sections changed.
/// - Resolve: a page is resolved again when it changed or a read it recorded (a link's target,
///   a listed page, an audio file, contacts.yml: `SiteRead`) is answered differently.
/// - Translations: a key's entry is worked out again when one of its pages or site.yml changed.
/// - Render: the theme is loaded again when a template or string file changed; a page (and a
///   language's booklet) is rendered again when its resolved page changed or a read it recorded
///   (the theme, site.yml, a menu, contacts.yml, a translation state: `RenderRead`) is
///   answered differently. The feeds, the landing and 404 pages are made at every build.
/// - Write: once a first build has written the output folder whole, later ones update it in
///   place, writing only the files whose contents changed (`SiteWriter.update`).
///
/// Each item keeps its diagnostics, so a build with a cache reports, and writes, exactly what a
/// build without one does. A build without a cache goes the same way through a cache that
/// keeps nothing. Safe to share between threads; builds that use one cache must not overlap.
public final class BuildCache: @unchecked Sendable {
    /// How many items (content files, pages) a build reused, and how many it worked out again.
    public typealias Statistics = (reused: Int, computed: Int)

    struct ParseInput: Equatable, Sendable {
        var file: SourceFile
        var sections: [String]
        var languages: [Language]
    }

    struct ThemeInput: Equatable, Sendable {
        var files: ThemeFiles
        var languages: [LanguageSettings]
    }

    /// What a key's translation entry reads besides its pages: site.yml, which is compared
    /// once per build rather than once per key.
    enum TranslationRead: Hashable, Sendable {
        case site
    }

    typealias Found<Value: Sendable> = (value: Value, diagnostics: [Diagnostic])

    /// Whether this cache keeps anything for a next build; a one-off build's does not.
    let keeping: Bool
    let files: ProjectFileCache?
    /// Parsing a file and loading the theme read nothing but their input: their reads are `Never`.
    let parsed: ItemMemo<String, ParseInput, Never, Never, Found<Page?>>
    let resolved: ItemMemo<String, Page, SiteRead, SiteAnswer, (page: ResolvedPage, diagnostics: [Diagnostic])>
    let translations:
        ItemMemo<
            String, [Page], TranslationRead, SiteConfig, (entry: TranslationReport.Entry?, diagnostics: [Diagnostic])
        >
    let themes: ItemMemo<String, ThemeInput, Never, Never, Found<Theme?>>
    let rendered: ItemMemo<String, ResolvedPage, RenderRead, RenderAnswer, OutputFile>
    let booklets: ItemMemo<Language, Language, RenderRead, RenderAnswer, OutputFile?>
    /// What was found out about linked PDFs (pages, fingerprints), so a rebuild runs `pdfinfo`
    /// and reads a PDF only when it changed.
    let pdfPages = FileReadings<PDFPageCounter.Count>()
    let pdfFingerprints = FileReadings<String>()

    // Safe because every access holds `lock`.
    private let lock = NSLock()
    /// The site in the output folder, as the last build that wrote it left it.
    private var written: (output: URL, site: RenderedSite)?
    /// The image store of the project last built: it remembers which originals it has read.
    private var imageStore: ImageStore?

    /// The store of the project at `root`, kept from build to build.
    func images(for root: URL) -> ImageStore {
        lock.withLock {
            let folder = root.appendingPathComponent(".bamaso-cache/images", isDirectory: true)
            if let store = imageStore, store.folder == folder { return store }
            let store = ImageStore(folder: folder)
            imageStore = store
            return store
        }
    }

    public convenience init() {
        self.init(keeping: true)
    }

    init(keeping: Bool) {
        self.keeping = keeping
        files = keeping ? ProjectFileCache() : nil
        parsed = ItemMemo(keeping: keeping)
        resolved = ItemMemo(keeping: keeping)
        translations = ItemMemo(keeping: keeping)
        themes = ItemMemo(keeping: keeping)
        rendered = ItemMemo(keeping: keeping)
        booklets = ItemMemo(keeping: keeping)
    }

    /// The content files the most recent build that used this cache reused and parsed; the
    /// pages it reused and resolved.
    public var lastParse: Statistics { parsed.lastRun }
    public var lastResolve: Statistics { resolved.lastRun }

    /// Tells the cache which files changed since the previous build, by path relative to the
    /// project root (`content/risks/a.en.md`; a folder for everything in it). The next build
    /// then looks at those only; without this, it reads every file again.
    public func noteChanges(_ paths: some Sequence<String>) {
        files?.noteChanges(paths)
    }
}

extension BuildCache {
    /// Stage 2 over the project's content files, item by item.
    func parse(_ project: LoadedProject, into diagnostics: inout [Diagnostic]) -> ParsedSite {
        let sections = project.site.sections
        let languages = project.site.languages
        let items = project.contentFiles.map {
            (key: $0.path, input: ParseInput(file: $0, sections: sections, languages: languages))
        }
        let results = parsed.map(items) { input in
            var found: [Diagnostic] = []
            let page = PageParser.parse(
                input.file, sections: input.sections, languages: input.languages, into: &found)
            return (page, found)
        }
        var pages: [Page] = []
        pages.reserveCapacity(results.count)
        for result in results {
            diagnostics += result.diagnostics
            if let page = result.value { pages.append(page) }
        }
        // The pages hold their text now: a build that keeps nothing lets the files' text go,
        // a tenth of its memory.
        var project = project
        if !keeping { project.contentFiles = [] }
        return ParsedSite(project: project, pages: pages)
    }

    /// Stage 3, item by item: each published page, and each key's translations.
    func resolve(_ parsed: ParsedSite, options: Resolver.Options, into diagnostics: inout [Diagnostic]) -> ResolvedSite
    {
        var (pageCounter, thumbnailer) = (options.pageCounter, options.thumbnailer)
        if pageCounter.readings == nil { pageCounter.readings = pdfPages }
        if thumbnailer.readings == nil { thumbnailer.readings = pdfFingerprints }
        let index = SiteIndex(
            parsed, includeDrafts: options.includeDrafts, pageCounter: pageCounter, thumbnailer: thumbnailer,
            images: options.images ?? images(for: parsed.project.root))
        index.prepareImages()
        let pages = resolved.map(
            index.published.map { ($0.path, $0) }, answer: index.answer, scope: \.scope, scopeOf: \.key,
            context: index.site.languageList
        ) { page, log in
            Resolver.resolve(page, in: index, log: log)
        }
        let site = index.site
        let keys = TranslationReport.versions(of: index.published)
        let entries = translations.map(keys.map { ($0.key, $0.versions) }, answer: { _ in site }) { versions, log in
            var found: [Diagnostic] = []
            let key = versions.first?.key ?? ""
            let entry = TranslationReport.entry(
                key: key, versions: versions, site: log.answer(.site) { _ in site },
                into: &found)
            return (entry, found)
        }
        return Resolver.assemble(index, pages: pages, translations: entries, into: &diagnostics)
    }

    /// Stage 4, item by item: each page, and each language's booklet, beside the feeds.
    func render(_ site: ResolvedSite, options: RenderEnvironment.Options, into diagnostics: inout [Diagnostic])
        -> RenderedSite?
    {
        let input = ThemeInput(
            files: ThemeFiles(site.project), languages: site.site.languageList)
        let loaded = themes.map([("theme", input)]) { input in
            var found: [Diagnostic] = []
            let theme = Theme.load(input.files, languages: input.languages, into: &found)
            return (theme, found)
        }[0]
        diagnostics += loaded.diagnostics
        guard let theme = loaded.value else { return nil }
        let environment = RenderEnvironment(site: site, theme: theme, options: options)
        diagnostics += environment.printCodeWarnings
        let items = site.pages.map { (key: $0.path, input: $0) }
        let languages = site.site.languages.map { (key: $0, input: $0) }
        // The booklets and feeds on a thread of their own, beside the pages: a booklet renders
        // every school material again, and after the pages one core rendered the longer one
        // while the other waited (render stage at 5,000 pages per language: 1.14 to 1.08 s).
        let (pages, (booklets, feeds)) = alongside(
            {
                rendered.map(
                    items, answer: environment.answer, scope: \.scope, scopeOf: \.page.key,
                    context: site.site.languageList
                ) { page, log in
                    Renderer(environment, log: log).page(page)
                }
            },
            { [booklets] in
                let made = booklets.map(languages, answer: environment.answer) { language, log in
                    Renderer(environment, log: log).booklet(language)
                }
                return (made, SiteFeeds(environment).files())
            })
        return Renderer.assemble(environment, pages: pages, booklets: booklets, feeds: feeds)
    }
}

extension BuildCache {
    /// Stage 5: writes `site` into `output` through a staging folder and a swap
    /// (`SiteWriter.write`); or, once a build with this cache wrote it, and while it is there,
    /// brings it up to date in place (`SiteWriter.update`).
    func write(
        _ site: RenderedSite, to output: URL, protecting sources: [URL], interruption: Interruption?,
        into diagnostics: inout [Diagnostic]
    ) -> SiteWriter.Outcome {
        // What the output holds is unknown until this write succeeds.
        let previous = lock.withLock { () -> RenderedSite? in
            defer { written = nil }
            guard let written, written.output == output else { return nil }
            return written.site
        }
        let outcome =
            if let previous, FileManager.default.fileExists(atPath: output.path) {
                SiteWriter.update(output, from: previous, to: site, changedSources: files?.changes, into: &diagnostics)
            } else {
                SiteWriter.write(site, to: output, protecting: sources, interruption: interruption, into: &diagnostics)
            }
        if outcome.written, keeping { lock.withLock { written = (output, site) } }
        return outcome
    }
}
