import Foundation

/// A body's HTML as cmark writes it, made while `Markdown.scan` has the tree, with a slot
/// wherever the rest of the site decides what goes: each link's address and the note after it,
/// each heading (whose level and id depend on where the body is shown) and each component.
///
/// `Markdown.render` fills the slots instead of having cmark parse and render the body again.
/// Building a site parsed every body twice that way, and each school material a third time for
/// its booklet: a sixth of the build's time. Filling gives the HTML `Markdown.renderTree` gives,
/// byte for byte (`MarkdownPreparedHTMLTests` and the fuzzer compare the two).
public struct PreparedHTML: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        /// HTML as cmark wrote it: these UTF-8 offsets of `text`.
        case html(Range<Int>)
        /// The address of link or image number N (in `MarkdownDocument.links`), in `href="…"`
        /// or `src="…"`.
        case linkURL(Int)
        /// Right after link or image N: its `LinkRewrite.htmlAfter`.
        case afterLink(Int)
        /// Image N: its `LinkRewrite.replacement`, else cmark's `<img>` (`images[N]`).
        case image(Int)
        /// Heading N, a block.
        case heading(Int)
        /// Component N, a block.
        case component(Int)
    }

    struct Heading: Sendable, Equatable {
        /// The HTML between `<hN>` and `</hN>`; all of it when `isWrapped` is false (cmark
        /// always writes the tags, so that is only in case it ever does not).
        var inner: [Piece]
        var isWrapped: Bool
    }

    /// Every piece of HTML cmark wrote, one after the other: a site holds ten thousand
    /// bodies from parse to render, and a string per piece took twice the room.
    let text: String
    let pieces: [Piece]
    let headings: [Heading]
    /// cmark's `<img>` of each image that has a slot, by its index in the links.
    let images: [Int: [Piece]]

    /// - Parameter text: what `pieces(of:into:)` appended to; kept in a copy of its length.
    init(text: String, pieces: [Piece], headings: [Heading], images: [Int: [Piece]] = [:]) {
        self.text = String(decoding: text.utf8, as: UTF8.self)
        self.pieces = pieces
        self.headings = headings
        self.images = images
    }

    /// What cmark gives for the same tree with the links rewritten, the notes put after them,
    /// the headings written in `headingStyle` and the components' HTML in their places.
    /// `link` is asked about every link of `document` by its index, in order, then `component`
    /// about every component, as `Markdown.renderTree` does.
    func render(
        _ document: MarkdownDocument, headingStyle: HeadingStyle,
        link: (Int) -> LinkRewrite?, component: (Int) -> String
    ) -> String {
        let links = document.links.indices.map { index in
            let written = document.links[index]
            let rewrite = link(index)
            return (
                url: Markdown.escapedURL(rewrite?.url ?? written.destination, of: written.kind),
                after: rewrite?.htmlAfter, replacement: rewrite?.replacement
            )
        }
        var html = ""
        html.reserveCapacity(text.utf8.count + text.utf8.count / 4)
        let utf8 = text.utf8
        // cmark ends a custom block (what a heading or component became) with a line break
        // unless its HTML already ends with one or is empty; the slot's HTML is followed by the
        // break cmark added after the slot, which is dropped in those cases.
        var dropsLineBreak = false
        func append(_ pieces: [Piece]) {
            for piece in pieces {
                switch piece {
                case .html(let range):
                    var start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
                    let end = utf8.index(start, offsetBy: range.count)
                    if dropsLineBreak, start < end, utf8[start] == UInt8(ascii: "\n") {
                        start = utf8.index(after: start)
                    }
                    html += text[start..<end]
                    dropsLineBreak = false
                case .linkURL(let index):
                    html += links[index].url
                case .afterLink(let index):
                    html += links[index].after ?? ""
                case .image(let index):
                    if let replacement = links[index].replacement {
                        html += replacement
                    } else {
                        append(images[index] ?? [])
                    }
                    dropsLineBreak = false
                case .heading(let index):
                    let heading = headings[index]
                    if heading.isWrapped {
                        let level = min(6, document.headings[index].level + headingStyle.levelOffset)
                        html += "<h\(level) id=\"\(headingStyle.idPrefix)\(document.headings[index].id)\">"
                        append(heading.inner)
                        html += "</h\(level)>\n"
                    } else {
                        append(heading.inner)
                    }
                    dropsLineBreak = html.utf8.last == UInt8(ascii: "\n")
                case .component(let index):
                    let before = html.utf8.count
                    html += component(index)
                    dropsLineBreak = html.utf8.count == before || html.utf8.last == UInt8(ascii: "\n")
                }
            }
        }
        append(pieces)
        return html
    }
}

