import BamasoDiagnostics
import BamasoImages
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
    /// The file at `content/media/PATH` that a link offers for download: its size, type and,
    /// for a PDF, pages, as read from the disk.
    case download(String)
    /// The image at `content/media/PATH` as published (variants, size, or problem); the 1200x630
    /// picture made from it for shared links; the `image:` of the page `key` in `language`, else
    /// in the default language, as written.
    case image(String)
    case sharingImage(String)
    case pageImage(key: String, language: Language)
    /// The organisations of contacts.yml.
    case contacts
    /// The languages `key` is published in, as places in the site's list of languages.
    case translations(String)
    /// The keys of a section's pages.
    case section(String)
    /// The page a listing in `language` shows for `key` (in that language, else in another),
    /// and the page whose weight orders it (the default language's).
    case listed(key: String, language: Language)
    case languages
    case sections
}

extension SiteRead {
    /// The key whose published pages alone decide the answer, for the reads where one does
    /// (`ItemMemo` asks them again only when a page of that key changed, came or went). Not
    /// `draft`: a draft is no published page, and deleting one changes its answer.
    public var scope: String? {
        switch self {
        case .target(let key, _), .listed(let key, _), .translations(let key), .pageImage(let key, _): key
        case .draft, .suggestion, .media, .audio, .download, .image, .sharingImage, .contacts, .section, .languages,
            .sections:
            nil
        }
    }
}

/// The answer to a `SiteRead`, in the case of the same name.
public enum SiteAnswer: Equatable, Sendable {
    case target(LinkTarget?)
    case flag(Bool)
    case key(String?)
    case audio(AudioFile?)
    case download(Download?)
    case image(PublishedImage?)
    case sharingImage(SharingImage?)
    case contacts([String: Contact])
    case languages([Language])
    case keys([String])
    case places(UInt64)
    case pages(shown: Page?, weighed: Page?)
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
    /// What counts a linked PDF's pages.
    let pageCounter: PDFPageCounter
    /// What publishes images, and with what budget.
    let images: ImageStore
    public let imageSettings: ImageSettings

    public init(
        _ parsed: ParsedSite, includeDrafts: Bool, pageCounter: PDFPageCounter = .installed, images: ImageStore? = nil
    ) {
        project = parsed.project
        self.pageCounter = pageCounter
        self.images = images ?? .temporary
        imageSettings = ImageSettings(phoneBudget: parsed.project.site.phoneBudgetKB * 1024)
        published = includeDrafts ? parsed.pages : parsed.pages.filter { !$0.frontMatter.draft }
        pages = PageIndex(pages: published)
        drafts = includeDrafts ? [] : Set(parsed.pages.filter { $0.frontMatter.draft }.map(\.key))
    }

    public var site: SiteConfig { project.site }

