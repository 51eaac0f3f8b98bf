import BamasoDiagnostics
import BamasoSupport
import CCmark
import Foundation

/// The only door to libcmark, with `Scanner`, `TreeRenderer` and `TreeMemory`: every `cmark_node` is created
/// and freed in this module, and callers get Swift values (`MarkdownDocument`) and HTML strings.
///
/// Safe mode stays on: raw HTML in content becomes `<!-- raw HTML omitted -->` and
/// `javascript:` (and `vbscript:`, `file:`, non-image `data:`) URLs become empty.
public enum Markdown {
    /// Reads a Markdown body and reports its links, headings, components and first paragraph,
    /// with its HTML prepared for `render`.
    /// - Parameters:
    ///   - firstLine: the line of the file on which `source` starts (after front matter).
    ///   - markdownComponents: the names of the components whose body is Markdown too (callouts):
    ///     each of those gets the scan of its body, once, here. Their own components' bodies are
    ///     not scanned.
    ///   - isComponent: whether a fenced block whose info string starts with this word is a
    ///     component; the others are code blocks (`<pre><code class="language-WORD">`). Every
    ///     fenced block with a word is a component when not given.
    public static func scan(
        _ source: String, firstLine: Int = 1, markdownComponents: Set<String> = [],
        isComponent: @escaping (String) -> Bool = { _ in true }
    ) -> MarkdownDocument {
        var document = withTree(source) { root in
            var scanner = Scanner(source: source, firstLine: firstLine, isComponent: isComponent)
            scanner.scan(root)
            scanner.document.preparedHTML = scanner.prepare(root)
            return scanner.document
        }
        for index in document.components.indices where markdownComponents.contains(document.components[index].name) {
            let component = document.components[index]
            document.components[index].document = scan(
                component.body, firstLine: component.bodyFirstLine, isComponent: isComponent)
        }
        return document
    }

    /// Renders a scanned body to HTML: fills the HTML the scan prepared, or, for a body that has
    /// none, renders its tree (`renderTree`). The two give the same HTML.
    /// - Parameters:
    ///   - link: the new URL for link or image N of `document.links`, and HTML to put right after
    ///     it (a note such as "(English)"); nil keeps the link as written.
    ///   - component: the HTML that replaces the fenced block of component N of
    ///     `document.components`.
    ///   - headings: how headings are written when the body is placed inside another page,
    ///     as in a booklet: levels moved down and ids prefixed, so they stay unique.
    public static func render(
        _ document: MarkdownDocument,
        headings: HeadingStyle = HeadingStyle(),
        link: (Int) -> LinkRewrite?,
        component: (Int) -> String
    ) -> String {
        guard let prepared = document.preparedHTML else {
            return renderTree(document, headings: headings, link: link, component: component)
        }
        return prepared.render(document, headingStyle: headings, link: link, component: component)
    }

    /// What `render` gives, made by cmark from the body's tree, changed in place: the reference
    /// the prepared HTML is held equal to, and the way a body without one is rendered.
    public static func renderTree(
        _ document: MarkdownDocument,
        headings: HeadingStyle = HeadingStyle(),
        link: (Int) -> LinkRewrite?,
        component: (Int) -> String
    ) -> String {
        withTree(document.source) { root in
            TreeRenderer.rewrite(root, as: document, headingStyle: headings, link: link, component: component)
            return renderHTML(root)
        }
    }

    // MARK: - Addresses

    /// `url` as cmark writes it in `href` or `src`: percent-encoded where needed, `&` and `'`
    /// as entities, and empty when it is a `javascript:` address or the like. An address of
    /// letters, digits and `-_./#:~?=%` that starts with none of those schemes comes out as it
    /// is; any other is written by cmark itself, from a node of its own.
    static func escapedURL(_ url: String, of kind: MarkdownLink.Kind) -> String {
        if url.utf8.allSatisfy({ urlByteIsKept[Int($0)] }) {
            let start = url.utf8.prefix(11).map { $0 | 0x20 }  // lowercase for letters; ':' stays
            let dangerous = ["javascript:", "vbscript:", "file:", "data:"].contains { scheme in
                start.starts(with: scheme.utf8)
            }
            if !dangerous { return url }
        }
        let html = TreeMemory.scope {
            guard let node = newNode(kind == .link ? CMARK_NODE_LINK : CMARK_NODE_IMAGE) else { return "" }
            cmark_node_set_url(node, url)
            return renderHTML(node)
        }
        let attribute = kind == .link ? "href=\"" : "src=\""
        guard let start = html.range(of: attribute), let end = html[start.upperBound...].firstIndex(of: "\"") else {
            return ""
        }
        return String(html[start.upperBound..<end])
    }

