import BamasoDiagnostics
import BamasoLoad
import BamasoSupport
import Foundation
import Testing

@testable import BamasoParse

/// `PageParser.split` works on bytes; these compare it with splitting the text into lines of
/// characters, as it was done before, on texts where the two could part ways.
@Suite struct FrontMatterSplitTests {
    static let path = "content/risks/a.en.md"

    @Test(
        "the same front matter, body and body line as splitting into lines",
        arguments: [
            "---\ntitle: A\n---\nBody\n", "---\ntitle: A\n---\nBody", "---\ntitle: A\n---\n", "---\ntitle: A\n---",
            "---\n---\n", "---\n---", "--- \t\ntitle: A\n---  \nBody\n", "---\ntitle: A\n- --\n----\n---\nBody\n",
            "---\ntitle: Ubú\n---\nÑ 日本 👍🏽\n\n## Umutwe\n", "---\ntitle: A\n---\n---\nmore\n", "\n---\ntitle: A\n---\n",
            "---\u{301}\ntitle: A\n---\n", "---\ntitle: A\n--- \u{301}\nB\n---\nC", " ---\ntitle: A\n---\n",
            "---\r\ntitle: A\n---\n",
            "---\ntitle: A\n", "---", "---\n", "title: A\n", "\u{A0}", "\u{A0}x", " \u{301}", "\u{2028}\n\u{3000}",
            "\u{1C}",
            "\n  \n", "",
        ])
    func sameAsLines(text: String) {
        var found: [Diagnostic] = []
        let split = PageParser.split(SourceFile(path: Self.path, text: text), into: &found)
        var expected: [Diagnostic] = []
        let expectedSplit = Self.splitIntoLines(text, into: &expected)
        #expect(split == expectedSplit)
        #expect(found == expected)
    }

    /// The way `split` worked before it worked on bytes.
    static func splitIntoLines(_ text: String, into diagnostics: inout [Diagnostic]) -> PageParser.Split? {
        let location = FileLocation(path: path)
        if text.allSatisfy(\.isWhitespace) {
            diagnostics.append(
                .error(
                    at: location, "the file is empty",
                    hint: "start it with front matter: a line '---', 'title: ...', and '---'"))
            return nil
        }
        func trimmed(_ line: Substring) -> Substring {
            var line = line
            while line.last == " " || line.last == "\t" { line = line.dropLast() }
            return line
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ trimmed($0) == "---" }) == true else {
            diagnostics.append(
                .error(
                    at: location, "the page does not start with front matter",
                    hint: "the first line must be '---', followed by 'title: ...' and a closing '---'"))
            return nil
        }
        guard let close = lines.indices.dropFirst().first(where: { trimmed(lines[$0]) == "---" }) else {
            diagnostics.append(
                .error(
                    at: location, "the front matter that starts here is never closed",
                    hint: "add a line '---' after the last front-matter line, before the text"))
            return nil
        }
        return PageParser.Split(
            yaml: lines[1..<close].joined(separator: "\n"),
            body: lines[(close + 1)...].joined(separator: "\n"), bodyFirstLine: close + 2)
    }

    @Test("every ASCII character is white space or not as Character.isWhitespace says")
    func blankASCII() {
        for value in UInt8(0)..<0x80 {
            let text = String(UnicodeScalar(value))
            #expect(PageParser.isBlank(text) == text.allSatisfy(\.isWhitespace), "byte \(value)")
        }
    }
}
