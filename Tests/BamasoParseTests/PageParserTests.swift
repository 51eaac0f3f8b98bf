import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoParse
import Foundation
import Testing

/// The sections of the real site.
let sections = ["risks", "schools", "radio", "about", "contact"]

/// Parses one file the way a build does.
func parse(_ path: String, _ text: String) -> (page: Page?, diagnostics: [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    let page = PageParser.parse(
        SourceFile(path: path, text: text), sections: sections, languages: [Language("rw"), Language("en")],
        into: &diagnostics)
    return (page, diagnostics)
}

@Suite struct PageParserTests {
    @Test("a risk message becomes a typed page")
    func riskPage() {
        let text = """
            ---
            title: "Fake job offers"
            description: Jobs abroad that are too good to be true.
            key_message: Ask before you go.
            date: 2012-06-01
            weight: 2
            translation: reviewed
            ---
            ## Warning signs

            See [help](@/contact).
            """
        let (page, diagnostics) = parse("content/risks/fake-job-offers.en.md", text)
        #expect(diagnostics == [])
        let body = "## Warning signs\n\nSee [help](@/contact)."
        var frontMatter = FrontMatter(
            title: "Fake job offers", description: "Jobs abroad that are too good to be true.",
            date: Day("2012-06-01"), weight: 2, draft: false, translation: .reviewed,
            fields: .risk(keyMessage: "Ask before you go."))
        frontMatter.lines = ["title": 2, "description": 3, "key_message": 4, "date": 5, "weight": 6, "translation": 7]
        #expect(
            page
                == Page(
                    path: "content/risks/fake-job-offers.en.md", section: "risks", slug: "fake-job-offers",
                    language: Language("en"), kind: .risk, frontMatter: frontMatter,
                    body: body, bodyFirstLine: 9, markdown: Markdown.scan(body, firstLine: 9)))
        #expect(page?.markdown.links.map(\.line) == [11])
        #expect(page?.key == "risks/fake-job-offers")
    }

    @Test(
        "the place of a file decides its section, slug, language and kind",
        arguments: [
            ("content/_index.rw.md", nil, nil, Language("rw"), PageKind.home),
            ("content/risks/_index.en.md", "risks", nil, Language("en"), .section),
            ("content/schools/quiz.rw.md", "schools", "quiz", Language("rw"), .school),
            ("content/radio/talk-show-1.en.md", "radio", "talk-show-1", Language("en"), .radio),
            ("content/contact/iom-rwanda.en.md", "contact", "iom-rwanda", Language("en"), .contact),
            ("content/about/achievements.en.md", "about", "achievements", Language("en"), .plain),
        ] as [(String, String?, String?, Language, PageKind)])
    func place(path: String, section: String?, slug: String?, language: Language, kind: PageKind) {
        let frontMatter: String
        switch kind {
        case .school: frontMatter = "title: T\naudience: P6\nduration: 40 minutes\nobjectives: [Know the signs]"
        case .radio: frontMatter = "title: T\nstation: Radio 10\nduration_minutes: 30\nguests: [A]"
        case .contact: frontMatter = "title: T\norganisation: iom-rwanda"
        default: frontMatter = "title: T"
        }
        let (page, diagnostics) = parse(path, "---\n\(frontMatter)\n---\nText\n")
        #expect(diagnostics == [])
        #expect(page?.section == section)
        #expect(page?.slug == slug)
        #expect(page?.language == language)
        #expect(page?.kind == kind)
    }

    @Test("the body's first line is the line after the closing ---")
    func bodyFirstLine() {
        let (page, _) = parse("content/about/a.rw.md", "---\ntitle: A\n\n# a comment\n---\n\nBa maso [x](@/risks)\n")
        #expect(page?.bodyFirstLine == 6)
        #expect(page?.body == "\nBa maso [x](@/risks)\n")
        #expect(
            page?.markdown.links == [MarkdownLink(kind: .link, destination: "@/risks", text: "x", line: 7, column: 9)])
    }

    @Test("a file that is only front matter has an empty body")
    func onlyFrontMatter() {
        let (page, diagnostics) = parse("content/about/a.en.md", "---\ntitle: A\n---")
        #expect(diagnostics == [])
        #expect(page?.body == "")
        #expect(page?.bodyFirstLine == 4)
    }
}

