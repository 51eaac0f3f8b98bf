import BamasoDiagnostics
import BamasoImages
import BamasoLoad
import BamasoMarkdown
import BamasoParse
import BamasoSupport
import Foundation

/// Stage 3: pairs translations, gives pages their addresses, resolves links and components
/// and builds the listings.
///
/// The work is per item and pure: `resolve(_:in:log:)` resolves one page from the page and
/// what it reads through the `SiteIndex`; `TranslationReport.entry` works out one key's
/// translations. `assemble` puts the results together with what is cheap to work out for the
/// whole site (menus, the checks that every listing exists).
public enum Resolver {
    public struct Options: Sendable {
        public var includeDrafts: Bool
        /// What counts the pages of linked PDFs: `pdfinfo`, if it is installed.
        public var pageCounter: PDFPageCounter
        /// What draws the first page of a PDF whose link asks for it: `pdftoppm`, if it is installed.
        public var thumbnailer: PDFThumbnailer
        /// What publishes images (the project's `.bamaso-cache/images/`); nil for a store in the
        /// system's temporary folder.
        public var images: ImageStore?

        public init(
            includeDrafts: Bool = false, pageCounter: PDFPageCounter = .installed,
            thumbnailer: PDFThumbnailer = .installed, images: ImageStore? = nil
        ) {
            self.includeDrafts = includeDrafts
            self.pageCounter = pageCounter
            self.thumbnailer = thumbnailer
            self.images = images
        }
    }

    /// The whole stage at once, every page resolved: for tests and tools. A build goes
    /// through `resolve(_:in:log:)` item by item (see `BamasoSite`).
    public static func resolve(
        _ parsed: ParsedSite, options: Options = Options(), into diagnostics: inout [Diagnostic]
    ) -> ResolvedSite {
        let index = SiteIndex(
            parsed, includeDrafts: options.includeDrafts, pageCounter: options.pageCounter,
            thumbnailer: options.thumbnailer, images: options.images)
        index.prepareImages()
        let pages = index.published.concurrentMap { resolve($0, in: index, log: nil) }
        let translations = TranslationReport.versions(of: index.published).map { key, versions in
            var found: [Diagnostic] = []
            let entry = TranslationReport.entry(key: key, versions: versions, site: index.site, into: &found)
            return (entry: entry, diagnostics: found)
        }
        return assemble(index, pages: pages, translations: translations, into: &diagnostics)
    }

    /// The resolved site from its resolved pages and translation entries, in the order of
    /// `index.published` and of `TranslationReport.versions`, with their diagnostics appended
    /// in that order.
    public static func assemble(
        _ index: SiteIndex, pages: [(page: ResolvedPage, diagnostics: [Diagnostic])],
        translations: [(entry: TranslationReport.Entry?, diagnostics: [Diagnostic])],
        into diagnostics: inout [Diagnostic]
    ) -> ResolvedSite {
        checkListingsExist(index: index.pages, site: index.site, into: &diagnostics)
        checkSiteImage(index, into: &diagnostics)
        var resolved: [ResolvedPage] = []
        resolved.reserveCapacity(pages.count)
        for result in pages {
            diagnostics += result.diagnostics
            resolved.append(result.page)
        }
        for result in translations { diagnostics += result.diagnostics }
        // Only a build without pdfinfo has labels without pages to warn of.
        if index.pageCounter.executable == nil { noteMissingPageCounter(in: resolved, into: &diagnostics) }
        let entries = translations.compactMap(\.entry)
        let report = TranslationReport(
            entries: entries, coverage: TranslationReport.coverage(of: entries, site: index.site),
            languages: index.site.languageList)
        return ResolvedSite(
            project: index.project, pages: resolved, menus: menus(index: index.pages, site: index.site),
            translations: report)
    }

    /// One page: its address and translations, its links, components and recording, and for
    /// a listing the pages it lists. It reads the rest of the site only through `index`,
    /// recording each read in `log`.
    public static func resolve(
        _ page: Page, in index: SiteIndex, log: ReadLog<SiteRead, SiteAnswer>?
    ) -> (page: ResolvedPage, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let reader = SiteReader(index: index, log: log)
        var result = ResolvedPage(page: page, path: SiteIndex.path(of: page.key, in: page.language))
        for language in reader.translations(of: page.key) {
            result.alternates[language] = SiteIndex.path(of: page.key, in: language)
        }
        var linker = Linker(reader: reader, from: page)
        result.links = linker.resolve(page.markdown.links, into: &diagnostics)
        result.components = ComponentResolver(reader: reader, page: page)
            .resolve(page.markdown.components, linker: &linker, into: &diagnostics)
        if case .radio(_, _, _, _, let audio?, let location) = page.frontMatter.fields {
            result.audio = audioFile(
                audio, at: location ?? FileLocation(path: page.path), reader: reader,
                into: &diagnostics)
        }
        result.children = listing(for: page, reader: reader)
        result.image = ImageReport.pageImage(of: page, reader: reader, into: &diagnostics)
        result.sharing = ImageReport.sharingImage(of: page, reader: reader, site: index.site)
        func toMedia(_ links: [ResolvedLink?]) -> Bool { links.contains { $0?.path.hasPrefix("media/") == true } }
        result.linksToMedia =
            toMedia(result.links)
            || result.components.contains {
                if case .callout(_, _, _, let links)? = $0 { toMedia(links) } else { false }
            }
        return (result, diagnostics)
    }

