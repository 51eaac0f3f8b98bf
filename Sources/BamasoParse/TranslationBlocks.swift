import BamasoMarkdown
import BamasoSupport

/// A piece of a page a translator translates as one: the title, each front-matter text, each
/// heading, paragraph, list item, table row and component of the body. `bamaso translations
/// --ack` records the fingerprint of each block of the original, so that the blocks changed
/// since can be named later (`TranslationChanges`).
public struct TranslationBlock: Sendable, Equatable {
    /// `title`, `key_message`, `heading`, `paragraph`, `list item`, `table row`...
    public var label: String
    /// The line of the file it is on.
    public var line: Int
    public var text: String
    /// Eight hex digits, from the label and the words of the text, whatever spaces and line
    /// breaks are between them: rewrapping a paragraph changes nothing.
    public var fingerprint: String

    public init(label: String, line: Int, text: String) {
        self.label = label
        self.line = line
        self.text = text
        var fingerprint = Fingerprint()
        fingerprint.add(label.utf8)
        fingerprint.add([0])
        fingerprint.add(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").utf8)
        self.fingerprint = String(fingerprint.hex.prefix(8))
    }
}

extension Page {
    /// The page's blocks, in order: the front matter's texts, then the body's.
    public var translationBlocks: [TranslationBlock] {
        let frontMatter = self.frontMatter
        var blocks: [TranslationBlock] = []
        func add(_ key: String, _ texts: [String]) {
            let line = frontMatter.lines[key] ?? 1
            blocks += texts.map { TranslationBlock(label: key, line: line, text: $0) }
        }
        add("title", [frontMatter.title])
        if let description = frontMatter.description { add("description", [description]) }
        switch frontMatter.fields {
        case .none:
            break
        case .risk(let keyMessage):
            add("key_message", [keyMessage])
        case .school(let audience, let duration, let objectives, let materials):
            add("audience", [audience])
            add("duration", [duration])
            add("objectives", objectives)
            add("materials", materials)
        case .radio(let station, let minutes, let guests, let topics, _, _):
            add("station", [station])
            add("duration_minutes", [String(minutes)])
            add("guests", guests)
            add("topics", topics)
        case .contact(let organisation, _):
            add("organisation", [organisation])
        }
        for block in Markdown.blocks(of: self.body, firstLine: self.bodyFirstLine, isComponent: PageParser.isComponent)
        {
            blocks.append(TranslationBlock(label: block.kind.rawValue, line: block.line, text: block.text))
        }
        return blocks
    }
}
