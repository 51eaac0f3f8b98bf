import BamasoDiagnostics
import CCmark
import Foundation

/// One pass over a body's cmark tree, for `Markdown.scan`: collects what the scan reports,
/// then prepares the HTML (`PreparedHTML`).
struct Scanner {
    let firstLine: Int
    let source: String
    /// The UTF-8 offset at which each line of `source` starts, worked out the first time a
    /// column is needed (most pages need only a few: their links and components).
    var lineStarts: [Int]?
    var document = MarkdownDocument()
    var headingIDs = HeadingIDs()
    /// The nodes of the links, headings and components `scan` found, in the order of
    /// `document`'s, for `prepare`.
    private var found: (links: [OpaquePointer], headings: [OpaquePointer], components: [OpaquePointer]) = ([], [], [])

    /// Whether a fenced block whose info string starts with this word is a component.
    let isComponent: (String) -> Bool

    init(source: String, firstLine: Int, isComponent: @escaping (String) -> Bool) {
        self.firstLine = firstLine
        self.isComponent = isComponent
        self.source = source
        document.source = source
    }

    mutating func scan(_ root: OpaquePointer) {
        Markdown.forEachNode(under: root) { entering, node in
            guard entering else { return }
            switch visit(node) {
            case .link: found.links.append(node)
            case .heading: found.headings.append(node)
            case .component: found.components.append(node)
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
        for (index, node) in found.links.enumerated() {
            cmark_node_set_url(node, PreparedHTML.marker("L", index))
            guard let after = Markdown.newNode(CMARK_NODE_CUSTOM_INLINE) else { return nil }
            cmark_node_set_on_enter(after, PreparedHTML.marker("A", index))
            if cmark_node_insert_after(node, after) != 1 { cmark_node_free(after) }
        }
        // cmark's `<img>` of each image, kept beside a slot that a `<picture>` can take; the
        // innermost first, so that no image is freed before its own turn.
        var images: [Int: [PreparedHTML.Piece]] = [:]
        var html = ""
        for (index, node) in found.links.enumerated().reversed() where Markdown.isReplaceableImage(node) {
            guard let pieces = PreparedHTML.pieces(of: Markdown.renderHTML(node), into: &html),
                Markdown.replace(node, withHTML: PreparedHTML.marker("I", index), inline: true)
            else { return nil }
            images[index] = pieces
        }
        for (index, node) in found.components.enumerated() {
            guard Markdown.replace(node, withHTML: PreparedHTML.marker("C", index)) else { return nil }
        }
        var headings: [PreparedHTML.Heading] = []
        for (index, node) in found.headings.enumerated() {
            let written = Markdown.renderHTML(node)
            let inner = Markdown.headingInner(written, level: document.headings[index].level)
            guard let pieces = PreparedHTML.pieces(of: inner.map(String.init) ?? written, into: &html),
                Markdown.replace(node, withHTML: PreparedHTML.marker("H", index))
            else { return nil }
            headings.append(PreparedHTML.Heading(inner: pieces, isWrapped: inner != nil))
        }
        guard let pieces = PreparedHTML.pieces(of: Markdown.renderHTML(root), into: &html) else { return nil }
        let prepared = PreparedHTML(text: html, pieces: pieces, headings: headings, images: images)
        return prepared.slotsAreComplete(for: document) ? prepared : nil
    }

    private enum Found {
        case link, heading, component
    }

    /// Adds what `node` is to `document`, and says which list it went to.

    private mutating func visit(_ node: OpaquePointer) -> Found? {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let link = MarkdownLink(
                kind: type == CMARK_NODE_LINK ? .link : .image,
                destination: string(cmark_node_get_url(node)),
                text: Markdown.plainText(of: node),
                line: fileLine(node),
                column: fileColumn(node),
                title: string(cmark_node_get_title(node))
            )
            document.links.append(link)
            return .link
        case CMARK_NODE_HEADING:
            let text = Markdown.plainText(of: node)
            let heading = MarkdownHeading(
                level: Int(cmark_node_get_heading_level(node)),
                text: text,
                id: headingIDs.next(for: text),
                line: fileLine(node)
            )
            document.headings.append(heading)
            return .heading
        case CMARK_NODE_CODE_BLOCK:
            guard let info = Markdown.fenceInfo(of: node) else { return nil }
            let name = Markdown.firstWord(of: info)
            guard isComponent(String(name)) else { return nil }
            let component = MarkdownComponent(
                name: String(name),
                arguments: info.dropFirst(name.count).trimmingWhitespaces(),
                body: string(cmark_node_get_literal(node)),
                line: fileLine(node),
                column: fileColumn(node)
            )
            document.components.append(component)
            return .component
        case CMARK_NODE_PARAGRAPH:
            if document.firstParagraph.isEmpty,
                cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT
            {
                document.firstParagraph = Markdown.plainText(of: node)
            }
            return nil
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            document.rawHTML.append(
                MarkdownHTML(
                    text: string(cmark_node_get_literal(node)), line: fileLine(node), column: fileColumn(node)))
            return nil
        case CMARK_NODE_TEXT:
            document.wordCount += Self.words(in: cmark_node_get_literal(node))
            return nil
        default:
            return nil
        }
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
                    let newline = memchr(base + start, 0x0A, bytes.count - start)
                {
                    starts.append(UnsafeRawPointer(base).distance(to: newline) + 1)
                }
                lineStarts = starts
            }
            guard let starts = lineStarts, line >= 1, line <= starts.count, byteColumn >= 1 else {
                return max(byteColumn, 1)
            }
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
