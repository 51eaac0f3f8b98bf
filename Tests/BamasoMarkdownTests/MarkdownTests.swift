import BamasoMarkdown
import Foundation
import Testing

@Suite struct MarkdownScanTests {
    @Test("a link's column counts characters, not bytes, after Kinyarwanda text with accents")
    func linkColumnInCharacters() {
        // "by’akazi" has a 3-byte apostrophe and "kó" a 2-byte ó: the link starts at byte 30
        // but at character 27, which is what an editor shows.
        let body = "Ibyago by’akazi kó hanze: [soma](@/risks/fake-job-offers)\n"
        #expect(
            Markdown.scan(body).links == [
                MarkdownLink(kind: .link, destination: "@/risks/fake-job-offers", text: "soma", line: 1, column: 27)
            ])
    }

    @Test(
        "columns count characters after emoji and combining marks, on any line",
        arguments: [
            ("[a](x)", 1, 1),
            ("👍🏽 [a](x)", 1, 3),
            ("e\u{301}e\u{301} 🇷🇼 [a](x)", 1, 6),
            ("Line one\n\nUbú 日本 [a](x) [b](y)", 3, 8),
            ("> quoted: [a](x)", 1, 11),
        ])
    func linkColumnAfterGraphemes(body: String, line: Int, column: Int) {
        let link = Markdown.scan(body).links.first
        #expect(link?.line == line)
        #expect(link?.column == column)
    }

    @Test("link texts and component arguments lose Unicode spaces at their ends, as Foundation trims them")
    func plainTextTrimming() {
        let document = Markdown.scan(
            "[\u{A0}soma\u{2009}](x) ![ \u{3000} ](y)\n\n```callout\u{A0}warning\u{A0}\u{A0}Ba maso\u{A0}\nText\n```\n")
        #expect(document.links.map(\.text) == ["soma", ""])
        #expect(document.components.map(\.name) == ["callout"])
        #expect(document.components.map(\.arguments) == ["warning\u{A0}\u{A0}Ba maso"])
        let spaced = Markdown.scan("```table  People reached \t\n```\n").components.first
        #expect(spaced?.name == "table")
        #expect(spaced?.arguments == "People reached")
    }

    @Test("links and images are reported at their file line, counting from firstLine")
    func linkLinesWithFirstLine() {
        let body = """
            Intro.

            See [the leaflet](/media/leaflet.pdf) and ![A poster](media/poster.jpg "Poster").

            - Mu ishuri: [club](@/schools/start-a-school-club)
            """
        #expect(
            Markdown.scan(body, firstLine: 5).links == [
                MarkdownLink(kind: .link, destination: "/media/leaflet.pdf", text: "the leaflet", line: 7, column: 5),
                MarkdownLink(
                    kind: .image, destination: "media/poster.jpg", text: "A poster", line: 7, column: 43,
                    title: "Poster"),
                MarkdownLink(
                    kind: .link, destination: "@/schools/start-a-school-club", text: "club", line: 9, column: 14),
            ])
    }

    @Test("a link on the second line of a paragraph is reported on that line")
    func linkOnContinuationLine() {
        let body = "Abakozi bo mu rugo\nbashobora [gufashwa](@/contact) vuba.\n"
        #expect(
            Markdown.scan(body, firstLine: 4).links == [
                MarkdownLink(kind: .link, destination: "@/contact", text: "gufashwa", line: 5, column: 11)
            ])
    }

    @Test(
        "heading ids are those of the folded text, whether the text is ASCII or not",
        arguments: [
            "Warning signs", "WHAT to do: 3 steps!", "a_b-c.d~e^f`g{h}|", "  spaced   out  ",
            "Ibimenyetso byo kuba maso!",
            "Ubú buryo", "Ça va? Déjà-vu", "Ibyo umuryango w’abibumbye ukora", "日本 2012", "İstanbul ǅ ﬁ", "👍🏽",
        ])
    func headingIDMatchesFolding(text: String) {
        // The slug as it was made before ASCII text skipped Foundation's folding.
        var slug = ""
        var pendingHyphen = false
        for scalar in text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        #expect(Markdown.scan("## \(text)\n").headings.map(\.id) == [slug.isEmpty ? "section" : slug.lowercased()])
    }

    @Test("headings get ids from their text, unique in the page")
    func headingIDs() {
        let body = """
            # Warning signs

            ## Ibimenyetso byo kuba maso!

            ## Warning signs

            ### Ubufasha bwíhuse *ubu*

            ## Warning signs
            """
        #expect(
            Markdown.scan(body, firstLine: 3).headings == [
                MarkdownHeading(level: 1, text: "Warning signs", id: "warning-signs", line: 3),
                MarkdownHeading(level: 2, text: "Ibimenyetso byo kuba maso!", id: "ibimenyetso-byo-kuba-maso", line: 5),
                MarkdownHeading(level: 2, text: "Warning signs", id: "warning-signs-2", line: 7),
                MarkdownHeading(level: 3, text: "Ubufasha bwíhuse ubu", id: "ubufasha-bwihuse-ubu", line: 9),
                MarkdownHeading(level: 2, text: "Warning signs", id: "warning-signs-3", line: 11),
            ])
    }

    @Test("a heading with no letters or digits still gets an id")
    func headingWithoutLetters() {
        #expect(Markdown.scan("## ???\n\n## !!!\n").headings.map(\.id) == ["section", "section-2"])
    }

    @Test("fenced blocks with an info string are components, with their line and body")
    func components() {
        let body = """
            Abantu twageze kuri bo:

            ```table People reached in 2012
            District, People
            Rusumo, 1200
            ```

            ```contact iom-rwanda
            ```

            ```
            plain code, not a component
            ```

                indented code, not a component either
            """
        #expect(
            Markdown.scan(body, firstLine: 6).components == [
                MarkdownComponent(
                    name: "table", arguments: "People reached in 2012",
                    body: "District, People\nRusumo, 1200\n", line: 8, column: 1),
                MarkdownComponent(name: "contact", arguments: "iom-rwanda", body: "", line: 13, column: 1),
            ])
    }

    @Test("a component's body starts on the line after its fence")
    func componentBodyLine() {
        let component = Markdown.scan("Intro\n\n```callout warning Be careful\nText\n```\n", firstLine: 4).components
        #expect(component.map(\.line) == [6])
        #expect(component.map(\.bodyFirstLine) == [7])
        #expect(component.map(\.arguments) == ["warning Be careful"])
    }

    @Test("the blocks a translator translates: headings, paragraphs, list items, table rows, components, code")
    func blocks() {
        let body = """
            # Title *here*

            A paragraph
            on two lines.

            - One item
              - A nested item
            - Two

            ```table People
            A, B

            C, D
            ```

            ```callout help
            Ask.
            ```

            ```sh
            ls
            ```
            """
        let blocks = Markdown.blocks(of: body, firstLine: 5, isComponent: { $0 != "sh" })
        #expect(
            blocks == [
                MarkdownBlock(kind: .heading, line: 5, text: "Title here"),
                MarkdownBlock(kind: .paragraph, line: 7, text: "A paragraph on two lines."),
                MarkdownBlock(kind: .listItem, line: 10, text: "One item"),
                MarkdownBlock(kind: .listItem, line: 11, text: "A nested item"),
                MarkdownBlock(kind: .listItem, line: 12, text: "Two"),
                MarkdownBlock(kind: .component, line: 14, text: "table People"),
                MarkdownBlock(kind: .tableRow, line: 15, text: "A, B"),
                MarkdownBlock(kind: .tableRow, line: 17, text: "C, D"),
                MarkdownBlock(kind: .component, line: 20, text: "callout help\nAsk.\n"),
                MarkdownBlock(kind: .code, line: 24, text: "ls\n"),
            ])
    }

    @Test("a fenced block whose word is not a component is a code block with its language, both ways of rendering")
    func codeBlockWithLanguage() {
        let body = "```sh\necho <hi>\n```\n\n```table People\nA, B\n```\n\n```sh again\nls\n```\n"
        let document = Markdown.scan(body, isComponent: { $0 == "table" })
        #expect(document.components.map(\.name) == ["table"])
        let prepared = Markdown.render(document, link: { _ in nil }, component: { _ in "<table></table>" })
        #expect(
            prepared == """
                <pre><code class="language-sh">echo &lt;hi&gt;
                </code></pre>
                <table></table>
                <pre><code class="language-sh">ls
                </code></pre>

                """)
        #expect(Markdown.renderTree(document, link: { _ in nil }, component: { _ in "<table></table>" }) == prepared)
    }

    @Test("the body of a component named in markdownComponents is scanned with the page, once")
    func markdownComponentBody() {
        let body = "````callout note\n## Inside [x](@/a)\n\n```table T\na\n```\n````\n\n```table U\nb\n```\n"
        let components = Markdown.scan(body, firstLine: 4, markdownComponents: ["callout"]).components
        #expect(components.map(\.name) == ["callout", "table"])
        let callout = components.first?.document
        #expect(callout == Markdown.scan(components[0].body, firstLine: 5))
        #expect(callout?.links.map(\.line) == [5])
        #expect(callout?.components.map(\.name) == ["table"])
        #expect(callout?.components.first?.document == nil, "a callout's own components are not scanned")
        #expect(callout?.preparedHTML != nil)
        #expect(components[1].document == nil)
        #expect(Markdown.scan(body).components.map(\.document) == [nil, nil])
    }

    @Test(
        "the first top-level paragraph, as plain text",
        arguments: [
            ("Ba **maso** ku [icuruzwa](@/risks) ry'abantu.\n\nSecond.", "Ba maso ku icuruzwa ry'abantu."),
            ("# Title\n\nFirst `code` paragraph\nwraps here.\n\nSecond.", "First code paragraph wraps here."),
            ("> A quote is not it.\n\n- nor a list\n\nThis is.", "This is."),
            ("# Only a heading\n", ""),
            ("", ""),
        ])
    func firstParagraph(body: String, expected: String) {
        #expect(Markdown.scan(body).firstParagraph == expected)
    }

    @Test("counts the words of the text, not of code")
    func wordCount() {
        #expect(
            Markdown.scan("# Ba maso\n\nUmwana w'imyaka *cumi* n'ibiri.\n\n```\nnot counted here\n```\n").wordCount == 6
        )
        #expect(Markdown.scan("one\ttwo  three\u{0B}four\u{0C}five\u{A0}still-five *six*seven").wordCount == 7)
    }

    @Test("text after a NUL character is still read")
    func nulCharacter() {
        let document = Markdown.scan("Before\u{0}after\n\n## Heading\n")
        #expect(document.firstParagraph == "Before\u{FFFD}after")
        #expect(document.headings.map(\.text) == ["Heading"])
    }
}

