import BamasoLoad
import Foundation
import Testing

@Suite struct SlugTests {
    /// The check as it was, character by character, for every name it now reads as bytes.
    static func isValidByCharacters(_ name: String) -> Bool {
        guard let first = name.first, let last = name.last, first != "-", last != "-" else { return false }
        return !name.contains("--")
            && name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    @Test("ASCII names of up to three characters get the same answer as character by character")
    func shortASCIINames() {
        let alphabet = ["a", "m", "z", "0", "9", "-", "A", "Z", "_", ".", " ", "/", "`", "{", "\r", "\n", "\u{7F}"]
        var names = [""] + alphabet
        names += alphabet.flatMap { first in alphabet.map { first + $0 } }
        names += ["a", "-", "0"].flatMap { first in names.filter { $0.count == 2 }.map { first + $0 } }
        let different = names.filter { Slug.isValid($0) != Self.isValidByCharacters($0) }
        #expect(different == [])
    }

    @Test(
        "names with other characters are checked character by character",
        arguments: [
            "fake-job-offers", "ubu-hamya", "café", "b\u{327}c", "ubú", "ａｂｃ", "a–b",
        ])
    func otherNames(name: String) {
        #expect(Slug.isValid(name) == Self.isValidByCharacters(name))
        #expect(Slug.isValid(Substring(name)) == Self.isValidByCharacters(name))
    }
}
