import BamasoDiagnostics
import Testing

@Suite struct DiagnosticTests {
    @Test("prints path:line:column: severity: message; hint")
    func formatWithHint() {
        let diagnostic = Diagnostic.error(
            at: FileLocation(path: "content/risks/fake-job-offers.en.md", line: 3, column: 1),
            "unknown key 'titel' in the front matter of this risk message",
            hint: "did you mean 'title'?")
        #expect(
            diagnostic.description
                == "content/risks/fake-job-offers.en.md:3:1: error: unknown key 'titel' in the front matter of "
                + "this risk message; did you mean 'title'?")
    }

    @Test("prints no hint part when there is no hint")
    func formatWithoutHint() {
        let diagnostic = Diagnostic.warning(
            at: FileLocation(path: "content/notes.txt", line: 12, column: 7),
            "this file is not a page and is not published")
        #expect(
            diagnostic.description == "content/notes.txt:12:7: warning: this file is not a page and is not published")
    }

    @Test("a location never has a line or column below 1")
    func locationClampsToOne() {
        #expect(FileLocation(path: "content/site.yml", line: 0, column: -4).description == "content/site.yml:1:1")
        #expect(FileLocation(path: "content/site.yml").description == "content/site.yml:1:1")
    }

    @Test("the report is sorted by file, line and column, errors first at one place, without duplicates")
    func sortedForReport() {
        let b = "content/risks/b.en.md"
        let a = "content/risks/a.en.md"
        let found: [Diagnostic] = [
            .warning(at: FileLocation(path: b, line: 4, column: 2), "fragment not found"),
            .error(at: FileLocation(path: b, line: 10, column: 1), "late"),
            .error(at: FileLocation(path: b, line: 4, column: 2), "link to nowhere"),
            .error(at: FileLocation(path: a, line: 7, column: 1), "in a"),
            .error(at: FileLocation(path: b, line: 4, column: 1), "earlier column"),
            .error(at: FileLocation(path: b, line: 10, column: 1), "late"),  // found twice
        ]
        #expect(
            found.sortedForReport().map(\.description) == [
                "content/risks/a.en.md:7:1: error: in a",
                "content/risks/b.en.md:4:1: error: earlier column",
                "content/risks/b.en.md:4:2: error: link to nowhere",
                "content/risks/b.en.md:4:2: warning: fragment not found",
                "content/risks/b.en.md:10:1: error: late",
            ])
    }

    @Test("line 10 sorts after line 9 (numbers, not text)")
    func numericLineOrder() {
        let found: [Diagnostic] = [
            .error(at: FileLocation(path: "x.md", line: 10), "ten"),
            .error(at: FileLocation(path: "x.md", line: 9), "nine"),
        ]
        #expect(found.sortedForReport().map(\.message) == ["nine", "ten"])
    }

    @Test("the same message with a different hint is kept: it is not the same problem")
    func differentHintsAreKept() {
        let place = FileLocation(path: "x.md", line: 2)
        let found: [Diagnostic] = [.error(at: place, "bad", hint: "one"), .error(at: place, "bad", hint: "two")]
        #expect(found.sortedForReport().count == 2)
    }

    @Test("counts errors and warnings")
    func counts() {
        let place = FileLocation(path: "x.md")
        let found: [Diagnostic] = [.warning(at: place, "w1"), .error(at: place, "e1"), .warning(at: place, "w2")]
        #expect(found.hasErrors)
        #expect(found.errorCount == 1)
        #expect(found.warningCount == 2)
        #expect(![Diagnostic.warning(at: place, "only a warning")].hasErrors)
    }
}

@Suite struct SuggestionTests {
    static let frontMatterKeys = ["title", "description", "date", "weight", "draft", "translation", "key_message"]

    @Test(
        "suggests the key an editor probably meant",
        arguments: [
            ("titel", "title"),
            ("wieght", "weight"),
            ("Title", "title"),
            ("descripton", "description"),
            ("keymessage", "key_message"),
            ("drafts", "draft"),
            ("daet", "date"),
            ("weihgt", "weight"),
        ])
    func typoIsFound(typo: String, meant: String) {
        #expect(Suggestion.didYouMean(typo, in: Self.frontMatterKeys) == "did you mean '\(meant)'?")
    }

    @Test(
        "suggests nothing for a word that is not close to any candidate",
        arguments: [
            "author", "category", "tags", "x", "keymsg",
        ])
    func farWordIsNotSuggested(word: String) {
        #expect(Suggestion.didYouMean(word, in: Self.frontMatterKeys) == nil)
    }

    @Test("suggests nothing when there are no candidates")
    func noCandidates() {
        #expect(Suggestion.didYouMean("risks", in: [String]()) == nil)
    }

    @Test("picks the closest of several candidates")
    func closestOfSeveral() {
        #expect(Suggestion.closest(to: "risk", in: ["schools", "risks", "radio"]) == "risks")
        #expect(Suggestion.closest(to: "radios", in: ["schools", "risks", "radio"]) == "radio")
    }
}
