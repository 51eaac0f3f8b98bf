import Foundation

/// What the pipeline needs to know about a Markdown body, as plain Swift values, and what
/// `Markdown.render` needs to write it.
///
/// Lines are lines of the whole file (the caller says where the body starts), columns count
/// characters. Nothing here refers to cmark. The rest of the site answers for a link or a
/// component by its index in `links` or `components`.
public struct MarkdownDocument: Sendable, Equatable {
    /// The Markdown this is the scan of.
    public internal(set) var source: String = ""
    public var links: [MarkdownLink] = []
    public var headings: [MarkdownHeading] = []
    public var components: [MarkdownComponent] = []
    /// Plain text of the first top-level paragraph, or "" when there is none.
    public var firstParagraph: String = ""
    /// Words in the text (not counting code), for translation coverage and reading time.
    public var wordCount: Int = 0
    /// HTML written into the text, which safe mode leaves out of the page.
    public var rawHTML: [MarkdownHTML] = []
    /// The body's HTML with slots for what rendering decides, so rendering needs no second
    /// parse; nil for a body that cannot be prepared, which is then rendered from its tree.
    public internal(set) var preparedHTML: PreparedHTML?

    public init() {}
}

/// A piece of raw HTML in Markdown: a block (`<div>`) or inline (`<b>`).
public struct MarkdownHTML: Sendable, Equatable {
    public var text: String
    public var line: Int
    public var column: Int

    public init(text: String, line: Int, column: Int) {
        self.text = text
        self.line = line
        self.column = column
    }

    /// `<!-- a note for other editors -->`: meant not to be published, and it is not.
    public var isComment: Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("<!--") && trimmed.hasSuffix("-->")
    }
}

/// A link or image destination, exactly as the editor wrote it.
public struct MarkdownLink: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case link, image }
    public var kind: Kind
    public var destination: String
    /// The link text, or an image's description (its `alt` text), as plain text.
    public var text: String
    public var line: Int
    public var column: Int
    /// The title after the destination: `[Leaflet](/media/leaflet.pdf "thumbnail")`,
    /// `![](/media/a.png "decorative")`; or "".
    public var title: String

    public init(kind: Kind, destination: String, text: String, line: Int, column: Int, title: String = "") {
        self.kind = kind
        self.destination = destination
        self.text = text
        self.line = line
        self.column = column
        self.title = title
    }

    /// An image marked as decorative, which screen readers skip: `![](/media/a.png "decorative")`.
    public var isDecorative: Bool {
        kind == .image && title.trimmingCharacters(in: .whitespaces).lowercased() == "decorative"
    }
}

public struct MarkdownHeading: Sendable, Equatable {
    public var level: Int
    public var text: String
    /// The `id` attribute the heading gets, unique within the page.
    public var id: String
    public var line: Int

    public init(level: Int, text: String, id: String, line: Int) {
        self.level = level
        self.text = text
        self.id = id
        self.line = line
    }
}

/// A fenced code block with an info string: `` ```table People reached ``.
public struct MarkdownComponent: Sendable, Equatable {
    /// First word of the info string (`table`).
    public var name: String
    /// The rest of the info string, trimmed (`People reached`).
    public var arguments: String
    /// The text between the fences.
    public var body: String
    /// Line and column of the opening fence.
    public var line: Int
    public var column: Int
    /// The scan of `body`, for a component whose body is Markdown (a callout; see
    /// `Markdown.scan`); nil for the others.
    public var document: MarkdownDocument?

    /// Line of the first line inside the fence.
    public var bodyFirstLine: Int { line + 1 }

    public init(
        name: String, arguments: String, body: String, line: Int, column: Int, document: MarkdownDocument? = nil
    ) {
        self.name = name
        self.arguments = arguments
        self.body = body
        self.line = line
        self.column = column
        self.document = document
    }
}
