import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoSupport
import Foundation

/// What a page is, which decides its front-matter fields and its template.
public enum PageKind: String, Sendable, CaseIterable {
    case home, section, risk, school, radio, contact, plain

    /// The kind of the pages in a section folder.
    public static func ofPages(inSection section: String) -> PageKind {
        switch section {
        case "risks": .risk
        case "schools": .school
        case "radio": .radio
        case "contact": .contact
        default: .plain
        }
    }
}

/// A content file, read and checked: its place in the site, its front matter, its Markdown.
///
/// The fields live in one shared box (`CopyOnWrite`): pages pass from stage to stage in
/// arrays of ten thousand, and copying one is then a single reference count. They are read as
/// the page's own (`page.path`), lent out of the box without a copy.
@dynamicMemberLookup
public struct Page: Sendable, Equatable {
    public struct Fields: Equatable, Sendable {
        /// `content/risks/fake-job-offers.en.md`
        public internal(set) var path: String
        /// `risks`; nil for the home page.
        public internal(set) var section: String?
        /// `fake-job-offers`; nil for a section page or the home page.
        public internal(set) var slug: String?
        public internal(set) var language: Language
        public internal(set) var kind: PageKind
        public internal(set) var frontMatter: FrontMatter
        public internal(set) var body: String
        /// The file line on which `body` starts.
        public internal(set) var bodyFirstLine: Int
        public internal(set) var markdown: MarkdownDocument
        /// For listings and the meta description: the front matter's `description`, or the
        /// first paragraph cut at a word near 160 characters. Worked out once, when the page is
        /// made: listings, feeds and the rebuild's checks of what a listing shows all read it.
        public internal(set) var summary: String
        /// The ids of the body's headings, which links to the page may name after `#`.
        public internal(set) var headingIDs: [String]
        /// True when the body shows an image (`![…](…)`): the pages whose pictures a build
        /// prepares, found without going through every link of ten thousand pages.
        public internal(set) var showsImages: Bool
        /// `risks/fake-job-offers`, `risks` or `` (home): what `@/` links name.
        public internal(set) var key: String
    }

    @usableFromInline var storage: CopyOnWrite<Fields>

    @inlinable public subscript<Value>(dynamicMember field: KeyPath<Fields, Value>) -> Value {
        _read { yield storage.value[keyPath: field] }
    }

    public init(
        path: String, section: String?, slug: String?, language: Language, kind: PageKind,
        frontMatter: FrontMatter, body: String, bodyFirstLine: Int, markdown: MarkdownDocument
    ) {
        storage = CopyOnWrite(
            Fields(
                path: path, section: section, slug: slug, language: language, kind: kind,
                frontMatter: frontMatter, body: body, bodyFirstLine: bodyFirstLine,
                markdown: markdown, summary: Self.summary(frontMatter, markdown),
                headingIDs: markdown.headings.map(\.id), showsImages: markdown.links.contains { $0.kind == .image },
                key: Self.key(section: section, slug: slug)))
    }

    static func key(section: String?, slug: String?) -> String {
        switch (section, slug) {
        case (let section?, let slug?): section + "/" + slug
        case (let section?, nil): section
        case (nil, let slug?): slug
        case (nil, nil): ""
        }
    }

    public var isListing: Bool { self.kind == .home || self.kind == .section }
}

/// All pages of the site that parsed without error, sorted by path.
public struct ParsedSite: Sendable {
    public var project: LoadedProject
    public var pages: [Page]

    public init(project: LoadedProject, pages: [Page]) {
        self.project = project
        self.pages = pages
    }
}

extension Page {
    /// A fingerprint of what a translator translates on this page (front-matter texts and the
    /// Markdown body), recorded in a translation's `translated_from` to notice later that the
    /// original changed.
    public var translationFingerprint: String {
        var fingerprint = Fingerprint()
        for text in self.frontMatter.translatableText {
            fingerprint.add(text.utf8)
            fingerprint.add([0])
        }
        fingerprint.add(self.body.withoutWhitespacesAndNewlines.utf8)
        fingerprint.add([0])
        return fingerprint.hex
    }

    static func summary(_ frontMatter: FrontMatter, _ markdown: MarkdownDocument) -> String {
        if let description = frontMatter.description { return description }
        let text = markdown.firstParagraph
        guard text.count > 160 else { return text }
        let cut = text.prefix(160)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return cut[..<end].trimmingPunctuationAndWhitespaces() + "…"
    }
}

extension Substring {
    /// `trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))`, which joined two
    /// sets and copied the text into an `NSString` for every summary. Foundation compares
    /// UTF-16 code units: a code point outside the first 65,536 ends the trimming even when
    /// the set holds it, and so it does here.
    func trimmingPunctuationAndWhitespaces() -> String {
        func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value <= 0xFFFF
                && (CharacterSet.punctuationCharacters.contains(scalar) || CharacterSet.whitespaces.contains(scalar))
        }
        var scalars = unicodeScalars[...]
        while let first = scalars.first, isTrimmed(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, isTrimmed(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
