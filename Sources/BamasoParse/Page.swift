import Foundation
import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown

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
/// The fields live in one shared box, copied only when a copy is changed: pages pass from
/// stage to stage in arrays of ten thousand, and copying a page is then one reference count
/// instead of one for each of its strings and arrays. Two copies of one page compare equal at
/// once.
public struct Page: Sendable, Equatable {
    @usableFromInline struct Fields: Equatable {
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

    @usableFromInline final class Storage: @unchecked Sendable {
        // Safe because it is changed only through `fields`, when no other page shares it.
        @usableFromInline var fields: Fields

        @usableFromInline init(_ fields: Fields) {
            self.fields = fields
        }
    }

    @usableFromInline var storage: Storage

    /// Read in place, and copied before a change when another page shares it. (`_read` and
    /// `_modify` lend the value instead of copying it: reading `page.frontMatter.date` copies
    /// nothing.)
    @usableFromInline var fields: Fields {
        @inlinable _read { yield storage.fields }
        @inlinable _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            yield &storage.fields
        }
    }

    /// `content/risks/fake-job-offers.en.md`
    public var path: String {
        @inlinable _read { yield fields.path }
        @inlinable _modify { yield &fields.path }
    }
    /// `risks`; nil for the home page.
    public var section: String? {
        @inlinable _read { yield fields.section }
        @inlinable _modify { yield &fields.section }
    }
    /// `fake-job-offers`; nil for a section page or the home page.
    public var slug: String? {
        @inlinable _read { yield fields.slug }
        @inlinable _modify { yield &fields.slug }
    }
    public var language: Language {
        @inlinable _read { yield fields.language }
        @inlinable _modify { yield &fields.language }
    }
    public var kind: PageKind {
        @inlinable _read { yield fields.kind }
        @inlinable _modify { yield &fields.kind }
    }
    public var frontMatter: FrontMatter {
        @inlinable _read { yield fields.frontMatter }
        @inlinable _modify { yield &fields.frontMatter }
    }
    public var body: String {
        @inlinable _read { yield fields.body }
        @inlinable _modify { yield &fields.body }
    }
    /// The file line on which `body` starts.
    public var bodyFirstLine: Int {
        @inlinable _read { yield fields.bodyFirstLine }
        @inlinable _modify { yield &fields.bodyFirstLine }
    }
    public var markdown: MarkdownDocument {
        @inlinable _read { yield fields.markdown }
        @inlinable _modify { yield &fields.markdown }
    }

    public init(
        path: String, section: String?, slug: String?, language: Language, kind: PageKind,
        frontMatter: FrontMatter, body: String, bodyFirstLine: Int, markdown: MarkdownDocument
    ) {
        storage = Storage(Fields(path: path, section: section, slug: slug, language: language, kind: kind,
                                 frontMatter: frontMatter, body: body, bodyFirstLine: bodyFirstLine, markdown: markdown))
    }

    @inlinable public static func == (lhs: Page, rhs: Page) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
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