@Suite struct FileNameTests {
    @Test(
        "a file in the wrong place is reported with a hint",
        arguments: [
            (
                "content/risks/fake-job-offers.md",
                "the file name 'fake-job-offers.md' does not say its language",
                "name it SLUG.rw.md or SLUG.en.md, such as 'fake-job-offers.en.md'"
            ),
            (
                "content/risks/fake-job-offers.fr.md",
                "'fr' is not a language of this site",
                "the site's languages are rw and en: name it fake-job-offers.rw.md or fake-job-offers.en.md, or "
                    + "add 'fr' to 'languages' in content/site.yml"
            ),
            (
                "content/risks/fake-job-offers.eng.md",
                "'eng' is not a language of this site",
                "did you mean 'en'? (the languages are rw and en)"
            ),
            (
                "content/risk/fake-job-offers.en.md",
                "'risk' is not a section of this site",
                "did you mean 'risks'?"
            ),
            (
                "content/news/fake-job-offers.en.md",
                "'news' is not a section of this site",
                "add 'news' to 'sections' in content/site.yml, or move the file into one of: risks, schools, "
                    + "radio, about, contact"
            ),
            (
                "content/risks/2012/fake-job-offers.en.md",
                "pages cannot be in a folder inside a section",
                "move it to content/risks/fake-job-offers.en.md"
            ),
            (
                "content/fake-job-offers.en.md",
                "pages must be inside a section folder",
                "move it into one of: content/risks/, content/schools/, content/radio/, content/about/, "
                    + "content/contact/"
            ),
            (
                "content/risks/Fake_Job_Offers.en.md",
                "'Fake_Job_Offers' cannot be part of a web address",
                "rename the file to 'fake-job-offers.en.md': lowercase letters a-z, digits and single hyphens"
            ),
            (
                "content/risks/fake--job.en.md",
                "'fake--job' cannot be part of a web address",
                "rename the file to 'fake-job.en.md': lowercase letters a-z, digits and single hyphens"
            ),
            (
                "content/risks/Ingo Zarenga!.rw.md",
                "'Ingo Zarenga!' cannot be part of a web address",
                "rename the file to 'ingo-zarenga.rw.md': lowercase letters a-z, digits and single hyphens"
            ),
            (
                "content/risks/---.en.md",
                "'---' cannot be part of a web address",
                "use lowercase letters a-z, digits and single hyphens, such as 'fake-job-offers'"
            ),
        ])
    func badPlace(path: String, message: String, hint: String) {
        let (page, diagnostics) = parse(path, "---\ntitle: A\nkey_message: B\n---\nText\n")
        #expect(page == nil)
        #expect(diagnostics == [.error(at: FileLocation(path: path, line: 1, column: 1), message, hint: hint)])
    }
}

@Suite struct FrontMatterTests {
    static let risk = "content/risks/fake-job-offers.en.md"

