import BamasoDiagnostics
import BamasoLoad
import Mustache
import Testing

@testable import BamasoRender

/// `TemplateEscaping` must give what swift-mustache's own HTML escaping gives, except where the
/// library leaves one of the five unescaped because a mark joins it to another character.
@Suite struct TemplateEscapingTests {
    /// The library's escaping of `text`: a template compiled without the pragma.
    static func libraryEscape(_ text: String) throws -> String {
        try MustacheTemplate(string: "{{x}}").render(["x": text])
    }

    @Test(
        "the same text as the library's escaping",
        arguments: [
            "", "plain text", "<", ">", "&", "\"", "'", "<>&\"'", "Tom & Jerry's \"<script>alert(1)</script>\"",
            "&amp; already escaped", "a<b", "<a", "a>", "''\"\"&&<<>>",
            // Multi-byte characters next to and away from the five.
            "Ubufasha ku bana <é>", "é<", ">é", "日本<語>&", "<日>", "\u{0}<\u{0}", "\r\n<\r\n",
            "e\u{301}<", "<e\u{301}", "\u{200D}'",
            // Emoji: sequences, flags, skin tones, variation selectors.
            "👩‍👩‍👧 & <", "<👩‍👩‍👧>", "🇷🇼\"🇬🇧", "👍🏽'", "'👍🏽", "❤\u{FE0F}&",
            "한국어 <한> &", "<\u{1100}\u{1161}>",
        ])
    func matchesLibrary(text: String) throws {
        #expect(TemplateEscaping.escape(text) == (try Self.libraryEscape(text)))
    }

    /// A combining mark after `"` makes one Character of the two, and the library's escaping,
    /// which compares Characters, leaves the quote as it is: in an attribute it would end the
    /// value. Those are escaped here.
    @Test(
        "the five are escaped even when a mark joins them to another character",
        arguments: [
            ("<\u{301}script>", "&lt;\u{301}script&gt;"), ("\"\u{301} onload=x", "&quot;\u{301} onload=x"),
            ("'\u{301}", "&#39;\u{301}"), ("&\u{301}amp;", "&amp;\u{301}amp;"), ("a<\u{338}b", "a&lt;\u{338}b"),
            ("x<\u{301}\u{302}y", "x&lt;\u{301}\u{302}y"),
            // A prepended mark (U+0600) joins the next character; a spacing mark (U+0903) and a
            // zero-width joiner join the one before.
            ("\u{600}<", "\u{600}&lt;"), ("\u{600}&x", "\u{600}&amp;x"), ("<\u{903}", "&lt;\u{903}"),
            ("'\u{200D}", "&#39;\u{200D}"), ("<\u{FE0F}", "&lt;\u{FE0F}"),
        ])
    func joinedByMarks(text: String, expected: String) throws {
        #expect(Array(TemplateEscaping.escape(text).utf8) == Array(expected.utf8))
        #expect(
            try Self.libraryEscape(text) != expected,
            "the library now escapes this itself; the note above is out of date")
    }

    @Test("every pair of ASCII characters, where the escaping looks at bytes only")
    func asciiPairs() throws {
        for first in 0..<128 {
            var texts: [String] = []
            for second in 0..<128 {
                texts.append(String(decoding: [UInt8(first), UInt8(second)], as: UTF8.self))
            }
            let escaped = texts.map(TemplateEscaping.escape)
            let expected = try texts.map(Self.libraryEscape)
            #expect(escaped == expected, "pairs starting with byte \(first)")
        }
    }

    @Test(
        "each of the five before and after every character of planes 0, 1 and 14",
        arguments: ["<", ">", "&", "\"", "'"])
    func besideEveryScalar(special: String) throws {
        var text = ""
        for value in Array(0x80...0x1FFFF) + Array(0xE0000...0xE0FFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            text += special
            text.unicodeScalars.append(scalar)
            text += " "
            text.unicodeScalars.append(scalar)
            text += special + " "
        }
        // Scalar by scalar, so no mark can hide one of the five.
        var expected = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": expected += "&lt;"
            case ">": expected += "&gt;"
            case "&": expected += "&amp;"
            case "\"": expected += "&quot;"
            case "'": expected += "&#39;"
            default: expected.unicodeScalars.append(scalar)
            }
        }
        #expect(Array(TemplateEscaping.escape(text).utf8) == Array(expected.utf8))
    }

    @Test("templates, partials, parents, blocks and sections escape as the library does")
    func throughTemplateSet() throws {
        let files = [
            "templates/layouts/base.mustache":
                "<title>{{title}}</title>\n{{> partials.p}}\n{{$main}}{{title}}{{/main}}\n",
            "templates/partials/p.mustache": "<p title=\"{{title}}\">{{#items}}{{.}}|{{name}}{{/items}}</p>\n",
            "templates/layouts/page.mustache":
                "{{<layouts.base}}\n{{$main}}\n  <h1>{{title}}</h1>\n{{#items}}\n  <li>{{name}} {{{name}}}</li>\n"
                + "{{/items}}\n{{/main}}\n{{/layouts.base}}\n",
        ]
        var diagnostics: [Diagnostic] = []
        let set = try #require(
            TemplateSet.load(project(templates: BamasoRenderTests.templates(files)), into: &diagnostics))
        var library = MustacheLibrary()
        for (path, text) in files {
            library.register(
                try MustacheTemplate(string: text),
                named: String(path.dropFirst("templates/".count).dropLast(".mustache".count)).replacingOccurrences(
                    of: "/", with: "."))
        }
        let context: [String: Any] = [
            "title": "Tom & Jerry's \"<b>\" é<",
            "items": [["name": "<i>'1'</i>"], ["name": "a&b"]],
        ]
        let rendered = set.render(context, with: "layouts.page")
        #expect(rendered.contains("&lt;h1&gt;") == false && rendered.contains("&lt;i&gt;&#39;1&#39;&lt;/i&gt;"))
        #expect(rendered == library.render(context, withTemplate: "layouts.page"))
        // Where the library would leave a quote joined to a mark, every template escapes it.
        let marked = set.render(["title": "\"\u{301}", "items": [["name": "\"\u{301}"]]], with: "layouts.page")
        let quote = Array("&quot;\u{301}".utf8)
        let bytes = Array(marked.utf8)
        let found = (0...(bytes.count - quote.count)).filter { bytes[$0..<($0 + quote.count)].elementsEqual(quote) }
        #expect(found.count == 5, "title, attribute and h1, and {{name}} in the partial and in the block")
        #expect(
            set.library.getTemplate(named: "layouts.page")?.description.hasPrefix("{{% CONTENT_TYPE: BAMASO_HTML}}\n")
                == true)
    }
}
