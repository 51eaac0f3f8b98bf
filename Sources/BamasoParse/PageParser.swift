import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoSupport
import Foundation

/// Stage 2: turns content files into typed pages.
public enum PageParser {
    /// Parses every content file of `project`. Files with errors are left out, and every
    /// error is reported. Files are parsed on every core (Yams and cmark keep no state between
    /// documents), and pages and diagnostics come out in the order of the files.
    public static func parse(_ project: LoadedProject, into diagnostics: inout [Diagnostic]) -> ParsedSite {
        let sections = project.site.sections
        let languages = project.site.languages
        let results = project.contentFiles.concurrentMap { file in
            var found: [Diagnostic] = []
            let page = parse(file, sections: sections, languages: languages, into: &found)
            return (page: page, diagnostics: found)
        }
        var pages: [Page] = []
        pages.reserveCapacity(results.count)
        for result in results {
            diagnostics += result.diagnostics
            if let page = result.page { pages.append(page) }
        }
        return ParsedSite(project: project, pages: pages)
    }

    /// The components whose body is Markdown, scanned with the page: a callout's text has links
    /// to resolve and is rendered like the page's own.
    public static let markdownComponents: Set<String> = ["callout"]

    /// The components a page may use in a fenced block: ```` ```table People reached ````.
    public static let componentNames = ["table", "contact", "callout", "audio"]

    /// Whether a fenced block with `word` after the fence is a component: a component's name,
    /// or a word within two edits of one (```` ```calout ```` is a typo, reported as such);
    /// any other word is a code block's language (```` ```sh ````).
    public static func isComponent(_ word: String) -> Bool {
        // Most words are a component's name as it is spelled.
        if componentNames.contains(word) { return true }
        let word = word.lowercased()
        return componentNames.contains { Suggestion.editDistance(word, $0) <= 2 }
    }

    /// Parses one content file.
    public static func parse(
        _ file: SourceFile, sections: [String], languages: [Language], into diagnostics: inout [Diagnostic]
    ) -> Page? {
        guard let place = place(of: file.path, sections: sections, languages: languages, into: &diagnostics)
        else { return nil }
        guard let split = split(file, into: &diagnostics) else { return nil }
        let reader = YAMLReader(path: file.path, firstLine: 2)
        let frontMatter = FrontMatter.parse(
            split.yaml, kind: place.kind, languages: languages, reader: reader, into: &diagnostics)
        let markdown = Markdown.scan(
            split.body, firstLine: split.bodyFirstLine, markdownComponents: markdownComponents,
            isComponent: isComponent)
        checkAccessibility(markdown, path: file.path, into: &diagnostics)
        checkUnpublished(markdown, path: file.path, into: &diagnostics)
        return Page(
            path: file.path, section: place.section, slug: place.slug, language: place.language,
            kind: place.kind, frontMatter: frontMatter, body: split.body, bodyFirstLine: split.bodyFirstLine,
            markdown: markdown)
    }

    /// What a visitor with a screen reader needs from the text itself: one page title, and a
    /// description for every image.
    static func checkAccessibility(_ markdown: MarkdownDocument, path: String, into diagnostics: inout [Diagnostic]) {
        for heading in markdown.headings where heading.level == 1 {
            diagnostics.append(
                .warning(
                    at: FileLocation(path: path, line: heading.line),
                    "a page has one main heading, its title; this '#' heading would be a second one",
                    hint: "write '## \(heading.text)' instead"))
        }
        for image in markdown.links
        where image.kind == .image && image.text.trimmingWhitespaces().isEmpty && !image.isDecorative {
            diagnostics.append(
                .error(
                    at: FileLocation(path: path, line: image.line, column: image.column),
                    "this image has no description for people who cannot see it",
                    hint: "write what the image shows between the brackets: ![A teacher talks to a "
                        + "class](\(image.destination)); for an image that only decorates, mark it: "
                        + "![](\(image.destination) \"decorative\")"))
        }
    }

