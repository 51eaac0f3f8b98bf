import BamasoLoad
import BamasoParse
import BamasoResolve

/// Which feeds, files for other tools and cross-page links a build publishes, worked out once
/// per build so that no page has to look through all the others.
///
/// Feeds, the sitemap and share links are read outside the site, so they need absolute
/// addresses: they are published only when the site's address (`base_url` or `--base-url`) is
/// a full URL such as `https://example.org/bamaso/`.
struct FeedPlan: Sendable {
    /// Dated pages per language, newest first: the Atom feed's entries.
    var dated: [Language: [ResolvedPage]] = [:]
    /// Radio shows with a recording per language, newest first: the podcast's episodes.
    var episodes: [Language: [ResolvedPage]] = [:]
    /// School materials per language in section order: the booklet's chapters.
    var schoolMaterials: [Language: [ResolvedPage]] = [:]
    /// The schools section's page per language: the booklet's introduction.
    var schoolsSection: [Language: ResolvedPage] = [:]
    /// The section holding the help contact's page, for the help strip's link.
    var helpSection: String?
    let absolute: Bool

    init(site: ResolvedSite, urls: URLBuilder) {
        absolute = urls.isAbsolute
        let sections = Dictionary(site.pages.filter { $0.page.kind == .section }.map {
            ("\($0.page.language.rawValue)/\($0.page.section ?? "")", $0)
        }, uniquingKeysWith: { first, _ in first })
        for page in site.pages {
            if helpSection == nil, case .contact(let organisation, _) = page.page.frontMatter.fields,
               organisation == site.site.helpContact {
                helpSection = page.page.section
            }
            let language = page.page.language
            if page.page.frontMatter.date != nil { dated[language, default: []].append(page) }
            if page.page.kind == .radio, page.audio != nil { episodes[language, default: []].append(page) }
        }
        let byPath = Dictionary(site.pages.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for language in Language.allCases {
            dated[language] = dated[language].map(Self.newestFirst)
            episodes[language] = episodes[language].map(Self.newestFirst)
            // The booklet follows the schools section's order, in the booklet's language only.
            schoolsSection[language] = sections["\(language.rawValue)/schools"]
            let order = sections["\(language.rawValue)/schools"]?.children
                .filter { $0.fallbackLanguage == nil }.map(\.path) ?? []
            schoolMaterials[language] = order.compactMap { byPath[$0] }.filter { $0.page.kind == .school }
        }
    }

    /// Newest first, then by path. Sorted by those keys alone: moving pages about is slow.
    private static func newestFirst(_ pages: [ResolvedPage]) -> [ResolvedPage] {
        let keys = pages.map { page in
            (day: page.page.frontMatter.date.map { ($0.year, $0.month, $0.day) } ?? (0, 0, 0), path: page.path)
        }
        return pages.indices.sorted { a, b in
            keys[a].day != keys[b].day ? keys[a].day > keys[b].day : keys[a].path < keys[b].path
        }.map { pages[$0] }
    }

    func atomPath(_ language: Language) -> String? {
        absolute && !(dated[language] ?? []).isEmpty ? "\(language.rawValue)/atom.xml" : nil
    }

    func podcastPath(_ language: Language) -> String? {
        absolute && !(episodes[language] ?? []).isEmpty ? "\(language.rawValue)/radio/podcast.xml" : nil
    }

    func bookletPath(_ language: Language) -> String? {
        (schoolMaterials[language] ?? []).isEmpty ? nil : "\(language.rawValue)/schools/booklet/"
    }
}
