import Foundation
import Testing

@testable import BamasoParse

@Suite struct SummaryTrimmingTests {
    @Test(
        "a summary's cut loses punctuation and spaces at its ends as Foundation trims them",
        arguments: [
            "", "plain", "Ba maso, ", "«Ba maso»", "...and so:", "(a) [b] {c}", " \u{A0}ibyo;\u{3000}", "“Quoted.”",
            "end \u{10100}", "\u{10100} start", "¿Qué? ¡Sí!", "word 👍🏽,", ", e\u{301},", "-—–", "\u{2028}line\u{2028}",
        ])
    func sameAsFoundation(text: String) {
        let cut = ("x" + text + "x").dropFirst().dropLast()
        #expect(
            cut.trimmingPunctuationAndWhitespaces()
                == cut.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)))
    }
}