    /// What cmark's safe mode leaves out of the page: raw HTML (it could carry a script) and
    /// links that could run code or that point at one computer's files. The page would lose
    /// them without a word, so each is an error the editor sees. HTML comments are notes for
    /// other editors, meant not to be published, and are not reported.
    public static func checkUnpublished(
        _ markdown: MarkdownDocument, path: String, into diagnostics: inout [Diagnostic]
    ) {
        // A closing tag (`</b>`) goes with an opening one that is reported already.
        for html in markdown.rawHTML where !html.isComment && !html.text.hasPrefix("</") {
            let firstLine = html.text.split(separator: "\n").first.map(String.init) ?? html.text
            let excerpt = firstLine.count > 40 ? firstLine.prefix(40) + "…" : firstLine
            diagnostics.append(
                .error(
                    at: FileLocation(path: path, line: html.line, column: html.column),
                    "HTML is not published, only Markdown: '\(excerpt.trimmingWhitespaces())'",
                    hint: "write it in Markdown, or with a component (table, callout, contact, audio); to show HTML "
                        + "code as text, put it between backticks"))
        }
        for link in markdown.links {
            let destination = link.destination.trimmingWhitespaces().lowercased()
            guard
                let scheme = ["javascript:", "vbscript:", "file:", "data:"].first(where: { destination.hasPrefix($0) }),
                !(scheme == "data:"
                    && ["png", "gif", "jpeg", "webp"].contains(where: { destination.hasPrefix("data:image/\($0)") }))
            else { continue }
            let shown = link.destination.count > 40 ? link.destination.prefix(40) + "…" : link.destination
            let location = FileLocation(path: path, line: link.line, column: link.column)
            if scheme == "javascript:" || scheme == "vbscript:" {
                diagnostics.append(
                    .error(
                        at: location,
                        "'\(shown)' is not published: a '\(scheme)' link could run a program in the visitor's browser",
                        hint: "link to a web address (https://...) or to a page (@/risks/fake-job-offers)"))
            } else {
                diagnostics.append(
                    .error(
                        at: location, "'\(shown)' is not published: visitors cannot open a '\(scheme)' link",
                        hint: "put the file in content/media/ and link to it as /media/NAME"))
            }
        }
    }

    struct Split: Equatable {
        var yaml: String
        var body: String
        var bodyFirstLine: Int
    }

    /// Separates the front matter (between `---` lines) from the Markdown body. Works on the
    /// file's UTF-8 bytes, in one pass over the front matter: the delimiters are ASCII, and
    /// splitting the whole file into lines of characters was a third of all parsing. Its
    /// lines end at `\n` bytes, as the lines of characters did: a decoded file has no `\r\n`,
    /// the only character that holds a `\n` and more.
    static func split(_ file: SourceFile, into diagnostics: inout [Diagnostic]) -> Split? {
        let location = FileLocation(path: file.path)
        if isBlank(file.text) {
            diagnostics.append(
                .error(
                    at: location, "the file is empty",
                    hint: "start it with front matter: a line '---', 'title: ...', and '---'"))
            return nil
        }
        var text = file.text
        return text.withUTF8 { bytes -> Split? in
            func lineEnd(from start: Int) -> Int {
                bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            }
            // `---`, perhaps followed by spaces and tabs.
            func isDelimiter(_ start: Int, _ end: Int) -> Bool {
                var end = end
                while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") {
                    end -= 1
                }
                return end - start == 3 && bytes[start..<end].allSatisfy { $0 == UInt8(ascii: "-") }
            }
            func string(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            let firstEnd = lineEnd(from: 0)
            guard isDelimiter(0, firstEnd) else {
                diagnostics.append(
                    .error(
                        at: location, "the page does not start with front matter",
                        hint: "the first line must be '---', followed by 'title: ...' and a closing '---'"))
                return nil
            }
            var line = 1  // counted from 0, as the file's lines were
            var start = firstEnd + 1
            while start <= bytes.count {
                let end = lineEnd(from: start)
                if isDelimiter(start, end) {
                    return Split(
                        yaml: string(firstEnd + 1..<max(firstEnd + 1, start - 1)),
                        body: string(min(end + 1, bytes.count)..<bytes.count),
                        bodyFirstLine: line + 2)
                }
                line += 1
                start = end + 1
            }
            diagnostics.append(
                .error(
                    at: location, "the front matter that starts here is never closed",
                    hint: "add a line '---' after the last front-matter line, before the text"))
            return nil
        }
    }

    /// Whether the text is only white space, as `allSatisfy(\.isWhitespace)` says, without
    /// going through the text character by character: a single ASCII byte that is not white
    /// space settles it, since it starts a character of its own (or follows a non-space).
    static func isBlank(_ text: String) -> Bool {
        var hasOtherBytes = false
        for byte in text.utf8 {
            switch byte {
            case 0x09...0x0D, 0x20: continue
            case 0x80...: hasOtherBytes = true
            default: return false
            }
        }
        return !hasOtherBytes || text.allSatisfy(\.isWhitespace)
    }
}
