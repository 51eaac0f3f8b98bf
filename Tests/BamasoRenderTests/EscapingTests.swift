import Foundation
import Testing

@testable import BamasoRender

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `"<>&'` and control characters in every format bamaso writes besides HTML.
@Suite struct EscapingTests {
    static let nasty = "Tom & Jerry's \"<script>alert(1)</script>\" ]]> <!-- x"

    @Test("XML text and attributes read back as written")
    func xml() throws {
        let document = try XMLDocument(xmlString: "<a b=\"\(Escape.xml(Self.nasty))\">\(Escape.xml(Self.nasty))</a>")
        #expect(document.rootElement()?.stringValue == Self.nasty)
        #expect(document.rootElement()?.attribute(forName: "b")?.stringValue == Self.nasty)
    }

    @Test("characters XML forbids become U+FFFD, so one title cannot break a whole feed")
    func xmlControlCharacters() throws {
        let text = "a\u{0}b\u{7}c\u{1B}d\u{FFFE}e\tf\ng"
        #expect(Escape.xml(text) == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\tf\ng")
        _ = try XMLDocument(xmlString: "<a>\(Escape.xml(text))</a>")
    }

    /// What `Escape.xml` and `Escape.html` do, written Unicode scalar by Unicode scalar.
    static func escapeScalars(_ text: String, apostrophe: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += apostrophe
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    @Test(
        "XML and HTML escaping byte by byte give what scalar by scalar gives",
        arguments: [
            "", "plain", nasty, "a\u{0}\u{1}\u{1F}\u{7F}b", "\t\n\r\r\n",
            "\u{FFFE}\u{FFFF}\u{FFFD}\u{FFFC}\u{EFFF}\u{F000}",
            "x\u{FFFF}", "\u{FFFE}", "Ubufasha ku bana b'u Rwanda", "日本語 & 한국어", "👩‍👩‍👧 <🇷🇼> \"e\u{301}\"", "'\u{301}",
            String(repeating: "<a href='x'>&amp;</a>", count: 50),
        ])
    func markupByBytes(text: String) {
        #expect(Escape.xml(text) == Self.escapeScalars(text, apostrophe: "&apos;"))
        #expect(Escape.html(text) == Self.escapeScalars(text, apostrophe: "&#39;"))
    }

    @Test(
        "share-link query values are percent-encoded as Foundation encodes them",
        arguments: [
            "", nasty, String(decoding: Array(0..<128), as: UTF8.self), "Ubufasha: 116 & 3512? #tip /x; a,b @c +d =e",
            "Ikinyarwanda é ñ 日本 👩‍👩‍👧 🇷🇼 e\u{301}", "100% free\n\nhttps://example.org/rw/risks/a-b_c~d/",
        ])
    func query(text: String) {
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#/:;,@"))
        #expect(Escape.query(text) == text.addingPercentEncoding(withAllowedCharacters: allowed))
    }

    @Test(
        "a page's address as a JSON string, as JSONSerialization writes it",
        arguments: [
            "https://example.org/bench/rw/contact/iom-rwanda/", "/rw/contact/a_b.c~d/", "", "../../rw/x/index.html",
        ])
    func plainJSONString(url: String) throws {
        let json = try #require(Escape.plainJSONString(url))
        #expect("{\"url\":\(json)}" == Escape.jsonForHTML(["url": url]))
    }

    @Test(
        "other text is left to JSONSerialization",
        arguments: ["a b", "é", "a\"b", "a\\b", "<", "a?b=c&d", "a#b", "\u{0}"])
    func notPlainJSONString(text: String) {
        #expect(Escape.plainJSONString(text) == nil)
    }

    @Test("JSON-LD cannot close its script element or open a comment, and reads back as written")
    func jsonLD() throws {
        let json = Escape.jsonForHTML(["name": Self.nasty])
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(object?["name"] == Self.nasty)
    }

    @Test(
        "a vCard value cannot start a property of its own: line breaks of every kind are escaped",
        arguments: [
            ("IOM\nEND:VCARD", "IOM\\nEND:VCARD"),
            ("IOM\rEND:VCARD", "IOM\\nEND:VCARD"),
            ("IOM\r\nEND:VCARD", "IOM\\nEND:VCARD"),
            ("a,b;c\\d", "a\\,b\\;c\\\\d"),
        ])
    func vCard(text: String, escaped: String) {
        #expect(Escape.vCard(text) == escaped)
    }
}

@Suite struct TemplateTagTests {
    @Test("tags are found with their line and column, triple mustaches and comments included")
    func scan() {
        let tags = TemplateTag.scan(
            "<p>{{title}}</p>\n  {{#items}}{{{ content }}}{{/items}}\n{{! note }}{{> partials.head}}")
        #expect(
            tags?.map(\.spelling) == [
                "{{title}}", "{{#items}}", "{{{content}}", "{{/items}}", "{{!note}}", "{{>partials.head}}",
            ])
        #expect(tags?.map(\.line) == [1, 2, 2, 2, 3, 3])
        #expect(tags?.map(\.column) == [4, 3, 13, 28, 1, 12])
    }

    @Test("a template that changes its delimiters is not scanned")
    func delimiters() {
        #expect(TemplateTag.scan("{{=<% %>=}}<%title%>") == nil)
    }

    @Test("the innermost section that is never closed, and a close that does not match")
    func sections() throws {
        let unclosed = try #require(TemplateTag.scan("{{#a}}\n{{#b}}{{/b}}\n{{^c}}\n{{/c}}{{$d}}"))
        #expect(TemplateTag.unclosedSection(in: unclosed)?.spelling == "{{$d}}")
        #expect(TemplateTag.mismatchedClose(in: unclosed) == nil)
        let mismatched = try #require(TemplateTag.scan("{{#a}}\n{{#b}}{{/b}}\n{{^c}}\n{{/a}}"))
        let mismatch = TemplateTag.mismatchedClose(in: mismatched)
        #expect(mismatch?.close.line == 4)
        #expect(mismatch?.open.spelling == "{{^c}}")
    }
}
