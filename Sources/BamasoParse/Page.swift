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
/// arrays of ten thousand, and copying one is then a single reference count.
public struct Page: Sendable, Equatable {
    @usableFromInline struct Fields: Equatable, Sendable {
        @usableFromInline var path: String
        @usableFromInline var section: String?
        @usableFromInline var slug: String?
        @usableFromInline var language: Language
        @usableFromInline var kind: PageKind
        @usableFromInline var frontMatter: FrontMatter
        @usableFromInline var body: String
        @usableFromInline var bodyFirstLine: Int
        @usableFromInline var markdown: MarkdownDocument
    }

    @usableFromInline var fields: CopyOnWrite<Fields>

    /// `content/risks/fake-job-offers.en.md`
    public var path: String {
        @inlinable _read { yield fields.value.path }
        @inlinable _modify { yield &fields.value.path }
    }
    /// `risks`; nil for the home page.
    public var section: String? {
        @inlinable _read { yield fields.value.section }
        @inlinable _modify { yield &fields.value.section }
    }
    /// `fake-job-offers`; nil for a section page or the home page.
    public var slug: String? {
        @inlinable _read { yield fields.value.slug }
        @inlinable _modify { yield &fields.value.slug }
    }
    public var language: Language {
        @inlinable _read { yield fields.value.language }
        @inlinable _modify { yield &fields.value.language }
    }
    public var kind: PageKind {
        @inlinable _read { yield fields.value.kind }
        @inlinable _modify { yield &fields.value.kind }
    }
    public var frontMatter: FrontMatter {
        @inlinable _read { yield fields.value.frontMatter }
        @inlinable _modify { yield &fields.value.frontMatter }
    }
    public var body: String {
        @inlinable _read { yield fields.value.body }
        @inlinable _modify { yield &fields.value.body }
    }
    /// The file line on which `body` starts.
    public var bodyFirstLine: Int {
        @inlinable _read { yield fields.value.bodyFirstLine }
        @inlinable _modify { yield &fields.value.bodyFirstLine }
    }
    public var markdown: MarkdownDocument {
        @inlinable _read { yield fields.value.markdown }
        @inlinable _modify { yield &fields.value.markdown }
    }

    public init(
        path: String, section: String?, slug: String?, language: Language, kind: PageKind,
        frontMatter: FrontMatter, body: String, bodyFirstLine: Int, markdown: MarkdownDocument
    ) {
        fields = CopyOnWrite(Fields(path: path, section: section, slug: slug, language: language, kind: kind,
                                 frontMatter: frontMatter, body: body, bodyFirstLine: bodyFirstLine, markdown: markdown))
    }


    /// `risks/fake-job-offers`, `risks` or `` (home): what `@/` links name.
    public var key: String {
        switch (section, slug) {
        case let (section?, slug?): section + "/" + slug
        case let (section?, nil): section
        case let (nil, slug?): slug
        case (nil, nil): ""
        }
    }

    public var isListing: Bool { kind == .home || kind == .section }
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
        for text in frontMatter.translatableText {
            fingerprint.add(text.utf8)
            fingerprint.add([0])
        }
        fingerprint.add(body.withoutWhitespacesAndNewlines.utf8)
        fingerprint.add([0])
        return fingerprint.hex
    }

    /// For listings and the meta description: the front matter's `description`, or the
    /// first paragraph cut at a word near 160 characters.
    public var summary: String {
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