extension PreparedHTML {
    /// What marks a slot in the HTML cmark writes while preparing: letters and digits only,
    /// which cmark copies as they are into an address and into a custom node's HTML, starting
    /// with a rare letter so that searching for it is quick. Random for each run, and a body
    /// that holds it is rendered the slow way, so no text can pass for a marker.
    static let markerPrefix =
        "QXbamaso" + String((0..<12).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })

    static func marker(_ kind: Character, _ index: Int) -> String {
        "\(markerPrefix)\(kind)\(index)Z"
    }

    /// The pieces of `html`, with its markers made slots, its HTML appended to `text`; nil if
    /// a marker is malformed.
    static func pieces(of html: String, into text: inout String) -> [Piece]? {
        var html = html
        let prefix = Array(markerPrefix.utf8)
        return html.withUTF8 { bytes -> [Piece]? in
            var pieces: [Piece] = []
            var start = 0
            func appendHTML(_ range: Range<Int>) {
                let offset = text.utf8.count
                text += String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                pieces.append(.html(offset..<text.utf8.count))
            }
            while let found = firstIndex(of: prefix, in: bytes, from: start) {
                if found > start { appendHTML(start..<found) }
                var cursor = found + prefix.count
                guard cursor < bytes.count else { return nil }
                let kind = bytes[cursor]
                cursor += 1
                let digits = cursor
                var number = 0
                while cursor < bytes.count, cursor - digits < 9, bytes[cursor] &- UInt8(ascii: "0") < 10 {
                    number = number * 10 + Int(bytes[cursor] &- UInt8(ascii: "0"))
                    cursor += 1
                }
                guard cursor > digits, cursor < bytes.count, bytes[cursor] == UInt8(ascii: "Z") else { return nil }
                switch kind {
                case UInt8(ascii: "L"): pieces.append(.linkURL(number))
                case UInt8(ascii: "A"): pieces.append(.afterLink(number))
                case UInt8(ascii: "H"): pieces.append(.heading(number))
                case UInt8(ascii: "C"): pieces.append(.component(number))
                case UInt8(ascii: "I"): pieces.append(.image(number))
                default: return nil
                }
                start = cursor + 1
            }
            if start < bytes.count { appendHTML(start..<bytes.count) }
            return pieces
        }
    }

    /// Where `needle` first starts in `bytes` at or after `start`.
    static func firstIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, let base = bytes.baseAddress else { return nil }
        var index = start
        while index + needle.count <= bytes.count,
            let hit = memchr(base + index, Int32(first), bytes.count - needle.count + 1 - index)
        {
            let position = UnsafeRawPointer(base).distance(to: hit)
            if memcmp(base + position, needle, needle.count) == 0 { return position }
            index = position + 1
        }
        return nil
    }

    /// True when every heading and component has exactly one slot, and no link more than one
    /// of each kind (a link inside an image's description is not written at all).
    func slotsAreComplete(for document: MarkdownDocument) -> Bool {
        var headingSlots = Array(repeating: 0, count: document.headings.count)
        var componentSlots = Array(repeating: 0, count: document.components.count)
        var linkSlots = Array(repeating: 0, count: document.links.count)
        var afterSlots = Array(repeating: 0, count: document.links.count)
        var imageSlots = Array(repeating: 0, count: document.links.count)
        func count(_ pieces: [Piece]) -> Bool {
            for piece in pieces {
                switch piece {
                case .html: continue
                case .linkURL(let index) where linkSlots.indices.contains(index): linkSlots[index] += 1
                case .afterLink(let index) where afterSlots.indices.contains(index): afterSlots[index] += 1
                case .heading(let index) where headingSlots.indices.contains(index): headingSlots[index] += 1
                case .component(let index) where componentSlots.indices.contains(index): componentSlots[index] += 1
                case .image(let index) where imageSlots.indices.contains(index) && images[index] != nil:
                    imageSlots[index] += 1
                default: return false
                }
            }
            return true
        }
        guard headings.count == document.headings.count, count(pieces), headings.allSatisfy({ count($0.inner) }),
            images.values.allSatisfy({ count($0) })
        else {
            return false
        }
        return headingSlots.allSatisfy { $0 == 1 } && componentSlots.allSatisfy { $0 == 1 }
            && linkSlots.allSatisfy { $0 <= 1 } && afterSlots.allSatisfy { $0 <= 1 }
            && imageSlots.allSatisfy { $0 <= 1 }
    }
}