    /// The bytes cmark copies into an address unchanged (a subset of those it keeps).
    private static let urlByteIsKept: [Bool] = (0...255).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        return (scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar))
            || "-_./#:~?=%".unicodeScalars.contains(scalar)
    }

    // MARK: - cmark lifetime

    /// Runs `body` with the tree of `source`, kept in `TreeMemory`: the tree, and every node
    /// and HTML buffer made from it, are gone when `body` returns.
    static func withTree<T>(_ source: String, _ body: (OpaquePointer) -> T) -> T {
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
        return TreeMemory.scope {
            // cmark returns nil only when memory runs out; there is nothing sensible to report.
            guard let parser = cmark_parser_new_with_mem(options, TreeMemory.allocator) else {
                preconditionFailure("libcmark could not allocate a parser")
            }
            // The length is the whole text's: `strlen` would stop at a NUL character and silently
            // drop the rest of the page (cmark itself turns NUL into U+FFFD).
            source.withCString { cmark_parser_feed(parser, $0, source.utf8.count) }
            guard let root = cmark_parser_finish(parser) else {
                preconditionFailure("libcmark could not allocate a document")
            }
            return body(root)
        }
    }

    /// A node for the tree being worked on, in its memory (inside `TreeMemory.scope`).
    static func newNode(_ type: cmark_node_type) -> OpaquePointer? {
        cmark_node_new_with_mem(type, TreeMemory.allocator)
    }

    /// HTML of `node` and its children, copied out of cmark's buffer (which its tree's
    /// `TreeMemory.scope` takes back).
    static func renderHTML(_ node: OpaquePointer) -> String {
        guard let buffer = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        return String(cString: buffer)
    }

    static func forEachNode(
        under root: OpaquePointer,
        _ visit: (_ entering: Bool, _ node: OpaquePointer) -> Void
    ) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(event == CMARK_EVENT_ENTER, node)
        }
    }

    // MARK: - Tree changes

    /// What cmark wrote between `<hN>` and `</hN>` for a heading of `level`; nil if it wrote
    /// the heading otherwise.
    static func headingInner(_ html: String, level: Int) -> Substring? {
        let open = "<h\(level)>"
        let close = "</h\(level)>"
        // cmark writes `<hN>…</hN>` and a line break; the search is for anything else.
        if html.utf8.starts(with: open.utf8), html.utf8.reversed().starts(with: (close + "\n").utf8.reversed()) {
            return Substring(html.utf8.dropFirst(open.utf8.count).dropLast(close.utf8.count + 1))
        }
        guard html.hasPrefix(open), let end = html.range(of: close, options: .backwards) else { return nil }
        return html[html.index(html.startIndex, offsetBy: open.count)..<end.lowerBound]
    }

    /// Whether `node` is an image that is not inside another image's description (which cmark
    /// writes as plain text): the images a `LinkRewrite.replacement` replaces.
    static func isReplaceableImage(_ node: OpaquePointer) -> Bool {
        guard cmark_node_get_type(node) == CMARK_NODE_IMAGE else { return false }
        var parent = cmark_node_parent(node)
        while let ancestor = parent {
            if cmark_node_get_type(ancestor) == CMARK_NODE_IMAGE { return false }
            parent = cmark_node_parent(ancestor)
        }
        return true
    }

    /// Replaces `node` by a custom block (or, for an inline such as an image, a custom inline)
    /// of `html`; false, with the tree as it was, when cmark cannot.
    @discardableResult
    static func replace(_ node: OpaquePointer, withHTML html: String, inline: Bool = false) -> Bool {
        guard let block = newNode(inline ? CMARK_NODE_CUSTOM_INLINE : CMARK_NODE_CUSTOM_BLOCK) else {
            return false
        }
        cmark_node_set_on_enter(block, html)
        guard cmark_node_replace(node, block) == 1 else {
            cmark_node_free(block)
            return false
        }
        cmark_node_free(node)  // unlinked by replace: ours to free
        return true
    }

    /// The info string of a fenced block, trimmed; nil for a block without one, or not fenced.
    static func fenceInfo(of node: OpaquePointer) -> String? {
        guard let info = cmark_node_get_fence_info(node) else { return nil }
        let trimmed = String(cString: info).trimmingWhitespaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The first word of an info string: a component's name, or a code block's language.
    static func firstWord(of info: String) -> Substring {
        info.prefix { !$0.isWhitespace }
    }
}

/// How `Markdown.render` writes headings.
public struct HeadingStyle: Sendable, Equatable {
    /// Added to every heading's level (at most h6).
    public var levelOffset: Int
    /// Put before every heading's id.
    public var idPrefix: String

    public init(levelOffset: Int = 0, idPrefix: String = "") {
        self.levelOffset = levelOffset
        self.idPrefix = idPrefix
    }
}

/// How `Markdown.render` changes a link.
public struct LinkRewrite: Sendable, Equatable {
    public var url: String
    /// Trusted HTML placed right after the link, or nil.
    public var htmlAfter: String?
    /// For an image (not inside another image's description): trusted HTML written instead of
    /// cmark's `<img>`, such as a `<picture>`; nil keeps the `<img>`.
    public var replacement: String?

    public init(url: String, htmlAfter: String? = nil, replacement: String? = nil) {
        self.url = url
        self.htmlAfter = htmlAfter
        self.replacement = replacement
    }
}
