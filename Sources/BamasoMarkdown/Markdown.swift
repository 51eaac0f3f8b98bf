import BamasoDiagnostics
import BamasoSupport
import CCmark
import Foundation

/// The only door to libcmark. Every `cmark_node` is created and freed inside this file; callers
/// get Swift values (`MarkdownDocument`) and HTML strings.
///
/// Safe mode stays on: raw HTML in content becomes `<!-- raw HTML omitted -->` and
/// `javascript:` (and `vbscript:`, `file:`, non-image `data:`) URLs become empty.
public enum Markdown {
    /// Reads a Markdown body and reports its links, headings, components and first paragraph.
    /// - Parameter firstLine: the line of the file on which `source` starts (after front matter).
    public static func scan(_ source: String, firstLine: Int = 1) -> MarkdownDocument {
        withTree(source) { root in
            var walker = Walker(source: source, firstLine: firstLine)
            walker.scan(root)
            walker.document.preparedHTML = walker.prepare(root)
            return walker.document
        }
    }

    /// Renders a Markdown body to HTML.
    /// - Parameters:
    ///   - scanned: `scan(source, firstLine: firstLine)`, when the caller has it. Its links,
    ///     headings and components are then taken as they are instead of being worked out
    ///     again, which is most of the time rendering takes besides cmark's own.
    ///   - resolveLink: the new URL for a link or image, and HTML to put right after it
    ///     (a note such as "(English)"); nil keeps the link as written.
    ///   - renderComponent: the HTML that replaces a component's fenced block.
    ///   - headings: how headings are written when the body is placed inside another page,
    ///     as in a booklet: levels moved down and ids prefixed, so they stay unique.
    public static func render(
        _ source: String,
        scanned: MarkdownDocument? = nil,
        firstLine: Int = 1,
        headings: HeadingStyle = HeadingStyle(),
        resolveLink: (MarkdownLink) -> LinkRewrite?,
        renderComponent: (MarkdownComponent) -> String
    ) -> String {
        if let scanned, let prepared = scanned.preparedHTML, prepared.source == source {
            return prepared.render(scanned, headingStyle: headings, resolveLink: resolveLink, renderComponent: renderComponent)
        }
        return withTree(source) { root in
            var walker = Walker(source: source, firstLine: firstLine)
            walker.rewrite(root, scanned: scanned, headingStyle: headings, resolveLink: resolveLink,
                           renderComponent: renderComponent)
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
        guard let node = cmark_node_new(kind == .link ? CMARK_NODE_LINK : CMARK_NODE_IMAGE) else { return "" }
        defer { cmark_node_free(node) }
        cmark_node_set_url(node, url)
        let html = renderHTML(node)
        let attribute = kind == .link ? "href=\"" : "src=\""
        guard let start = html.range(of: attribute), let end = html[start.upperBound...].firstIndex(of: "\"") else { return "" }
        return String(html[start.upperBound..<end])
    }

    /// The bytes cmark copies into an address unchanged (a subset of those it keeps).
    private static let urlByteIsKept: [Bool] = (0...255).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        return (scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar))
            || "-_./#:~?=%".unicodeScalars.contains(scalar)
    }

    // MARK: - cmark lifetime

    private static func withTree<T>(_ source: String, _ body: (OpaquePointer) -> T) -> T {
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
        // The length is the whole text's: `strlen` would stop at a NUL character and silently
        // drop the rest of the page (cmark itself turns NUL into U+FFFD).
        guard let root = source.withCString({ cmark_parse_document($0, source.utf8.count, options) }) else {
            // cmark returns nil only when malloc fails; there is nothing sensible to report.
            preconditionFailure("libcmark could not allocate a document")
        }
        defer { cmark_node_free(root) }  // frees the whole tree, including replaced-in nodes
        return body(root)
    }

    /// HTML of `node` and its children; cmark's buffer is copied and freed at once.
    fileprivate static func renderHTML(_ node: OpaquePointer) -> String {
        guard let buffer = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(buffer) }
        return String(cString: buffer)
    }

    fileprivate static func forEachNode(
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

    public init(url: String, htmlAfter: String? = nil) {
        self.url = url
        self.htmlAfter = htmlAfter
    }
}

