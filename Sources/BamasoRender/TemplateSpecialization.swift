import Mustache

/// The theme with what every page of one language and section shares worked out once: the
/// interface strings, the menu, the help strip, the home and stylesheet links. Those tags of
/// the page templates are replaced by the HTML they render to, and each page renders only what
/// is its own.
///
/// swift-mustache looks every name up through several casts, and the header, help strip and
/// footer were a quarter of the time spent rendering pages, the same HTML for thousands of
/// them. A tag is replaced only when rendering it alone, with nothing but the shared values,
/// asks for no other name (so it would render the same on every page), and its HTML cannot
/// change how the rest of the template is read; anything else is left for each page. Pages
/// come out byte for byte as from the theme as written (`GoldenSiteTests`, and the benchmark
/// corpora compared in the closing notes of issue 8).
extension TemplateSet {
    /// This set with the tags that only read `shared` rendered in, in every template a page
    /// can use; nil when no tag could be.
    func specialized(sharing shared: TemplateValues) -> TemplateSet? {
        let pragma = "{{% CONTENT_TYPE: \(TemplateEscaping.name)}}\n"
        let insideSections = partialsUsedInsideSections()
        var library = MustacheLibrary()
        var changed = false
        for (name, text) in sources {
            var specialized = text
            if !name.hasPrefix("components."), !insideSections.contains(name),
               let rendered = Self.specialize(text, sharing: shared, pragma: pragma) {
                specialized = rendered
                changed = changed || rendered != text
            }
            guard let template = try? MustacheTemplate(string: pragma + specialized) else { return nil }
            library.register(template, named: name)
        }
        return changed ? TemplateSet(library: library, names: names, paths: paths, sources: sources) : nil
    }

    /// Partials and parents named inside a section somewhere: there a name may be found in
    /// the section's value instead, so their tags are left as they are.
    func partialsUsedInsideSections() -> Set<String> {
        var found = Set<String>()
        var named: [String: [TemplateTag]] = [:]
        for (name, text) in sources {
            // A template whose tags cannot be read counts as naming every template.
            guard let tags = TemplateTag.scan(text) else { return Set(sources.keys) }
            named[name] = tags.filter { $0.sigil == ">" || $0.sigil == "<" }
            for tag in named[name]! where tag.depth > 0 { found.insert(tag.name) }
        }
        // And what those name, wherever they name it.
        var pending = Array(found)
        while let name = pending.popLast() {
            for tag in named[name] ?? [] where found.insert(tag.name).inserted { pending.append(tag.name) }
        }
        return found
    }

    /// `text` with every tag outside sections that reads only `shared` replaced by what it
    /// renders to; nil when the template changes its delimiters.
    static func specialize(_ text: String, sharing shared: TemplateValues, pragma: String) -> String? {
        // A template of its own content type would escape differently from the snippets.
        guard !text.contains("{{%"), let tags = TemplateTag.scan(text) else { return nil }
        let characters = Array(text)
        var replacements: [(range: Range<Int>, html: String)] = []
        var index = 0
        while index < tags.count {
            let tag = tags[index]
            index += 1
            guard tag.depth == 0, let root = tag.name.split(separator: ".").first.map(String.init),
                  shared[root] != nil, !tag.name.contains("(") else { continue }
            switch tag.sigil {
            case nil, "&", "{":
                guard let html = render(String(characters[tag.range]), sharing: shared, pragma: pragma),
                      html.contains(where: { !$0.isWhitespace }) || !lineHasOtherTags(tag, in: tags)
                else { continue }
                replacements.append((tag.range, html))
            case "#", "^":
                guard let close = tags[index...].firstIndex(where: { $0.sigil == "/" && $0.name == tag.name && $0.depth == 0 }),
                      !tags[index..<close].contains(where: { ">$<=".contains($0.sigil ?? " ") })
                else { continue }
                let end = tags[close]
                let opensAlone = standsAlone(tag.range, in: characters), closesAlone = standsAlone(end.range, in: characters)
                let range: Range<Int>
                if let opening = opensAlone, let closing = closesAlone {
                    range = opening.lowerBound..<closing.upperBound
                } else if opensAlone == nil, closesAlone == nil {
                    range = tag.range.lowerBound..<end.range.upperBound
                } else {
                    continue
                }
                index = close + 1
                guard let html = render(String(characters[range]), sharing: shared, pragma: pragma),
                      opensAlone != nil || html.contains(where: { !$0.isWhitespace })
                        || !lineHasOtherTags(tag, in: tags) && !lineHasOtherTags(end, in: tags)
                else { continue }
                replacements.append((range, html))
            default:
                continue
            }
        }
        var result = characters
        for replacement in replacements.reversed() {
            result.replaceSubrange(replacement.range, with: Array(replacement.html))
        }
        return String(result)
    }

    /// What `snippet` renders to with only `shared` to read; nil if it asks for any other
    /// name, or if its HTML could be read as a tag once put back into the template.
    private static func render(_ snippet: String, sharing shared: TemplateValues, pragma: String) -> String? {
        guard let template = try? MustacheTemplate(string: pragma + snippet) else { return nil }
        let context = SharedValues(shared)
        let html = template.render(context)
        guard !context.askedForOthers, !html.contains("{{"), html.first != "{", html.last != "{", html.last != "}"
        else { return nil }
        return html
    }

    /// The whole line of the tag at `range`, with its line break, when the tag is alone on it
    /// (a "standalone" tag, which Mustache removes with its line).
    private static func standsAlone(_ range: Range<Int>, in characters: [Character]) -> Range<Int>? {
        var start = range.lowerBound
        while start > 0, characters[start - 1] != "\n" {
            guard characters[start - 1] == " " || characters[start - 1] == "\t" else { return nil }
            start -= 1
        }
        var end = range.upperBound
        while end < characters.count, characters[end] != "\n" {
            guard characters[end] == " " || characters[end] == "\t" || characters[end] == "\r" else { return nil }
            end += 1
        }
        return start..<min(end + 1, characters.count)
    }

    /// Whether another tag shares the line of `tag`: replaced by nothing but spaces, the tag
    /// could leave that one alone on its line, which would change how it renders.
    private static func lineHasOtherTags(_ tag: TemplateTag, in tags: [TemplateTag]) -> Bool {
        tags.contains { $0.line == tag.line && $0.range != tag.range }
    }
}

/// The values every page of a language and section shares, for rendering a tag alone: it
/// notes any name it is asked for that it does not have, which the page would give instead.
private final class SharedValues: MustacheParent {
    let values: TemplateValues
    private(set) var askedForOthers = false

    init(_ values: TemplateValues) {
        self.values = values
    }

    func child(named name: String) -> Any? {
        guard let value = values[name] else {
            askedForOthers = true
            return nil
        }
        return value
    }
}