    @Test(
        "a missing required field is reported at the opening ---",
        arguments: [
            ("content/risks/a.en.md", "title: A", "risk message", "key_message"),
            ("content/risks/a.en.md", "key_message: B", "risk message", "title"),
            (
                "content/schools/a.en.md", "title: A\naudience: P6\nduration: 40 minutes", "school-club material",
                "objectives"
            ),
            ("content/radio/a.en.md", "title: A\nstation: Radio 10\nguests: [A]", "radio show", "duration_minutes"),
            ("content/contact/a.en.md", "title: A", "contact page", "organisation"),
        ])
    func missingRequired(path: String, yaml: String, kind: String, key: String) {
        let (_, diagnostics) = parse(path, "---\n\(yaml)\n---\nText\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: path, line: 1, column: 1),
                    "the front matter of this \(kind) has no '\(key)'",
                    hint: "add a line '\(key): ...'")
            ])
    }

    @Test("an unknown key is reported at its own line, with a suggestion")
    func unknownKey() {
        let (_, diagnostics) = parse(Self.risk, "---\ntitle: A\nkey_message: B\n\nwieght: 3\n---\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.risk, line: 5, column: 1),
                    "unknown key 'wieght' in the front matter of this risk message",
                    hint: "did you mean 'weight'?")
            ])
    }

    @Test("an unknown key far from every known key lists the allowed keys")
    func unknownKeyWithoutSuggestion() {
        let (_, diagnostics) = parse(Self.risk, "---\ntitle: A\nkey_message: B\ntags: [x]\n---\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.risk, line: 4, column: 1),
                    "unknown key 'tags' in the front matter of this risk message",
                    hint: "the keys allowed here are: title, description, date, weight, draft, printable, translation, "
                        + "translated_from, translation_source, image, image_alt, translated_blocks, key_message")
            ])
    }

    @Test("a key of another kind is unknown here")
    func keyOfAnotherKind() {
        let (_, diagnostics) = parse("content/about/a.en.md", "---\ntitle: A\nkey_message: B\n---\n")
        #expect(
            diagnostics.map(\.description) == [
                "content/about/a.en.md:3:1: error: unknown key 'key_message' in the front matter of this page; the "
                    + "keys allowed here are: title, description, date, weight, draft, printable, translation, "
                    + "translated_from, translation_source, image, image_alt, translated_blocks"
            ])
    }

    @Test(
        "a value of the wrong type is reported at its line and column",
        arguments: [
            ("weight: ten", 4, 9, "'weight' must be a whole number", "for example 'weight: 10'"),
            ("weight: \"10\"", 4, 9, "'weight' must be a whole number", "for example 'weight: 10'"),
            ("weight: \"ten\"", 4, 9, "'weight' must be a whole number", "for example 'weight: 10'"),
            ("draft: maybe", 4, 8, "'draft' must be true or false", "write 'draft: true' or 'draft: false'"),
            (
                "date: 2012-13-45", 4, 7, "'date' is not a date",
                "write the date as year-month-day, for example 'date: 2012-06-01'"
            ),
            (
                "date: 2012-02-30", 4, 7, "'date' is not a date",
                "write the date as year-month-day, for example 'date: 2012-06-01'"
            ),
            (
                "date: 1 June 2012", 4, 7, "'date' is not a date",
                "write the date as year-month-day, for example 'date: 2012-06-01'"
            ),
            ("description: [A, B]", 4, 14, "'description' must be text", "write it on one line after 'description: '"),
            (
                "translation: done", 4, 14, "'translation' must be 'draft' or 'reviewed', not 'done'",
                "write 'translation: draft' until a native speaker has checked the page"
            ),
        ])
    func wrongType(line: String, lineNumber: Int, column: Int, message: String, hint: String) {
        // The bad line is the third of the front matter: line 4 of the file.
        let (_, diagnostics) = parse(Self.risk, "---\ntitle: A\nkey_message: B\n\(line)\n---\nText\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.risk, line: lineNumber, column: column),
                    message, hint: hint)
            ])
    }

    @Test("a mapping where a list is expected is reported where the mapping is")
    func objectivesAsMapping() {
        let path = "content/schools/quiz.en.md"
        let text = "---\ntitle: Quiz\naudience: P6\nduration: 40 minutes\nobjectives:\n  know: the signs\n---\n"
        let (_, diagnostics) = parse(path, text)
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: path, line: 6, column: 3), "'objectives' must be a list",
                    hint: "write one '- text' line per item below 'objectives:'")
            ])
    }

    @Test("an empty required value is reported")
    func emptyValue() {
        let (_, diagnostics) = parse(Self.risk, "---\ntitle: A\nkey_message:\n---\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.risk, line: 3, column: 1), "'key_message' is empty",
                    hint: "write a value after 'key_message: '")
            ])
    }

    @Test("every problem of a front matter is reported, not only the first")
    func everyProblem() {
        let (_, diagnostics) = parse(Self.risk, "---\ntitel: A\nweight: ten\ndraft: maybe\n---\n")
        #expect(
            diagnostics.map(\.description) == [
                "content/risks/fake-job-offers.en.md:2:1: error: unknown key 'titel' in the front matter of this "
                    + "risk message; did you mean 'title'?",
                "content/risks/fake-job-offers.en.md:1:1: error: the front matter of this risk message has no "
                    + "'title'; add a line 'title: ...'",
                "content/risks/fake-job-offers.en.md:1:1: error: the front matter of this risk message has no "
                    + "'key_message'; add a line 'key_message: ...'",
                "content/risks/fake-job-offers.en.md:3:9: error: 'weight' must be a whole number; for example "
                    + "'weight: 10'",
                "content/risks/fake-job-offers.en.md:4:8: error: 'draft' must be true or false; write 'draft: "
                    + "true' or 'draft: false'",
            ])
    }

    @Test("a page with front matter errors is still returned, its bad values left empty, so its links get checked")
    func pageKeptDespiteErrors() {
        let (page, diagnostics) = parse(Self.risk, "---\ntitle: A\nweight: ten\n---\nSee [x](@/risks/y).\n")
        #expect(
            diagnostics.map(\.message) == [
                "the front matter of this risk message has no 'key_message'", "'weight' must be a whole number",
            ])
        var expected = FrontMatter(title: "A", fields: .risk(keyMessage: ""))
        expected.lines = ["title": 2, "weight": 3]  // where each key is, the bad one too
        #expect(page?.frontMatter == expected)
        #expect(
            page?.markdown.links == [MarkdownLink(kind: .link, destination: "@/risks/y", text: "x", line: 5, column: 5)]
        )
    }

    @Test("optional lists and numbers of a radio show are read")
    func radioFields() {
        let text = """
            ---
            title: Talk show 1
            station: Radio 10
            duration_minutes: 45
            guests:
              - Police
              - IOM
            topics: Fake jobs
            draft: true
            ---
            """
        let (page, diagnostics) = parse("content/radio/talk-show-1.rw.md", text)
        #expect(diagnostics == [])
        var expected = FrontMatter(
            title: "Talk show 1", draft: true,
            fields: .radio(station: "Radio 10", durationMinutes: 45, guests: ["Police", "IOM"], topics: ["Fake jobs"]))
        // A list's line is that of its first item.
        expected.lines = ["title": 2, "station": 3, "duration_minutes": 4, "guests": 6, "topics": 8, "draft": 9]
        #expect(page?.frontMatter == expected)
    }
}