/// One pass over a cmark tree. Collects what `scan` reports; `rewrite` also changes the tree.
private struct Walker {
    let firstLine: Int
    let source: String
    /// The UTF-8 offset at which each line of `source` starts, worked out the first time a
    /// column is needed (most pages need only a few: their links and components).
    var lineStarts: [Int]?
    /// Word counts are for `scan`; rendering does not need them.
    var countsWords = false
    var document = MarkdownDocument()
    var headingIDs = HeadingIDs()
    /// The nodes of the links, headings and components `scan` found, for `prepare`.
    private var found: Targets = ([], [], [])

    init(source: String, firstLine: Int) {
        self.firstLine = firstLine
        self.source = source
    }

    mutating func scan(_ root: OpaquePointer) {
        countsWords = true
        Markdown.forEachNode(under: root) { entering, node in
            guard entering else { return }
            switch visit(node) {
            case .link(let link): found.links.append((node, link))
            case .heading(let heading): found.headings.append((node, heading))
            case .component(let component): found.components.append((node, component))
            case nil: break
            }
        }
    }

    /// The HTML of the tree `root`, which `scan` has read, with slots for what `render`
    /// changes (see `PreparedHTML`); nil when the source holds the markers' prefix or the slots
    /// do not come out one for each link, heading and component. Changes the tree.
    mutating func prepare(_ root: OpaquePointer) -> PreparedHTML? {
        var text = source
        let prefix = Array(PreparedHTML.markerPrefix.utf8)
        guard text.withUTF8({ PreparedHTML.firstIndex(of: prefix, in: $0, from: 0) == nil }) else { return nil }
        // `scan`'s iterator is gone: the tree may change.
        for (index, (node, _)) in found.links.enumerated() {
            cmark_node_set_url(node, PreparedHTML.marker("L", index))
            guard let after = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return nil }
            cmark_node_set_on_enter(after, PreparedHTML.marker("A", index))
            if cmark_node_insert_after(node, after) != 1 { cmark_node_free(after) }
        }
        for (index, (node, _)) in found.components.enumerated() {
            guard Self.replace(node, withHTML: PreparedHTML.marker("C", index)) else { return nil }
        }
        var headings: [PreparedHTML.Heading] = []
        for (index, (node, heading)) in found.headings.enumerated() {
            let html = Markdown.renderHTML(node)
            let inner = Self.headingInner(html, level: heading.level)
            guard let pieces = PreparedHTML.pieces(of: inner.map(String.init) ?? html),
                  Self.replace(node, withHTML: PreparedHTML.marker("H", index)) else { return nil }
            headings.append(PreparedHTML.Heading(inner: pieces, isWrapped: inner != nil))
        }
        guard let pieces = PreparedHTML.pieces(of: Markdown.renderHTML(root)) else { return nil }
        let prepared = PreparedHTML(source: source, pieces: pieces, headings: headings)
        return prepared.slotsAreComplete(for: document) ? prepared : nil
    }

    /// What cmark wrote between `<hN>` and `</hN>` for a heading of `level`; nil if it wrote
    /// the heading otherwise.
    static func headingInner(_ html: String, level: Int) -> Substring? {
        let open = "<h\(level)>", close = "</h\(level)>"
        // cmark writes `<hN>…</hN>` and a line break; the search is for anything else.
        if html.utf8.starts(with: open.utf8), html.utf8.reversed().starts(with: (close + "\n").utf8.reversed()) {
            return Substring(html.utf8.dropFirst(open.utf8.count).dropLast(close.utf8.count + 1))
        }
        guard html.hasPrefix(open), let end = html.range(of: close, options: .backwards) else { return nil }
        return html[html.index(html.startIndex, offsetBy: open.count)..<end.lowerBound]
    }

    mutating func rewrite(
        _ root: OpaquePointer,
        scanned: MarkdownDocument?,
        headingStyle: HeadingStyle,
        resolveLink: (MarkdownLink) -> LinkRewrite?,
        renderComponent: (MarkdownComponent) -> String
    ) {
        // The tree is changed only once the iterator is gone.
        var nodes = Nodes()
        Markdown.forEachNode(under: root) { entering, node in
            guard entering else { return }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: nodes.links.append(node)
            case CMARK_NODE_HEADING: nodes.headings.append(node)
            case CMARK_NODE_CODE_BLOCK: nodes.codeBlocks.append(node)
            default: break
            }
        }
        let (links, headings, components) = scanned.flatMap { reuse($0, for: nodes) } ?? find(nodes)
        var notes: [(OpaquePointer, String)] = []
        for (node, link) in links {
            if let rewrite = resolveLink(link) {
                cmark_node_set_url(node, rewrite.url)
                if let html = rewrite.htmlAfter { notes.append((node, html)) }
            }
        }
        for (node, html) in notes {
            guard let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(inline, html)
            if cmark_node_insert_after(node, inline) != 1 { cmark_node_free(inline) }
        }
        for (node, component) in components {
            Self.replace(node, withHTML: renderComponent(component))
        }
        for (node, heading) in headings {
            var html = Markdown.renderHTML(node)
            if let inner = Self.headingInner(html, level: heading.level) {
                let level = min(6, heading.level + headingStyle.levelOffset)
                html = "<h\(level) id=\"\(headingStyle.idPrefix)\(heading.id)\">" + inner + "</h\(level)>\n"
            }
            Self.replace(node, withHTML: html)
        }
    }

    /// The nodes `rewrite` may change, in document order.
    private struct Nodes {
        var links: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        var codeBlocks: [OpaquePointer] = []
    }

    /// The links, headings and components among `Nodes`, with what `scan` reports for them.
    private typealias Targets = (
        links: [(OpaquePointer, MarkdownLink)],
        headings: [(OpaquePointer, MarkdownHeading)],
        components: [(OpaquePointer, MarkdownComponent)]
    )

    /// Works out what each node is, as `scan` does.
    private mutating func find(_ nodes: Nodes) -> Targets {
        var targets: Targets = ([], [], [])
        for node in nodes.links + nodes.headings + nodes.codeBlocks {
            switch visit(node) {
            case .link(let link): targets.links.append((node, link))
            case .heading(let heading): targets.headings.append((node, heading))
            case .component(let component): targets.components.append((node, component))
            case nil: break
            }
        }
        return targets
    }

    /// Pairs the nodes with what `scanned` reports, in order; nil unless every link, heading
    /// and component lines up with a node of its kind on its line.
    private func reuse(_ scanned: MarkdownDocument, for nodes: Nodes) -> Targets? {
        guard nodes.links.count == scanned.links.count, nodes.headings.count == scanned.headings.count else { return nil }
        for (node, link) in zip(nodes.links, scanned.links) {
            let kind: MarkdownLink.Kind = cmark_node_get_type(node) == CMARK_NODE_LINK ? .link : .image
            let url = cmark_node_get_url(node)
            let sameDestination = url.map { url in link.destination.withCString { strcmp($0, url) == 0 } } ?? link.destination.isEmpty
            guard link.kind == kind, link.line == fileLine(node), sameDestination else { return nil }
        }
        for (node, heading) in zip(nodes.headings, scanned.headings) {
            guard heading.level == Int(cmark_node_get_heading_level(node)), heading.line == fileLine(node) else { return nil }
        }
        var components: [(OpaquePointer, MarkdownComponent)] = []
        var pending = scanned.components[...]
        for node in nodes.codeBlocks {
            let info = cmark_node_get_fence_info(node)
            if let component = pending.first, component.line == fileLine(node),
               let info, strstr(info, component.name) != nil {
                components.append((node, pending.removeFirst()))
            } else if !string(info).trimmingWhitespaces().isEmpty {
                return nil  // a component the scan does not have
            }
        }
        guard pending.isEmpty else { return nil }
        return (Array(zip(nodes.links, scanned.links)), Array(zip(nodes.headings, scanned.headings)), components)
    }

    /// Replaces `node` by a custom block of `html`; false, with the tree as it was, when cmark
    /// cannot.
    @discardableResult
    private static func replace(_ node: OpaquePointer, withHTML html: String) -> Bool {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return false }
        cmark_node_set_on_enter(block, html)
        guard cmark_node_replace(node, block) == 1 else {
            cmark_node_free(block)
            return false
        }
        cmark_node_free(node)  // unlinked by replace: ours to free
        return true
    }

    private enum Found {
        case link(MarkdownLink)
        case heading(MarkdownHeading)
        case component(MarkdownComponent)
    }

    @discardableResult
    private mutating func visit(_ node: OpaquePointer) -> Found? {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let link = MarkdownLink(
                kind: type == CMARK_NODE_LINK ? .link : .image,
                destination: string(cmark_node_get_url(node)),
                text: plainText(of: node),
                line: fileLine(node),
                column: fileColumn(node)
            )
            document.links.append(link)
            return .link(link)
        case CMARK_NODE_HEADING:
            let text = plainText(of: node)
            let heading = MarkdownHeading(
                level: Int(cmark_node_get_heading_level(node)),
                text: text,
                id: headingIDs.next(for: text),
                line: fileLine(node)
            )
            document.headings.append(heading)
            return .heading(heading)
        case CMARK_NODE_CODE_BLOCK:
            let info = string(cmark_node_get_fence_info(node)).trimmingWhitespaces()
            guard !info.isEmpty else { return nil }
            let name = info.prefix { !$0.isWhitespace }
            let component = MarkdownComponent(
                name: String(name),
                arguments: info.dropFirst(name.count).trimmingWhitespaces(),
                body: string(cmark_node_get_literal(node)),
                line: fileLine(node),
                column: fileColumn(node)
            )
            document.components.append(component)
            return .component(component)
        case CMARK_NODE_PARAGRAPH:
            if document.firstParagraph.isEmpty,
               cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT {
                document.firstParagraph = plainText(of: node)
            }
            return nil
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            document.rawHTML.append(MarkdownHTML(
                text: string(cmark_node_get_literal(node)), line: fileLine(node), column: fileColumn(node)))
            return nil
        case CMARK_NODE_TEXT:
            if countsWords { document.wordCount += Self.words(in: cmark_node_get_literal(node)) }
            return nil
        default:
            return nil
        }
    }

    /// Text of a node's inline children, breaks as spaces, markup dropped. The pieces are
    /// gathered as bytes and made into one string at the end: cmark's literals are valid UTF-8
    /// (it checks its input), so this is the text that joining each piece as a string gives.
    private func plainText(of node: OpaquePointer) -> String {
        var bytes: [UInt8] = []
        Markdown.forEachNode(under: node) { entering, child in
            guard entering else { return }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let literal = cmark_node_get_literal(child) else { return }
                literal.withMemoryRebound(to: UInt8.self, capacity: strlen(literal)) {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(literal)))
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: bytes.append(UInt8(ascii: " "))
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self).trimmingWhitespaces()
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private func fileLine(_ node: OpaquePointer) -> Int {
        Int(cmark_node_get_start_line(node)) + firstLine - 1
    }

    /// cmark counts columns in bytes; editors count characters.
    private mutating func fileColumn(_ node: OpaquePointer) -> Int {
        let line = Int(cmark_node_get_start_line(node))
        let byteColumn = Int(cmark_node_get_start_column(node))
        var text = source
        return text.withUTF8 { bytes in
            if lineStarts == nil {
                var starts = [0]
                while let base = bytes.baseAddress, let start = starts.last,
                      let newline = memchr(base + start, 0x0A, bytes.count - start) {
                    starts.append(UnsafeRawPointer(base).distance(to: newline) + 1)
                }
                lineStarts = starts
            }
            guard let starts = lineStarts, line >= 1, line <= starts.count, byteColumn >= 1 else { return max(byteColumn, 1) }
            let start = starts[line - 1]
            let prefix = bytes[start..<min(bytes.count, start + byteColumn - 1)]
            // In ASCII text every byte is a character, but for "\r\n".
            if prefix.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) { return prefix.count + 1 }
            let utf8 = source.utf8[source.utf8.index(source.utf8.startIndex, offsetBy: start)...].prefix(byteColumn - 1)
            return (String(utf8) ?? String(decoding: utf8, as: UTF8.self)).count + 1
        }
    }

    /// Words in a C string: runs of bytes that are not ASCII white space. Counted without
    /// branches, as the word starts: a byte that is not white space after one that is.
    private static func words(in text: UnsafePointer<CChar>?) -> Int {
        guard let text else { return 0 }
        var count = 0
        var previousIsSpace = 1
        let length = strlen(text)
        text.withMemoryRebound(to: UInt8.self, capacity: length) { start in
            for byte in UnsafeBufferPointer(start: start, count: length) {
                let isSpace = byte == 0x20 || byte &- 0x09 < 5 ? 1 : 0
                count &+= previousIsSpace & (1 &- isSpace)
                previousIsSpace = isSpace
            }
        }
        return count
    }
}
