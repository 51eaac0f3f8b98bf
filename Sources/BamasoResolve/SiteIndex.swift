import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import BamasoSupport
import Foundation

/// What resolving one page can read of the rest of the site. Each read names what it asks,
/// and `SiteIndex.answer` gives exactly the value the page then uses, no more: a link reads
/// the language and headings of its target, not the target's text. So a page is resolved
/// again only when something it used changed (see `ItemMemo`).
public enum SiteRead: Hashable, Sendable {
    /// The page a link to `key` from a page in `language` leads to: in that language, else
    /// in another.
    case target(key: String, language: Language)
    /// Whether `key` is a draft that is not published.
    case draft(String)
    /// The published key closest to a key that leads nowhere, for the error's hint.
    case suggestion(String)
    /// Whether `content/media/PATH` exists (`media/leaflet.pdf`).
    case media(String)
    /// The audio file at `content/media/PATH`, as read from the disk.
    case audio(String)
    /// The organisations of contacts.yml.
    case contacts
    /// The languages `key` is published in, in the site's order.
    case translations(String)
    /// The keys of a section's pages.
    case section(String)
    /// What a listing in `language` shows of the page `key`.
    case listed(key: String, language: Language)
    case languages
    case sections
}

/// The answer to a `SiteRead`, in the case of the same name.
public enum SiteAnswer: Equatable, Sendable {
    case target(LinkTarget?)
    case flag(Bool)
    case key(String?)
    case audio(AudioFile?)
    case contacts([String: Contact])
    case languages([Language])
    case keys([String])
    case listed(ListedPage?, weight: Int?)
}

/// Where a link leads: the language its target is published in, and the target's headings.
public struct LinkTarget: Equatable, Sendable {
    public var language: Language
    public var headings: [String]
}

/// The published pages of a build, looked up by key and language, with what else a page's
/// resolution may read (drafts, media, contacts, site.yml): the one place where the
/// resolution of a page reads anything but the page itself.
public struct SiteIndex: Sendable {
    public let project: LoadedProject
    /// The pages to publish, in the order of the parsed site.
    public let published: [Page]
    let pages: PageIndex
    /// The keys of the drafts links may not lead to (none when drafts are published).
    let drafts: Set<String>

    public init(_ parsed: ParsedSite, includeDrafts: Bool) {
        project = parsed.project
        published = includeDrafts ? parsed.pages : parsed.pages.filter { !$0.frontMatter.draft }
        pages = PageIndex(pages: published)
        drafts = includeDrafts ? [] : Set(parsed.pages.filter { $0.frontMatter.draft }.map(\.key))
    }

    public var site: SiteConfig { project.site }

    /// What `read` gets in this build.
    public func answer(_ read: SiteRead) -> SiteAnswer {
        switch read {
        case .target(let key, let language):
            return .target((pages.page(key, language) ?? pages.anyPage(key)).map { page in
                LinkTarget(language: page.language, headings: page.markdown.headings.map(\.id))
            })
        case .draft(let key): return .flag(drafts.contains(key))
        case .suggestion(let key): return .key(Suggestion.closest(to: key, in: pages.allKeys))
        case .media(let path): return .flag(project.media[path] != nil)
        case .audio(let path): return .audio(project.media[path].flatMap { AudioFile.read($0, path: path) })
        case .contacts: return .contacts(project.contacts)
        case .translations(let key):
            return .languages(site.languages.filter { pages.page(key, $0) != nil })
        case .section(let section): return .keys(pages.keys(inSection: section))
        case .listed(let key, let language):
            guard let target = pages.page(key, language) ?? pages.anyPage(key) else { return .listed(nil, weight: nil) }
            let listed = ListedPage(
                key: key, path: pages.path(of: key, in: target.language), title: target.frontMatter.title,
                summary: target.summary, date: target.frontMatter.date, kind: target.kind,
                fallbackLanguage: target.language == language ? nil : target.language)
            return .listed(listed, weight: pages.anyPage(key)?.frontMatter.weight)
        case .languages: return .languages(site.languages)
        case .sections: return .keys(site.sections)
        }
    }

    /// `rw/`, `rw/risks/`, `rw/risks/fake-job-offers/`.
    public static func path(of key: String, in language: Language) -> String {
        key.isEmpty ? "\(language.rawValue)/" : "\(language.rawValue)/\(key)/"
    }
}

/// The index as one page's resolution sees it: each accessor records its read in the page's
/// log, if it has one.
struct SiteReader {
    let index: SiteIndex
    let log: ReadLog<SiteRead, SiteAnswer>?

    private func ask(_ read: SiteRead) -> SiteAnswer { log.answer(read, with: index.answer) }

    func target(_ key: String, from language: Language) -> LinkTarget? {
        guard case .target(let target) = ask(.target(key: key, language: language)) else { unexpected() }
        return target
    }

    func isDraft(_ key: String) -> Bool { flag(.draft(key)) }

    func suggestion(for key: String) -> String? {
        guard case .key(let key) = ask(.suggestion(key)) else { unexpected() }
        return key
    }

    func mediaExists(_ path: String) -> Bool { flag(.media(path)) }

    func audio(_ path: String) -> AudioFile? {
        guard case .audio(let audio) = ask(.audio(path)) else { unexpected() }
        return audio
    }

    var contacts: [String: Contact] {
        guard case .contacts(let contacts) = ask(.contacts) else { unexpected() }
        return contacts
    }

    func translations(of key: String) -> [Language] { languages(.translations(key)) }
    var languages: [Language] { languages(.languages) }
    var sections: [String] { keys(.sections) }
    func keys(inSection section: String) -> [String] { keys(.section(section)) }

    func listed(_ key: String, in language: Language) -> (page: ListedPage?, weight: Int?) {
        guard case .listed(let page, let weight) = ask(.listed(key: key, language: language)) else { unexpected() }
        return (page, weight)
    }

    private func flag(_ read: SiteRead) -> Bool {
        guard case .flag(let value) = ask(read) else { unexpected() }
        return value
    }

    private func languages(_ read: SiteRead) -> [Language] {
        guard case .languages(let languages) = ask(read) else { unexpected() }
        return languages
    }

    private func keys(_ read: SiteRead) -> [String] {
        guard case .keys(let keys) = ask(read) else { unexpected() }
        return keys
    }

    /// `SiteIndex.answer` answers each read in the case of the same name.
    private func unexpected() -> Never { preconditionFailure("SiteIndex.answer gave another kind of answer") }
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

    var allKeys: Dictionary<String, [Language: Int]>.Keys { byKey.keys }

    func keys(inSection section: String) -> [String] { bySection[section] ?? [] }

    func path(of key: String, in language: Language) -> String { SiteIndex.path(of: key, in: language) }
}
