import BamasoSupport
import CCmark
import Foundation

/// A block of a body as a translator sees it: a heading, a paragraph, a list item, a table row,
/// a component or a code block, with its text and the file line it starts on.
public struct MarkdownBlock: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case heading, paragraph, code, component
        case listItem = "list item"
        case tableRow = "table row"
    }

    public var kind: Kind
    public var line: Int
    /// Its text, markup left out (a component: its fence's words, then its body).
    public var text: String

    public init(kind: Kind, line: Int, text: String) {
        self.kind = kind
        self.line = line
        self.text = text
    }
}

extension Markdown {
    /// The blocks of `source`, in order. A list item is one block (its nested lists are blocks
    /// of their own); a table component is its caption, then one block per row.
    /// - Parameters:
    ///   - firstLine: the line of the file on which `source` starts.
    ///   - isComponent: as for `scan`.
    public static func blocks(
        of source: String, firstLine: Int = 1, isComponent: (String) -> Bool = { _ in true }
    ) -> [MarkdownBlock] {
        withTree(source) { root in
            var blocks: [MarkdownBlock] = []
            forEachNode(under: root) { entering, node in
                guard entering else { return }
                let line = Int(cmark_node_get_start_line(node)) + firstLine - 1
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HEADING:
                    blocks.append(MarkdownBlock(kind: .heading, line: line, text: plainText(of: node)))
                case CMARK_NODE_PARAGRAPH where cmark_node_get_type(cmark_node_parent(node)) != CMARK_NODE_ITEM:
                    blocks.append(MarkdownBlock(kind: .paragraph, line: line, text: plainText(of: node)))
                case CMARK_NODE_ITEM:
                    var paragraphs: [String] = []
                    var child = cmark_node_first_child(node)
                    while let current = child {
                        if cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH {
                            paragraphs.append(plainText(of: current))
                        }
                        child = cmark_node_next(current)
                    }
                    blocks.append(MarkdownBlock(kind: .listItem, line: line, text: paragraphs.joined(separator: " ")))
                case CMARK_NODE_CODE_BLOCK:
                    let body = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                    guard let info = fenceInfo(of: node), isComponent(String(firstWord(of: info))) else {
                        blocks.append(MarkdownBlock(kind: .code, line: line, text: body))
                        return
                    }
                    guard firstWord(of: info) == "table" else {
                        blocks.append(MarkdownBlock(kind: .component, line: line, text: info + "\n" + body))
                        return
                    }
                    blocks.append(MarkdownBlock(kind: .component, line: line, text: info))
                    let rows = body.split(separator: "\n", omittingEmptySubsequences: false)
                    for (offset, row) in rows.enumerated() where !row.allSatisfy(\.isWhitespace) {
                        blocks.append(MarkdownBlock(kind: .tableRow, line: line + 1 + offset, text: String(row)))
                    }
                default:
                    break
                }
            }
            return blocks
        }
    }
}

extension Markdown {
    /// Text of a node's inline children, breaks as spaces, markup dropped, trimmed. The pieces
    /// are gathered as bytes and made into one string at the end: cmark's literals are valid
    /// UTF-8 (it checks its input), so this is the text that joining each piece as a string gives.
    static func plainText(of node: OpaquePointer) -> String {
        var bytes: [UInt8] = []
        forEachNode(under: node) { entering, child in
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
}