@Suite struct FrontMatterSyntaxTests {
    static let path = "content/risks/fake-job-offers.en.md"

    @Test(
        "a YAML syntax error is reported at its line in the file, not of the front matter",
        arguments: [
            // The quote opened on file line 2 is never closed; libyaml itself notices only at the end.
            (
                "---\ntitle: \"Fake job offers\nkey_message: Ask first\n---\n", 2, 1,
                "a double quote \" opened on this line is never closed", "add the closing \" at the end of the value"
            ),
            // The same in a list item on file line 6.
            (
                "---\ntitle: Fake job offers\nkey_message: Ask first\ntranslation: draft\nobjectives:\n  - \"Know "
                    + "the signs\n  - Ask\n---\n",
                6, 1, "a double quote \" opened on this line is never closed",
                "add the closing \" at the end of the value"
            ),
            // A quote inside plain text is a character, not an unclosed quote: the error is the tab.
            (
                "---\ntitle: Radio 5\" tape\nkey_message: Ask first\n\tweight: 3\n---\n", 4, 1,
                "YAML syntax error: found a tab character that violates indentation",
                "indent with spaces; YAML does not allow tabs"
            ),
            // A tab indents file line 4.
            (
                "---\ntitle: Fake job offers\nkey_message: Ask first\n\tweight: 3\n---\n", 4, 1,
                "YAML syntax error: found a tab character that violates indentation",
                "indent with spaces; YAML does not allow tabs"
            ),
            // An unquoted ': ' inside the value on file line 3.
            (
                "---\ntitle: Fake job offers\nkey_message: Note: ask first\n---\n", 3, 18,
                "YAML syntax error: mapping values are not allowed in this context",
                "a value containing ': ' must be put in double quotes"
            ),
        ])
    func syntaxError(text: String, line: Int, column: Int, message: String, hint: String) {
        let (_, diagnostics) = parse(Self.path, text)
        #expect(
            diagnostics == [.error(at: FileLocation(path: Self.path, line: line, column: column), message, hint: hint)])
    }

    @Test("a key written twice is reported at the right file line, with the line of the other one")
    func duplicateKey() {
        let (_, diagnostics) = parse(Self.path, "---\ntitle: A\nkey_message: B\ntitle: C\n---\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.path, line: 2, column: 1),
                    "key 'title' appears more than once",
                    hint: "it is also on line 4; keep one and delete the others")
            ])
    }

    @Test(
        "a page without front matter, with unclosed front matter, or empty",
        arguments: [
            (
                "Ba maso\n", "the page does not start with front matter",
                "the first line must be '---', followed by 'title: ...' and a closing '---'"
            ),
            (
                "title: A\n---\nText\n", "the page does not start with front matter",
                "the first line must be '---', followed by 'title: ...' and a closing '---'"
            ),
            (
                "---\ntitle: A\nkey_message: B\n\nText\n", "the front matter that starts here is never closed",
                "add a line '---' after the last front-matter line, before the text"
            ),
            ("", "the file is empty", "start it with front matter: a line '---', 'title: ...', and '---'"),
            ("\n  \n", "the file is empty", "start it with front matter: a line '---', 'title: ...', and '---'"),
        ])
    func badShape(text: String, message: String, hint: String) {
        let (page, diagnostics) = parse(Self.path, text)
        #expect(page == nil)
        #expect(diagnostics == [.error(at: FileLocation(path: Self.path, line: 1, column: 1), message, hint: hint)])
    }

    @Test("empty front matter is reported at the opening ---")
    func emptyFrontMatter() {
        let (_, diagnostics) = parse(Self.path, "---\n---\nText\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.path, line: 1, column: 1), "the front matter is empty",
                    hint: "give the page at least a line 'title: ...'")
            ])
    }

    @Test("front matter that is not key: value lines")
    func frontMatterIsAList() {
        let (_, diagnostics) = parse(Self.path, "---\n- title\n- key_message\n---\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.path, line: 2, column: 1),
                    "the front matter must be a list of 'key: value' lines")
            ])
    }
}

