import BamasoLoad
import BamasoParse
import BamasoResolve
import BamasoSupport

/// What rendering one item (a page, a language's booklet) reads of the rest of the site,
/// besides the item itself. `Renderer`'s accessors record each read where it is made, so a
/// rebuild renders an item again only when one of its reads is answered differently.
public enum RenderRead: Hashable, Sendable {
    /// The templates and the interface strings.
    case theme
    /// site.yml.
    case site
    /// How addresses are written: the base URL, `--portable`, the published names of the
    /// stylesheet and scripts.
    case addresses
    /// The menu of a language.
    case menu(Language)
    /// contacts.yml.
    case contacts
    /// Where the feeds and the booklet of a language are, and the help section.
    case feeds(Language)
    /// The translation state of the page at `path`, whose key is `key`.
    case translation(key: String, path: String)
    /// The pages of a language's booklet: the schools section and its materials.
    case booklet(Language)

    /// The key of the pages that alone decide the answer, if there is one (see `ItemMemo`).
    public var scope: String? {
        if case .translation(let key, _) = self { key } else { nil }
    }
}

/// The answer to a `RenderRead`, in the case of the same name.
public enum RenderAnswer: Equatable, Sendable {
    case theme(Theme)
    case site(SiteConfig)
    case addresses(URLBuilder, assets: [String: String])
    case menu([SectionLink])
    case contacts([String: Contact])
    case feeds(FeedLinks)
    case translation(TranslationState?)
    case booklet(section: ResolvedPage?, chapters: [ResolvedPage])
}

/// Where the files of a language that pages link to are published, when they exist.
public struct FeedLinks: Equatable, Sendable {
    public var atom: String?
    public var podcast: String?
    public var booklet: String?
    /// The section holding the help contact's page, for the help strip's link.
    public var helpSection: String?
}

/// What the notice on a draft or outdated translation says of a page.
public struct TranslationState: Equatable, Sendable {
    var state: TranslationReport.State
    var isDraft: Bool
    /// The original's site path (`en/risks/fake-job-offers/`) and language.
    var originalPath: String
    var originalLanguage: Language
}

/// The one environment every part of the render stage renders in: the resolved site, the
/// theme, the addresses and what is worked out once per build from all pages (the feed plan,
/// the translation states). It answers a `RenderRead`; it keeps nothing between builds.
public struct RenderEnvironment: Sendable {
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
    let theme: Theme
    let urls: URLBuilder
    let feeds: FeedPlan
    let assets: Assets
    /// Each published page's translation state, by the page's file path; empty unless site.yml
    /// asks for notices.
    let translationStates: [String: TranslationState]
    let dates = DateFormat()
    /// Values many pages of this build share (see `ValueCache`).
    let telephoneURIs = ValueCache<String, String>()
    let organisationsJSON = ValueCache<OrganisationKey, String>()
    let pageGroups = ValueCache<PageGroup, PageGroupValues>()

    public init(site: ResolvedSite, theme: Theme, options: Options) {
        self.site = site
        self.theme = theme
        urls = URLBuilder(baseURL: options.baseURL ?? site.site.baseURL, portable: options.portable)
        feeds = FeedPlan(site: site, urls: urls)
        assets = Assets(site.project.staticFiles)
        var states: [String: TranslationState] = [:]
        // Only the notices on draft and outdated translations show them.
        if site.site.translationNotices {
            let sitePaths = Dictionary(
                site.pages.map { ($0.page.path, $0.path) }, uniquingKeysWith: { first, _ in first })
            for entry in site.translations.entries {
                guard let original = entry.statuses[entry.source], let originalPath = sitePaths[original.path] else {
                    continue
                }
                for status in entry.statuses.values where status.state != .missing {
                    states[status.path] = TranslationState(
                        state: status.state, isDraft: status.isDraft, originalPath: originalPath,
                        originalLanguage: entry.source)
                }
            }
        }
        translationStates = states
    }

    public func answer(_ read: RenderRead) -> RenderAnswer {
        switch read {
        case .theme: .theme(theme)
        case .site: .site(site.site)
        case .addresses: .addresses(urls, assets: assets.published)
        case .menu(let language): .menu(site.menus[language] ?? [])
        case .contacts: .contacts(site.project.contacts)
        case .feeds(let language):
            .feeds(
                FeedLinks(
                    atom: feeds.atomPath(language), podcast: feeds.podcastPath(language),
                    booklet: feeds.bookletPath(language), helpSection: feeds.helpSection))
        case .translation(_, let path): .translation(translationStates[path])
        case .booklet(let language):
            .booklet(section: feeds.schoolsSection[language], chapters: feeds.schoolMaterials[language] ?? [])
        }
    }

    /// An organisation's JSON-LD without its page's address, by organisation and language.
    struct OrganisationKey: Hashable, Sendable {
        var id: String
        var language: Language
    }

    /// Pages of one language and section, which share the values of `Renderer.sharedValues`.
    struct PageGroup: Hashable, Sendable {
        var language: Language
        var section: String?
    }

    /// What a group's pages share (when links do not depend on the page: not `--portable`),
    /// the theme with it rendered in, and the reads that took.
    struct PageGroupValues: @unchecked Sendable {
        // Unchecked because of `shared`: strings, numbers, arrays, `TemplateValues` and
        // `StringTable` (itself Sendable), none of them changed once made.
        var shared: TemplateValues
        var templates: TemplateSet
        var reads: [(read: RenderRead, answer: RenderAnswer)]
    }
}
