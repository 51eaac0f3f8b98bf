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
        // One pass over the pages, which keeps only what the plan needs: a rebuild after one
        // saved page makes the plan anew, so it must cost little beside ten thousand pages.
        var dated: [Language: [Dated]] = [:]
        var episodes: [Language: [Dated]] = [:]
        // School materials by site path, for the booklets' chapters (the first page of a path).
        var schools: [String: ResolvedPage] = [:]
        for page in site.pages {
            let language = page.page.language
            let kind = page.page.kind
            if helpSection == nil, kind == .contact, case .contact(let organisation, _) = page.page.frontMatter.fields,
                organisation == site.site.helpContact
            {
                helpSection = page.page.section
            }
            if kind == .section, page.page.section == "schools", schoolsSection[language] == nil {
                schoolsSection[language] = page
            }
            if kind == .school, schools[page.path] == nil { schools[page.path] = page }
            // Only feeds list dated pages and episodes, and feeds need the site's address.
            guard absolute else { continue }
            let date = page.page.frontMatter.date
            if date != nil { dated[language, default: []].append(Dated(page, date)) }
            if kind == .radio, page.audio != nil { episodes[language, default: []].append(Dated(page, date)) }
        }
        self.dated = dated.mapValues(Self.newestFirst)
        self.episodes = episodes.mapValues(Self.newestFirst)
        // The booklet follows the schools section's order, in the booklet's language only.
        for (language, section) in schoolsSection {
            let order = section.children.filter { $0.fallbackLanguage == nil && $0.kind == .school }.map(\.path)
            guard !order.isEmpty else { continue }
            schoolMaterials[language] = order.compactMap { schools[$0] }
        }
    }

    /// A page with its date as a key to sort by; no date sorts last.
    private struct Dated {
        var day: (Int, Int, Int)
        var page: ResolvedPage

        init(_ page: ResolvedPage, _ date: Day?) {
            day = date.map { ($0.year, $0.month, $0.day) } ?? (0, 0, 0)
            self.page = page
        }
    }

    /// Newest first, then by path.
    private static func newestFirst(_ pages: [Dated]) -> [ResolvedPage] {
        pages.sorted { a, b in
            a.day != b.day ? a.day > b.day : a.page.path < b.page.path
        }.map(\.page)
    }

    func atomPath(_ language: Language) -> String? {
        !(dated[language] ?? []).isEmpty ? "\(language.code)/atom.xml" : nil
    }

    func podcastPath(_ language: Language) -> String? {
        !(episodes[language] ?? []).isEmpty ? "\(language.code)/radio/podcast.xml" : nil
    }

    func bookletPath(_ language: Language) -> String? {
        (schoolMaterials[language] ?? []).isEmpty ? nil : "\(language.code)/schools/booklet/"
    }
}
