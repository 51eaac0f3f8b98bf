import BamasoDiagnostics
import BamasoImages
import BamasoLoad
import BamasoMarkdown
import BamasoParse
import BamasoSupport

/// A page with everything it refers to worked out: its address, its translations, where each
/// of its links leads, its components, and, for a listing, the pages it lists.
///
/// The fields live in one shared box (`CopyOnWrite`), and are read and changed as the page's
/// own (`resolved.path`), as `Page`'s are.
@dynamicMemberLookup
public struct ResolvedPage: Sendable, Equatable {
    public struct Fields: Equatable, Sendable {
        public var page: Page
        /// Path from the site root, without a leading slash: `rw/risks/fake-job-offers/`.
        public var path: String
        /// The same page in each language it exists in (this one included).
        public var alternates: [Language: String]
        /// Where each link of `page.markdown.links` leads, at the same index: nil for a link
        /// that is not an `@/` or media address, or that leads nowhere.
        public var links: [ResolvedLink?]
        /// What each component of `page.markdown.components` shows, at the same index; nil for
        /// one that has an error.
        public var components: [ResolvedComponent?]
        /// For a section page, its pages in order; for the home page, the sections.
        public var children: [ListedPage]
        /// A radio show's recording, from its front matter's `audio`.
        public var audio: AudioFile?
        /// The picture at the top of the page, from its front matter's `image`.
        public var image: PageImage?
        /// The picture shown where the page is shared: from its `image`, else its section's,
        /// else site.yml's.
        public var sharing: SharingImage?
        /// True when a link of the body or of a callout leads into `content/media/` (a
        /// download, a picture, a PDF's thumbnail): the pages the render stage looks through
        /// for the media files to publish, a few among ten thousand at every preview rebuild.
        public var linksToMedia = false
    }

    @usableFromInline var storage: CopyOnWrite<Fields>

    @inlinable public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        _read { yield storage.value[keyPath: field] }
        _modify { yield &storage.value[keyPath: field] }
    }

    public init(
        page: Page, path: String, alternates: [Language: String] = [:], links: [ResolvedLink?] = [],
        components: [ResolvedComponent?] = [], children: [ListedPage] = []
    ) {
        storage = CopyOnWrite(
            Fields(
                page: page, path: path, alternates: alternates, links: links, components: components,
                children: children, audio: nil, image: nil, sharing: nil))
    }
}

public struct ResolvedLink: Sendable, Equatable {
    /// Path from the site root: `en/risks/fake-job-offers/` or `media/leaflet.pdf`.
    public var path: String
    /// `#warning-signs`, without the `#`.
    public var fragment: String?
    /// Set when the page does not exist in the linking page's language, so the link leads to
    /// its translation in this language.
    public var fallbackLanguage: Language?
    /// For a link (not an image) to a file in `content/media/`, what its label says of it.
    public var download: Download?
    /// For a link to a PDF that asks for it (`"thumbnail"` as its title), the picture of the
    /// first page shown after it.
    public var thumbnail: PDFThumbnail?
    /// For an image of `content/media/` published as a picture, its variants.
    public var image: PublishedImage?

    public init(
        path: String, fragment: String? = nil, fallbackLanguage: Language? = nil, download: Download? = nil,
        thumbnail: PDFThumbnail? = nil, image: PublishedImage? = nil
    ) {
        self.path = path
        self.fragment = fragment
        self.fallbackLanguage = fallbackLanguage
        self.download = download
        self.thumbnail = thumbnail
        self.image = image
    }
}

/// A page's own picture (front matter `image:`), with its description: "" for a decorative one.
public struct PageImage: Sendable, Equatable {
    public var image: PublishedImage
    public var alt: String
}

/// A page as a listing shows it.
public struct ListedPage: Sendable, Equatable {
    public var key: String
    public var path: String
    public var title: String
    public var summary: String
    public var date: Day?
    public var kind: PageKind
    /// The page's language when it differs from the listing's (a missing translation).
    public var fallbackLanguage: Language?
}

public enum ResolvedComponent: Sendable, Equatable {
    case table(caption: String, header: [String], rows: [[String]])
    case contact(Contact)
    /// `body` is the callout's text as scanned with its page; `links` tells where each of its
    /// links leads, as `ResolvedPage.links` does for the page's.
    case callout(kind: String, title: String, body: MarkdownDocument, links: [ResolvedLink?])
    case audio(AudioFile)
}

/// A menu entry: a section in one language.
public struct SectionLink: Sendable, Equatable {
    public var section: String
    public var title: String
    public var path: String
    /// The language the section's page is shown in, when it has none in the menu's language.
    public var fallbackLanguage: Language?

    public init(section: String, title: String, path: String, fallbackLanguage: Language? = nil) {
        self.section = section
        self.title = title
        self.path = path
        self.fallbackLanguage = fallbackLanguage
    }
}

public struct ResolvedSite: Sendable {
    public var project: LoadedProject
    /// Every page that is published, in a stable order (by path).
    public var pages: [ResolvedPage]
    /// The menu of each language.
    public var menus: [Language: [SectionLink]]
    /// Where each published page stands in each language.
    public var translations: TranslationReport

    public var site: SiteConfig { project.site }
}
