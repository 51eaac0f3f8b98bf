/// The `{{…}}` tags of a template with their lines and columns, for what swift-mustache's
/// parser does not say: where a section that is never closed was opened (it reports the end of
/// the file), and which partial or parent a template names that does not exist (it renders
/// nothing for it).
struct TemplateTag: Equatable {
    /// `#`, `^`, `/`, `$`, `<`, `>`, `!`, `&` or `{`; nil for a plain `{{name}}`.
    var sigil: Character?
    var name: String
    var line: Int
    var column: Int
    /// Where it is, in characters of the template's text, braces included.
    var range: Range<Int>
    /// How many `{{#…}}` and `{{^…}}` sections it is inside (a section's own tags not counted).
    var depth: Int

    var opensSection: Bool { sigil.map { "#^$<".contains($0) } ?? false }

    /// How the editor wrote it: `{{#items}}`.
    var spelling: String { "{{\(sigil.map(String.init) ?? "")\(name)}}" }

    /// Every tag of `text`; nil when the template changes its delimiters (`{{=<% %>=}}`),
    /// after which `{{` no longer starts a tag.
    static func scan(_ text: String) -> [TemplateTag]? {
        let characters = Array(text)
        var tags: [TemplateTag] = []
        var line = 1
        var column = 1
        var index = 0
        var open: [Character] = []  // the sigils of the sections, blocks and parents open
        var depth: Int { open.filter { $0 == "#" || $0 == "^" }.count }
        func advance(to end: Int) {
            while index < end {
                if characters[index] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            }
        }
        while index + 1 < characters.count {
            guard characters[index] == "{", characters[index + 1] == "{" else {
                advance(to: index + 1)
                continue
            }
            let (startLine, startColumn) = (line, column)
            var close = index + 2
            while close + 1 < characters.count, !(characters[close] == "}" && characters[close + 1] == "}") {
                close += 1
            }
            guard close + 1 < characters.count else { break }  // unfinished: the parser reports it
            let inner = String(characters[(index + 2)..<close]).trimmingSpaces
            let sigil = inner.first.flatMap { "#^/$<>!&={".contains($0) ? $0 : nil }
            if sigil == "=" { return nil }
            var end = close + 2
            if sigil == "{", end < characters.count, characters[end] == "}" { end += 1 }
            let name = String(sigil == nil ? Substring(inner) : inner.dropFirst()).trimmingSpaces
            if sigil == "/", !open.isEmpty { open.removeLast() }
            tags.append(
                TemplateTag(
                    sigil: sigil, name: name, line: startLine, column: startColumn, range: index..<end, depth: depth))
            if let sigil, "#^$<".contains(sigil) { open.append(sigil) }
            advance(to: end)
        }
        return tags
    }

    /// The first closing tag whose name is not that of the innermost open section, and
    /// that section.
    static func mismatchedClose(in tags: [TemplateTag]) -> (close: TemplateTag, open: TemplateTag)? {
        var open: [TemplateTag] = []
        for tag in tags {
            if tag.opensSection {
                open.append(tag)
            } else if tag.sigil == "/", let last = open.last {
                if last.name != tag.name { return (tag, last) }
                open.removeLast()
            }
        }
        return nil
    }

    /// The innermost section of `tags` that is opened and never closed.
    static func unclosedSection(in tags: [TemplateTag]) -> TemplateTag? {
        var open: [TemplateTag] = []
        for tag in tags {
            if tag.opensSection {
                open.append(tag)
            } else if tag.sigil == "/", let last = open.lastIndex(where: { $0.name == tag.name }) {
                open.removeSubrange(last...)
            }
        }
        return open.last
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