@Suite struct SourceFileTests {
    @Test("a byte-order mark is removed and Windows line endings become \\n")
    func bomAndCRLF() throws {
        let text = "---\r\ntitle: Ubuhamya\r\nkey_message: Ba maso\r\n---\r\nUmurongo wa mbere\r\n[link](@/risks)\r\n"
        var diagnostics: [Diagnostic] = []
        let file = try #require(
            SourceFile.decode(
                Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)), path: "content/risks/a.rw.md", into: &diagnostics))
        #expect(diagnostics == [])
        #expect(
            file
                == SourceFile(
                    path: "content/risks/a.rw.md",
                    text: "---\ntitle: Ubuhamya\nkey_message: Ba maso\n---\nUmurongo wa mbere\n[link](@/risks)\n"))

        let page = PageParser.parse(
            file, sections: sections, languages: [Language("rw"), Language("en")], into: &diagnostics)
        #expect(diagnostics == [])
        #expect(page?.frontMatter.title == "Ubuhamya")
        #expect(page?.markdown.links.map(\.line) == [6])
    }

    @Test(
        "line endings become \\n as Foundation's replacingOccurrences made them",
        arguments: [
            "a\r\nb", "a\rb", "a\r\r\nb\n\r", "\r\n", "\r", "Ubú\r\nÑ\r日本\r\n", "👍🏽\r\n🇷🇼\r",
            // A combining mark after a line break: Foundation leaves the break or makes two of it.
            "a\r\u{301}b", "a\r\n\u{301}b", "a\r\u{300}\nb", "x\r\ny\r\u{301}", "a\r\u{200D}\nb", "a\r\u{A0}",
        ])
    func lineEndings(text: String) throws {
        var diagnostics: [Diagnostic] = []
        let file = try #require(SourceFile.decode(Data(text.utf8), path: "content/risks/a.rw.md", into: &diagnostics))
        let before =
            text.contains("\r")
            ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        #expect(file.text.unicodeScalars.elementsEqual(before.unicodeScalars))
    }

    /// Windows line endings count as one line break; "日本 👍🏽 é" is 6 characters.
    static let afterLineEndings: [([UInt8], Int, Int)] = [
        (Array("---\r\ntitle: A\r\n日本 👍🏽 e\u{301}".utf8) + [0xC0, 0xAF] + Array("\r\n".utf8), 3, 7),
        (Array("\r\n\r\nab".utf8) + [0xF5], 3, 3),
    ]

    @Test(
        "invalid UTF-8 is reported at its line and character column",
        arguments: [
            // "key_message: Ubú" is 16 characters (17 bytes): the bad byte is character 17.
            (Array("---\ntitle: A\nkey_message: Ubú".utf8) + [0xFF] + Array(" nabi\n---\n".utf8), 3, 17),
            ([0xEF, 0xBB, 0xBF] + [0xC3, 0x28] + Array("\n".utf8), 1, 1),
            (Array("a\nb\ncc".utf8) + [0xE2, 0x82], 3, 3),
        ] + afterLineEndings)
    func invalidUTF8(bytes: [UInt8], line: Int, column: Int) {
        var diagnostics: [Diagnostic] = []
        let file = SourceFile.decode(Data(bytes), path: "content/risks/a.rw.md", into: &diagnostics)
        #expect(file == nil)
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "content/risks/a.rw.md", line: line, column: column),
                    "this file is not UTF-8 text",
                    hint: "save it again as UTF-8 (in most editors: Save with encoding, UTF-8)")
            ])
    }
}

