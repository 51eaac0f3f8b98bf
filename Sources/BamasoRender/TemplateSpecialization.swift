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
    /// A template a page can use, read into characters and tags once, for `specialized(sharing:)`.
    struct Specializable: Sendable {
        let characters: [Character]
        let tags: [TemplateTag]
    }

    /// This set with the tags that only read `shared` rendered in, in every template a page
    /// can use, or only in those `layouts` use when given (a group's pages use one or two of
    /// the seven layouts: the others need not be worked out). Nil when no tag could be.
    func specialized(sharing shared: TemplateValues, layouts: Set<String>? = nil) -> TemplateSet? {
        let used = layouts.map(reachable(from:))
        var library = MustacheLibrary()
        var changed = false
        for name in names {
            if used?.contains(name) ?? true, let source = specializable[name],
                let specialized = Self.specialize(source, sharing: shared)
            {
                guard let template = try? MustacheTemplate(string: Self.pragma + specialized) else { return nil }
                library.register(template, named: name)
                changed = true
            } else if let template = self.library.getTemplate(named: name) {
                library.register(template, named: name)  // compiled once, shared
            }
        }
        return changed ? TemplateSet(library: library, names: names, paths: paths, specializable: specializable) : nil
    }

    /// `layouts` and the templates they name, directly or through others, as far as
    /// `specialized(sharing:)` may change them: a template named only inside one it may not
    /// change is not one it may change either.
    private func reachable(from layouts: Set<String>) -> Set<String> {
        Self.named(from: layouts) { specializable[$0]?.tags }
    }

    /// `names` and every template they name (`{{> partial}}`, `{{< parent}}`), directly or
    /// through others, each template's tags given by `tags`.
    private static func named(from names: some Sequence<String>, tags: (String) -> [TemplateTag]?) -> Set<String> {
        var found = Set(names)
        var pending = Array(found)
        while let name = pending.popLast() {
            for tag in tags(name) ?? [] where tag.sigil == ">" || tag.sigil == "<" {
                if found.insert(tag.name).inserted { pending.append(tag.name) }
            }
        }
        return found
    }

    /// The templates `specialized(sharing:)` may change, by name, from each template's text:
    /// those a page's layout uses, but not partials and parents named inside a section, where a
    /// name may be found in the section's value instead, and not templates that change their
    /// delimiters or content type (`{{%`), which the snippets would not follow.
    static func specializable(_ texts: [String: String], layouts: [String]? = nil) -> [String: Specializable] {
        var scanned: [String: [TemplateTag]] = [:]
        for (name, text) in texts {
            // A template whose tags cannot be read counts as naming every template.
            guard let tags = TemplateTag.scan(text) else { return [:] }
            scanned[name] = tags
        }
        let used = named(from: layouts ?? Array(texts.keys)) { scanned[$0] }
        let insideSections = named(
            from: scanned.values.joined().filter { $0.depth > 0 && ($0.sigil == ">" || $0.sigil == "<") }.map(\.name)
        ) { scanned[$0] }
        var result: [String: Specializable] = [:]
        for (name, tags) in scanned
        where used.contains(name) && !insideSections.contains(name) && !texts[name]!.contains("{{%") {
            result[name] = Specializable(characters: Array(texts[name]!), tags: tags)
        }
        return result
    }

    /// `text` as `specialized(sharing:)` would make it: nil when it changes nothing, or would
    /// not be specialized at all.
    static func specialize(_ text: String, sharing shared: TemplateValues) -> String? {
        specializable(["text": text])["text"].flatMap { specialize($0, sharing: shared) }
    }

    /// The template with every tag outside sections that reads only `shared` replaced by what
    /// it renders to; nil when no tag is.
    static func specialize(_ source: Specializable, sharing shared: TemplateValues) -> String? {
        let characters = source.characters
        let tags = source.tags
        var replacements: [(range: Range<Int>, html: String)] = []
        var index = 0
        while index < tags.count {
            let tag = tags[index]
            index += 1
            guard tag.depth == 0, let root = tag.name.split(separator: ".").first.map(String.init),
                shared[root] != nil, !tag.name.contains("(")
            else { continue }
            switch tag.sigil {
            case nil, "&", "{":
                guard let html = render(String(characters[tag.range]), sharing: shared),
                    html.contains(where: { !$0.isWhitespace }) || !lineHasOtherTags(tag, in: tags)
                else { continue }
                replacements.append((tag.range, html))
            case "#", "^":
                guard
                    let close = tags[index...].firstIndex(where: {
                        $0.sigil == "/" && $0.name == tag.name && $0.depth == 0
                    }),
                    !tags[index..<close].contains(where: { ">$<=".contains($0.sigil ?? " ") })
                else { continue }
                let end = tags[close]
                let opensAlone = standsAlone(tag.range, in: characters)
                let closesAlone = standsAlone(end.range, in: characters)
                let range: Range<Int>
                if let opening = opensAlone, let closing = closesAlone {
                    range = opening.lowerBound..<closing.upperBound
                } else if opensAlone == nil, closesAlone == nil {
                    range = tag.range.lowerBound..<end.range.upperBound
                } else {
                    continue
                }
                index = close + 1
                guard let html = render(String(characters[range]), sharing: shared),
                    opensAlone != nil || html.contains(where: { !$0.isWhitespace })
                        || !lineHasOtherTags(tag, in: tags) && !lineHasOtherTags(end, in: tags)
                else { continue }
                replacements.append((range, html))
            default:
                continue
            }
        }
        guard !replacements.isEmpty else { return nil }
        var result = characters
        for replacement in replacements.reversed() {
            result.replaceSubrange(replacement.range, with: Array(replacement.html))
        }
        return String(result)
    }

    /// What `snippet` renders to with only `shared` to read; nil if it asks for any other
    /// name, or if its HTML could be read as a tag once put back into the template.
    private static func render(_ snippet: String, sharing shared: TemplateValues) -> String? {
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
/// notes any name it is asked for that it does not have and a page may have
/// (`LayoutValues.anyPage`), which the page would give instead. A name no page has, such as a
/// menu entry's `current` looked for past an entry without one, is nothing on every page.
private final class SharedValues: MustacheParent {
    let values: TemplateValues
    private(set) var askedForOthers = false

    init(_ values: TemplateValues) {
        self.values = values
    }

    func child(named name: String) -> Any? {
        guard let value = values[name] else {
            if LayoutValues.anyPage.contains(name) { askedForOthers = true }
            return nil
        }
        return value
    }
}