    /// site.yml's `image:`, the picture of shared links to pages without one of their own.
    static func checkSiteImage(_ index: SiteIndex, into diagnostics: inout [Diagnostic]) {
        guard let written = index.site.image else { return }
        let location = index.site.imageLocation ?? FileLocation(path: "content/site.yml")
        guard let key = ImageReport.mediaKey(written), ImageStore.isImage(key), index.project.media[key] != nil else {
            diagnostics.append(
                .error(
                    at: location, "'image: \(written)' is not a picture in content/media/",
                    hint: "name a JPEG or PNG file in content/media/, such as '/media/campaign.jpg'"))
            return
        }
        if case .image(let image?) = index.answer(.image(key)), let problem = image.problem {
            diagnostics.append(ImageReport.diagnostic(problem, image: written, at: location))
        }
    }

    /// Says once per build, at the first link to a PDF, that PDF labels leave out their pages
    /// because `pdfinfo` is not installed: the build works without it.
    static func noteMissingPageCounter(in pages: [ResolvedPage], into diagnostics: inout [Diagnostic]) {
        // Looked for without copying any page's links: without pdfinfo, it runs over every page at every rebuild.
        func first(_ links: [MarkdownLink], _ resolved: [ResolvedLink?]) -> MarkdownLink? {
            resolved.firstIndex { $0?.download?.problem == .noPageCounter }.flatMap {
                $0 < links.count ? links[$0] : nil
            }
        }
        for page in pages {
            var found = first(page.page.markdown.links, page.links)
            for case .callout(_, _, let body, let resolved)? in page.components where found == nil {
                found = first(body.links, resolved)
            }
            guard let first = found else { continue }
            diagnostics.append(
                .warning(
                    at: FileLocation(path: page.page.path, line: first.line, column: first.column),
                    "the labels of links to PDF files leave out the number of pages: poppler's pdfinfo is not "
                        + "installed",
                    hint: "install it (apt-get install poppler-utils) to show the pages"))
            return
        }
    }

    /// The menu of each language: its sections, each in that language or else in another.
    static func menus(index: PageIndex, site: SiteConfig) -> [Language: [SectionLink]] {
        Dictionary(
            uniqueKeysWithValues: site.languages.map { language in
                (
                    language,
                    site.sections.compactMap { section -> SectionLink? in
                        guard let page = index.page(section, preferring: language) else { return nil }
                        return SectionLink(
                            section: section, title: page.frontMatter.title,
                            path: SiteIndex.path(of: section, in: page.language),
                            fallbackLanguage: page.language == language ? nil : page.language)
                    }
                )
            })
    }

    /// The home page must exist in every language: it is where the language switcher leads
    /// from a page that is not translated. Every section page must exist in the default
    /// language; in another, a missing one is shown in its fallback (`menus`).
    static func checkListingsExist(index: PageIndex, site: SiteConfig, into diagnostics: inout [Diagnostic]) {
        let required = [("", site.languages)] + site.sections.map { ($0, Array(site.languages.prefix(1))) }
        for (key, languages) in required {
            for language in languages where index.page(key, language) == nil {
                let file =
                    key.isEmpty
                    ? "content/_index.\(language.code).md"
                    : "content/\(key)/_index.\(language.code).md"
                let what = key.isEmpty ? "the home page" : "section '\(key)'"
                diagnostics.append(
                    .error(
                        at: FileLocation(path: file),
                        "\(file) is missing: \(what) has no \(site.name(of: language)) page",
                        hint: "create it with front matter 'title: ...' and a short introduction"))
            }
        }
    }

    static func listing(for page: Page, reader: SiteReader) -> [ListedPage] {
        let keys: [String]
        switch page.kind {
        case .home: keys = reader.sections
        case .section: keys = reader.keys(inSection: page.section ?? "")
        default: return []
        }
        // Each page with its weight, so that sorting a section of thousands of pages (at every
        // preview rebuild that changes one of them) looks nothing up.
        let listed = keys.compactMap { key -> (page: ListedPage, weight: Int)? in
            let (listed, weight) = reader.listed(key, in: page.language)
            return listed.map { ($0, weight ?? Int.max) }
        }
        guard page.kind == .section else { return listed.map(\.page) }
        return listed.sorted { a, b in
            if a.weight != b.weight { return a.weight < b.weight }
            if a.page.date != b.page.date { return (a.page.date ?? undated) > (b.page.date ?? undated) }
            return a.page.title.localizedStandardCompare(b.page.title) == .orderedAscending
        }.map(\.page)
    }

    /// Where a listing puts pages without a date: after all others.
    private static let undated = Day("0001-01-01")!
}