    /// What `read` gets in this build.
    public func answer(_ read: SiteRead) -> SiteAnswer {
        switch read {
        case .target(let key, let language):
            return .target(
                pages.page(key, preferring: language).map { page in
                    LinkTarget(language: page.language, headings: page.headingIDs)
                })
        case .draft(let key): return .flag(drafts.contains(key))
        case .suggestion(let key): return .key(Suggestion.closest(to: key, in: pages.allKeys))
        case .media(let path): return .flag(project.media[path] != nil)
        case .audio(let path): return .audio(project.media[path].flatMap { AudioFile.read($0, path: path) })
        case .download(let path):
            return .download(project.media[path].map { Download.read($0, path: path, counter: pageCounter) })
        case .image, .sharingImage, .pageImage: return imageAnswer(read)
        case .contacts: return .contacts(project.contacts)
        case .translations(let key):
            return .places(pages.places(of: key, in: site.languages))
        case .section(let section): return .keys(pages.keys(inSection: section))
        case .listed(let key, let language):
            return .pages(shown: pages.page(key, preferring: language), weighed: pages.anyPage(key))
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

    func ask(_ read: SiteRead) -> SiteAnswer { log.answer(read, with: index.answer) }

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

    func download(_ path: String) -> Download? {
        guard case .download(let download) = ask(.download(path)) else { unexpected() }
        return download
    }

    var contacts: [String: Contact] {
        guard case .contacts(let contacts) = ask(.contacts) else { unexpected() }
        return contacts
    }

    func translations(of key: String) -> [Language] {
        guard case .places(let places) = ask(.translations(key)) else { unexpected() }
        return languages.enumerated().filter { places & (1 << UInt64($0.offset)) != 0 }.map(\.element)
    }

    var languages: [Language] { languages(.languages) }
    var sections: [String] { keys(.sections) }
    func keys(inSection section: String) -> [String] { keys(.section(section)) }

    /// What a listing in `language` shows of the page `key`, and the weight that orders it.
    func listed(_ key: String, in language: Language) -> (page: ListedPage?, weight: Int?) {
        guard case .pages(let shown, let weighed) = ask(.listed(key: key, language: language)) else { unexpected() }
        guard let target = shown else { return (nil, nil) }
        let listed = ListedPage(
            key: key, path: SiteIndex.path(of: key, in: target.language), title: target.frontMatter.title,
            summary: target.summary, date: target.frontMatter.date, kind: target.kind,
            fallbackLanguage: target.language == language ? nil : target.language)
        return (listed, weighed?.frontMatter.weight)
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
    func unexpected() -> Never { preconditionFailure("SiteIndex.answer gave another kind of answer") }
}

/// Looks pages up by key and language in constant time.
///
/// A key is hashed once per look-up: it names a row of `slots`, which holds the position of
/// the key's page in each language (in the order of `Language.allCases`), or -1. The preview
/// asks the index tens of thousands of questions after every save (`ItemMemo`), so each costs
/// one hash, and building it allocates nothing per key.
struct PageIndex {
    var pages: [Page]
    private var rows: [String: Int] = [:]
    private var slots: [Int] = []
    /// Every key, in the order of `pages`.
    private var keys: [String] = []
    private var bySection: [String: [String]] = [:]
    private static let languages = Language.allCases

    init(pages: [Page]) {
        self.pages = pages
        let width = Self.languages.count
        rows.reserveCapacity(pages.count)
        for (position, page) in pages.enumerated() {
            let key = page.key
            let row: Int
            if let existing = rows[key] {
                row = existing
            } else {
                row = keys.count
                rows[key] = row
                keys.append(key)
                slots += repeatElement(-1, count: width)
                if let section = page.section, page.slug != nil { bySection[section, default: []].append(key) }
            }
            slots[row * width + Self.column(page.language)] = position
        }
    }

    private static func column(_ language: Language) -> Int {
        languages.firstIndex(of: language)!
    }

    func page(_ key: String, _ language: Language) -> Page? {
        guard let row = rows[key] else { return nil }
        return page(row: row, column: Self.column(language))
    }

    private func page(row: Int, column: Int) -> Page? {
        let position = slots[row * Self.languages.count + column]
        return position < 0 ? nil : pages[position]
    }

    /// The page in `language`, else in any language, the default language first.
    func page(_ key: String, preferring language: Language) -> Page? {
        guard let row = rows[key] else { return nil }
        return page(row: row, column: Self.column(language)) ?? anyPage(row: row)
    }

    /// The page in any language, the default language first.
    func anyPage(_ key: String) -> Page? {
        rows[key].flatMap(anyPage(row:))
    }

    private func anyPage(row: Int) -> Page? {
        Self.languages.indices.lazy.compactMap { page(row: row, column: $0) }.first
    }

    /// The languages `key` exists in, as bits by place in `languages`.
    func places(of key: String, in languages: [Language]) -> UInt64 {
        guard let row = rows[key] else { return 0 }
        var places: UInt64 = 0
        for (place, language) in languages.enumerated() where page(row: row, column: Self.column(language)) != nil {
            places |= 1 << UInt64(place)
        }
        return places
    }

    var allKeys: [String] { keys }

    func keys(inSection section: String) -> [String] { bySection[section] ?? [] }

    func path(of key: String, in language: Language) -> String { SiteIndex.path(of: key, in: language) }
}