@Suite struct MarkdownRenderTests {
    private func render(
        _ source: String, firstLine: Int = 1,
        links: [String: LinkRewrite] = [:], component: (MarkdownComponent) -> String = { _ in "" }
    ) -> String {
        let document = Markdown.scan(source, firstLine: firstLine)
        return Markdown.render(
            document,
            link: { links[document.links[$0].destination] },
            component: { component(document.components[$0]) })
    }

    @Test("rewrites links through LinkRewrite and keeps the others as written")
    func linkRewriting() {
        let html = render(
            "Soma [ibi](@/risks/fake-job-offers) na [IOM](https://www.iom.int/).",
            links: ["@/risks/fake-job-offers": LinkRewrite(url: "/bamaso/rw/risks/fake-job-offers/")])
        #expect(
            html == "<p>Soma <a href=\"/bamaso/rw/risks/fake-job-offers/\">ibi</a> na <a "
                + "href=\"https://www.iom.int/\">IOM</a>.</p>\n")
    }

    @Test("rewrites image sources too")
    func imageRewriting() {
        let html = render(
            "![Icyapa](media/poster.jpg)", links: ["media/poster.jpg": LinkRewrite(url: "/media/poster.jpg")])
        #expect(html == "<p><img src=\"/media/poster.jpg\" alt=\"Icyapa\" /></p>\n")
    }

    @Test("puts the htmlAfter note right after the link")
    func noteAfterLink() {
        let html = render(
            "See [this page](@/risks/x), then stop.",
            links: [
                "@/risks/x": LinkRewrite(
                    url: "/rw/risks/x/",
                    htmlAfter: " <span class=\"lang-note\" lang=\"rw\">(Ikinyarwanda)</span>")
            ])
        #expect(
            html == "<p>See <a href=\"/rw/risks/x/\">this page</a> <span class=\"lang-note\" "
                + "lang=\"rw\">(Ikinyarwanda)</span>, then stop.</p>\n")
    }

    @Test("asks for each link and component by its index in the scan, in order, from either render path")
    func asksByIndex() {
        let body = "Intro [a](@/a)\n\n```table T\nx\n```\n\n## Ubú [b](@/b) ![c](media/c.png)\n\n```contact x\n```\n"
        let document = Markdown.scan(body, firstLine: 5)
        for render in [Markdown.render, Markdown.renderTree] {
            var (links, components) = ([Int](), [Int]())
            _ = render(
                document, HeadingStyle(),
                {
                    links.append($0)
                    return nil
                },
                {
                    components.append($0)
                    return ""
                })
            #expect(links == [0, 1, 2])
            #expect(components == [0, 1])
        }
    }

    @Test("headings carry their ids in the HTML")
    func headingIDsInHTML() {
        let html = render("## Warning signs\n\nText\n\n## Warning *signs*\n")
        #expect(
            html == "<h2 id=\"warning-signs\">Warning signs</h2>\n<p>Text</p>\n<h2 id=\"warning-signs-2\">Warning "
                + "<em>signs</em></h2>\n")
    }

    @Test("a link inside a heading is rewritten too")
    func linkInHeading() {
        let html = render(
            "## About [IOM](@/contact/iom-rwanda)\n",
            links: ["@/contact/iom-rwanda": LinkRewrite(url: "/en/contact/iom-rwanda/", htmlAfter: " (rw)")])
        #expect(html == "<h2 id=\"about-iom\">About <a href=\"/en/contact/iom-rwanda/\">IOM</a> (rw)</h2>\n")
    }

    @Test("a component's HTML replaces its fenced block")
    func componentHTML() {
        var asked: [MarkdownComponent] = []
        let html = render("Before\n\n```table People reached\nDistrict, People\n```\n\nAfter\n", firstLine: 3) {
            component in
            asked.append(component)
            return "<table><caption>\(component.arguments)</caption></table>"
        }
        #expect(html == "<p>Before</p>\n<table><caption>People reached</caption></table>\n<p>After</p>\n")
        #expect(
            asked == [
                MarkdownComponent(
                    name: "table", arguments: "People reached", body: "District, People\n",
                    line: 5, column: 1)
            ])
    }

    @Test("a plain fenced block without info string stays code")
    func plainCodeBlock() {
        let html = render("```\n<b>x</b>\n```\n") { _ in "COMPONENT" }
        #expect(html == "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n")
    }

    @Test(
        "safe mode: raw HTML is omitted",
        arguments: [
            ("<script>alert('x')</script>\n", "<!-- raw HTML omitted -->\n"),
            ("<div onclick=\"steal()\">\nHi\n</div>\n", "<!-- raw HTML omitted -->\n"),
            ("Ba <b>maso</b>\n", "<p>Ba <!-- raw HTML omitted -->maso<!-- raw HTML omitted --></p>\n"),
            ("<img src=x onerror=alert(1)>\n", "<!-- raw HTML omitted -->\n"),
        ])
    func rawHTMLOmitted(source: String, expected: String) {
        let html = render(source)
        #expect(html == expected)
        #expect(!html.contains("<script"))
    }

    @Test(
        "safe mode: a javascript: link gets an empty href",
        arguments: [
            "[Kanda hano](javascript:alert(1))",
            "[Kanda hano](JAVASCRIPT:alert(1))",
            "[Kanda hano](vbscript:msgbox(1))",
        ])
    func dangerousLinkEmptied(source: String) {
        #expect(render(source) == "<p><a href=\"\">Kanda hano</a></p>\n")
    }

    @Test("no <script> gets through, whichever way it is written")
    func noScriptAnywhere() {
        let source = """
            # <script>alert(1)</script>

            Text <script>alert(2)</script> and [x](javascript:alert(3)).

            > <script>alert(4)</script>

            ```callout warning
            <script>alert(5)</script>
            ```
            """
        let html = render(source) { _ in "<aside>callout</aside>" }
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<aside>callout</aside>"))
    }

    @Test("an empty body renders as nothing")
    func emptyBody() {
        #expect(render("") == "")
        let scanned = Markdown.scan("")
        #expect(scanned.preparedHTML != nil)
        #expect(Markdown.renderTree(scanned, link: { _ in nil }, component: { _ in "" }) == "")
        #expect(scanned.links.isEmpty && scanned.headings.isEmpty && scanned.components.isEmpty)
    }
}