@Suite struct SummaryTests {
    private func page(_ frontMatter: String, _ body: String) throws -> Page {
        try #require(parse("content/about/a.en.md", "---\n\(frontMatter)\n---\n\(body)").page)
    }

    @Test("the description wins over the text")
    func descriptionWins() throws {
        #expect(try page("title: A\ndescription: Short and clear.", "A first paragraph.").summary == "Short and clear.")
    }

    @Test("without a description, the first paragraph as plain text")
    func firstParagraph() throws {
        #expect(
            try page("title: A", "# Heading\n\nBa **maso** ku [icuruzwa](@/risks).\n\nSecond.").summary
                == "Ba maso ku icuruzwa.")
    }

    @Test("a long first paragraph is cut at a word near 160 characters")
    func longParagraphIsCut() throws {
        let text =
            "Abantu benshi bashukwa n'abantu bazi, bababwira ko hari akazi keza mu mujyi cyangwa mu mahanga, "
            + "bakabasaba kwishyura urugendo, bagatwara ibyangombwa byabo, maze bagakoreshwa imirimo y'agahato nta "
            + "mushahara."
        #expect(text.count > 160)
        #expect(
            try page("title: A", text).summary
                == "Abantu benshi bashukwa n'abantu bazi, bababwira ko hari akazi keza mu mujyi cyangwa mu mahanga, "
                + "bakabasaba kwishyura urugendo, bagatwara ibyangombwa byabo…")
    }

    @Test("a paragraph of 160 characters or fewer is kept whole")
    func shortParagraphIsKept() throws {
        let text = String(repeating: "ba maso ", count: 20).trimmingCharacters(in: .whitespaces)  // 159 characters
        #expect(try page("title: A", text).summary == text)
    }
}

@Suite struct AccessibilityCheckTests {
    @Test("an image without a description is an error at the image; a second h1 is a warning")
    func imagesAndHeadings() {
        var diagnostics: [Diagnostic] = []
        _ = PageParser.parse(
            SourceFile(
                path: "content/about/a.en.md",
                text: "---\ntitle: A\n---\n# Again the title\n\nSee ![](media/poster.jpg) and ![A "
                    + "poster](media/poster.jpg), ![](media/line.png \"decorative\").\n"),
            sections: ["about"], languages: [Language("rw"), Language("en")], into: &diagnostics)
        #expect(
            diagnostics == [
                .warning(
                    at: FileLocation(path: "content/about/a.en.md", line: 4),
                    "a page has one main heading, its title; this '#' heading would be a second one",
                    hint: "write '## Again the title' instead"),
                .error(
                    at: FileLocation(path: "content/about/a.en.md", line: 6, column: 5),
                    "this image has no description for people who cannot see it",
                    hint: "write what the image shows between the brackets: ![A teacher talks to a "
                        + "class](media/poster.jpg); for an image that only decorates, mark it: "
                        + "![](media/poster.jpg \"decorative\")"),
            ])
    }

    @Test("a page's image needs its description, or 'decorative'")
    func frontMatterImage() {
        var diagnostics: [Diagnostic] = []
        let page = PageParser.parse(
            SourceFile(path: "content/about/a.en.md", text: "---\ntitle: A\nimage: /media/a.jpg\n---\nText.\n"),
            sections: ["about"], languages: [Language("rw"), Language("en")], into: &diagnostics)
        #expect(page?.frontMatter.image == "/media/a.jpg")
        #expect(diagnostics.map(\.location) == [FileLocation(path: "content/about/a.en.md", line: 3, column: 8)])
        #expect(diagnostics.first?.hint?.contains("image_alt: decorative") == true)
        diagnostics = []
        let described = PageParser.parse(
            SourceFile(
                path: "content/about/a.en.md",
                text: "---\ntitle: A\nimage: /media/a.jpg\nimage_alt: decorative\n---\nText.\n"),
            sections: ["about"], languages: [Language("rw"), Language("en")], into: &diagnostics)
        #expect(diagnostics.isEmpty && described?.frontMatter.imageAlt == "decorative")
    }
}
