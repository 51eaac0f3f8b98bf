import BamasoSupport
import Foundation
import Testing

@Suite struct TrimmingTests {
    @Test("every code point is trimmed exactly when Foundation's sets contain it")
    func everyCodePoint() {
        var differences: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            if text.trimmingWhitespaces().isEmpty != CharacterSet.whitespaces.contains(scalar) {
                differences.append("whitespaces U+\(String(value, radix: 16))")
            }
            if text.trimmingWhitespacesAndNewlines().isEmpty != CharacterSet.whitespacesAndNewlines.contains(scalar) {
                differences.append("whitespacesAndNewlines U+\(String(value, radix: 16))")
            }
        }
        #expect(differences == [])
    }

    @Test(
        "the same text as Foundation's trimmingCharacters",
        arguments: [
            "", " ", "\t\n \r\n", "plain", "  two  words \t", " \u{301}accent on a space \u{301}",
            "\u{A0}no-break\u{A0}", "\u{2028}line separator\u{2029}", "\u{85}next line\u{85}",
            "\u{200B}zero width\u{200B}",
            "\u{3000}全角\u{3000}", "\u{180E}mongolian vowel separator\u{180E}", "\u{FEFF}bom\u{FEFF}", "e\u{301} ",
            "\r\nwindows\r\n", "👍🏽 ", " 🇷🇼", "\u{1680}\u{2000}\u{200A}\u{202F}\u{205F}x\u{0B}\u{0C}",
        ])
    func sameAsFoundation(text: String) {
        #expect(text.trimmingWhitespaces() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(String(text.withoutWhitespacesAndNewlines) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        let substring = ("x" + text + "x").dropFirst().dropLast()
        #expect(substring.trimmingWhitespaces() == substring.trimmingCharacters(in: .whitespaces))
    }
}