@Suite struct MarkdownRepeatedUseTests {
    static let bodies: [String] = [
        "",
        "# Ba maso\n\nUbú [soma](@/risks/x) ![i](media/a.jpg)\n",
        "## Warning signs\n\n## Warning signs\n\n```table T\na,b\n1,2\n```\n",
        "<script>x</script>\n\n[j](javascript:x)\n\n> quote with [link](@/a#b)\n",
        String(repeating: "- item [l](@/risks/y) *em* `code`\n", count: 50),
        "```callout note\nInside [x](@/a)\n```\n\n```contact iom-rwanda\n```\n",
        "Line with \u{0} NUL and accents: Kinyarwanda ryiza cyané\n",
    ]

    /// Each call builds and frees a cmark tree, replaces nodes and renders; the sanitizer run
    /// (`swift test --sanitize=address --disable-xctest`) reports any leak or use after free.
    @Test("scan and render give the same results however many times they are called")
    func manyCalls() {
        let firstScans = Self.bodies.map { Markdown.scan($0, firstLine: 3) }
        let firstRenders = Self.bodies.map(renderOnce)
        for _ in 0..<200 {
            #expect(Self.bodies.map { Markdown.scan($0, firstLine: 3) } == firstScans)
            #expect(Self.bodies.map(renderOnce) == firstRenders)
        }
        #expect(
            firstRenders[2]
                == "<h2 id=\"warning-signs\">Warning signs</h2>\n<h2 id=\"warning-signs-2\">Warning signs</h2>\n"
                + "<div>table T</div>\n")
    }

    private func renderOnce(_ body: String) -> String {
        let document = Markdown.scan(body, firstLine: 3)
        return Markdown.renderTree(
            document,
            link: { index in
                LinkRewrite(
                    url: "/rw/\(document.links[index].destination.dropFirst(2))", htmlAfter: " <small>(en)</small>")
            },
            component: { "<div>\(document.components[$0].name) \(document.components[$0].arguments)</div>" })
    }
}
