import CCmark

/// Changes a body's cmark tree into what `Markdown.renderTree` writes: links rewritten, notes
/// put after them, components replaced by their HTML and headings written in a style.
///
/// The tree is parsed from the text the document is the scan of, and its links, headings and
/// components are met in the order the scan met them: the n-th link node is link n of the
/// document, and so on. No node needs to be matched to the scan by its line or address.
enum TreeRenderer {
    static func rewrite(
        _ root: OpaquePointer,
        as document: MarkdownDocument,
        headingStyle: HeadingStyle,
        link: (Int) -> LinkRewrite?,
        component: (Int) -> String
    ) {
        // The tree is changed only once the iterator is gone.
        var links: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        var components: [OpaquePointer] = []
        // A fenced block is a component when the scan took its word for one: it took every
        // block with a word that any component of the document has.
        let names = Set(document.components.map(\.name))
        Markdown.forEachNode(under: root) { entering, node in
            guard entering else { return }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_CODE_BLOCK:
                if let info = Markdown.fenceInfo(of: node), names.contains(String(Markdown.firstWord(of: info))) {
                    components.append(node)
                }
            default: break
            }
        }
        var notes: [(OpaquePointer, String)] = []
        var replacements: [Int: String] = [:]
        for (index, node) in links.enumerated() {
            guard let rewrite = link(index) else { continue }
            replacements[index] = rewrite.replacement
            cmark_node_set_url(node, rewrite.url)
            if let html = rewrite.htmlAfter { notes.append((node, html)) }
        }
        for (node, html) in notes {
            guard let inline = Markdown.newNode(CMARK_NODE_CUSTOM_INLINE) else { continue }
            cmark_node_set_on_enter(inline, html)
            if cmark_node_insert_after(node, inline) != 1 { cmark_node_free(inline) }
        }
        // Last, after the notes went in beside them: an image replaced is freed with what is in it.
        for (index, node) in links.enumerated().reversed() where Markdown.isReplaceableImage(node) {
            if let html = replacements[index] { Markdown.replace(node, withHTML: html, inline: true) }
        }
        for (index, node) in components.enumerated() {
            Markdown.replace(node, withHTML: component(index))
        }
        for (node, heading) in zip(headings, document.headings) {
            var html = Markdown.renderHTML(node)
            if let inner = Markdown.headingInner(html, level: heading.level) {
                let level = min(6, heading.level + headingStyle.levelOffset)
                html = "<h\(level) id=\"\(headingStyle.idPrefix)\(heading.id)\">" + inner + "</h\(level)>\n"
            }
            Markdown.replace(node, withHTML: html)
        }
    }
}
