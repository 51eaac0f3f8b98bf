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
    /// The picture of the first page of the PDF at `content/media/PATH`, which a link asks for.
    case thumbnail(String)
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
        case .draft, .suggestion, .media, .audio, .download, .thumbnail, .image, .sharingImage, .contacts, .section,
            .languages, .sections:
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
    case thumbnail(PDFThumbnailer.Outcome?)
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
    /// What draws a PDF's first page, for a link that asks for it.
    let thumbnailer: PDFThumbnailer
    /// What publishes images, and with what budget.
    let images: ImageStore
    public let imageSettings: ImageSettings

    public init(
        _ parsed: ParsedSite, includeDrafts: Bool, pageCounter: PDFPageCounter = .installed,
        thumbnailer: PDFThumbnailer = .installed, images: ImageStore? = nil
    ) {
        project = parsed.project
        // The pages of one build share what they find out about PDFs, whatever the caller keeps.
        var (pageCounter, thumbnailer) = (pageCounter, thumbnailer)
        if pageCounter.readings == nil { pageCounter.readings = FileReadings() }
        if thumbnailer.readings == nil { thumbnailer.readings = FileReadings() }
        self.pageCounter = pageCounter
        self.thumbnailer = thumbnailer
        self.images = images ?? .temporary
        imageSettings = ImageSettings(phoneBudget: parsed.project.site.phoneBudgetKB * 1024)
        published = includeDrafts ? parsed.pages : parsed.pages.filter { !$0.frontMatter.draft }
        pages = PageIndex(pages: published, site: parsed.project.site)
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
        case .thumbnail(let path): return .thumbnail(project.media[path].map { thumbnail(of: $0, path: path) })
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
        key.isEmpty ? "\(language.code)/" : "\(language.code)/\(key)/"
    }
}

/// The index as one page's resolution sees it: each accessor records its read in the page's
/// log, if it has one.
struct SiteReader {
    let index: SiteIndex
    let log: ReadLog<SiteRead, SiteAnswer>?

    // A closure, not `index.answer`: that would copy the index, twenty references, at every read.
    func ask(_ read: SiteRead) -> SiteAnswer { log.answer(read) { index.answer($0) } }

    func target(_ key: String, from language: Language) -> LinkTarget? {
        if case .target(let target) = ask(.target(key: key, language: language)) { target } else { unexpected() }
    }

    func isDraft(_ key: String) -> Bool { flag(.draft(key)) }

    func suggestion(for key: String) -> String? {
        if case .key(let key) = ask(.suggestion(key)) { key } else { unexpected() }
    }

    func mediaExists(_ path: String) -> Bool { flag(.media(path)) }

    func audio(_ path: String) -> AudioFile? {
        if case .audio(let audio) = ask(.audio(path)) { audio } else { unexpected() }
    }

    func download(_ path: String) -> Download? {
        if case .download(let download) = ask(.download(path)) { download } else { unexpected() }
    }

    func thumbnail(_ path: String) -> PDFThumbnailer.Outcome? {
        if case .thumbnail(let outcome) = ask(.thumbnail(path)) { outcome } else { unexpected() }
    }

    var contacts: [String: Contact] {
        if case .contacts(let contacts) = ask(.contacts) { contacts } else { unexpected() }
    }

    func translations(of key: String) -> [Language] {
        guard case .places(let places) = ask(.translations(key)) else { unexpected() }
        return languages.enumerated().filter { places & (1 << UInt64($0.offset)) != 0 }.map(\.element)
    }

    var languages: [Language] {
        if case .languages(let languages) = ask(.languages) { languages } else { unexpected() }
    }
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

    private func keys(_ read: SiteRead) -> [String] {
        guard case .keys(let keys) = ask(read) else { unexpected() }
        return keys
    }

    /// `SiteIndex.answer` answers each read in the case of the same name.
    func unexpected() -> Never { preconditionFailure("SiteIndex.answer gave another kind of answer") }
}
