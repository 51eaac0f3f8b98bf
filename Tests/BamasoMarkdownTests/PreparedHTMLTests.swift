import Testing

@testable import BamasoMarkdown

/// `Markdown.render` fills the HTML `scan` prepared; `Markdown.renderTree` renders cmark's tree,
/// as `render` does for a body without prepared HTML. The two must agree byte for byte, whatever
/// the links, headings and components.
@Suite struct MarkdownPreparedHTMLTests {
    static let bodies: [String] =
        MarkdownRepeatedUseTests.bodies + [
            "# Ubú [a](@/a)\n\n```\nplain code\n```\n\n![alt *x*](media/b.png \"t\")\n\n## Ubú\n\n```table T\na\n"
                + "```\n",
            "* [one](@/one) é\n  * [two](@/two#x) `c`\n\n> ## Inside a quote\n> [three](<>)\n",
            "[a](@/x) ![b](media/y.png) [c](https://example.org/a?b=c&d=e)\n",
            "![outer ![inner](media/in.png) text](media/out.png \"decorative\") and # ![in a heading](media/h.png)\n"
                + "\n## ![heading](media/h2.png)\n",
            "![alt [in the description](@/in-alt) text](media/i.png) [![img](media/i.png)](@/outer)\n",
            "[sp](<url with spaces>) [amp](a&b) [q](a'b\"c) [uni](ubú/ñ) [ent](&#x6A;avascript:alert(1))\n",
            "[js](JAVASCRIPT:x) [data](data:image/png;base64,AAA) [html](data:text/html,x) [f](file:///etc) "
                + "[e](<>) [t](#top)\n",
            "<https://example.org/a?b=c&d=e> and <mailto:a@b.c>, [ref] and [other][ref]\n\n[ref]: @/target \"A "
                + "'title' & more\"\n",
            "# H [l](@/a) `code` *em*\n\nSetext\n===\n\n###### Six [x](@/b)\n\n#\n",
            "```table A\nx\n```\n```callout note\nInside\n```\ntext\n\n```audio media/a.mp3\n```",
            "> ```callout note\n> in a quote\n> ```\n>\n> ## Quoted [h](@/h)\n\n- ## In a list\n  [x](@/y)\n  "
                + "```contact iom\n  ```\n",
            "Hard  \nbreak\\\nand <b>inline</b> HTML\n\n<div>\nblock\n</div>\n\n*[emphasis](@/x)*[a](@/x)\u{301}b\n",
            "a\r\n\r\n# CRLF [x](@/crlf)\r\n\r\n```table T\r\na\r\n```\r\n",
            "\n\n",
            "`bamaso` in code, bamasoL0Z as text, and [bamasoL1Z](bamasoA2Z)\n",
            "````callout warning Title\n## Heading [l](@/a) ![i](media/i.png)\n\n```table T\na\n```\n\n"
                + "<b>raw</b> [x](<a b>)\n````\n",
        ]

    static let linkRules: [@Sendable (MarkdownLink) -> LinkRewrite?] = [
        { _ in nil },
        {
            LinkRewrite(
                url: "/rw/\($0.destination)/ \"q\" & 'a' <b> ü \u{1}", htmlAfter: " <span lang=\"en\">(English)</span>")
        },
        { $0.destination.hasPrefix("@/") ? LinkRewrite(url: "javascript:alert(1)", htmlAfter: "") : nil },
        {
            $0.kind == .image
                ? LinkRewrite(url: "../../media/\($0.text).png") : LinkRewrite(url: "#\($0.line)-\($0.column)")
        },
        // A picture in the place of each image (but one inside another's description).
        {
            $0.kind == .image
                ? LinkRewrite(url: "x", htmlAfter: " <i>after</i>", replacement: "<picture>\($0.text)</picture>")
                : LinkRewrite(url: "#\($0.line)")
        },
    ]
    static let componentHTML = ["", "<div>c</div>", "<div>c</div>\n", "\n"]
    static let headingStyles = [
        HeadingStyle(), HeadingStyle(levelOffset: 1, idPrefix: "p-"), HeadingStyle(levelOffset: 9, idPrefix: "x-"),
    ]

    @Test("filling the prepared HTML gives what rendering the tree gives", arguments: bodies)
    func sameAsTheTree(body: String) {
        let document = Markdown.scan(body, firstLine: 2, markdownComponents: ["callout"])
        // A callout's body is rendered the same two ways as the page's.
        for scanned in [document] + document.components.compactMap(\.document) {
            #expect(scanned.preparedHTML != nil)
            for rule in Self.linkRules {
                for component in Self.componentHTML {
                    for style in Self.headingStyles {
                        var (links, treeLinks) = ([Int](), [Int]())
                        var (components, treeComponents) = ([Int](), [Int]())
                        let filled = Markdown.render(
                            scanned, headings: style,
                            link: {
                                links.append($0)
                                return rule(scanned.links[$0])
                            },
                            component: {
                                components.append($0)
                                return component
                            })
                        let tree = Markdown.renderTree(
                            scanned, headings: style,
                            link: {
                                treeLinks.append($0)
                                return rule(scanned.links[$0])
                            },
                            component: {
                                treeComponents.append($0)
                                return component
                            })
                        #expect(filled == tree)
                        #expect(links == treeLinks)
                        #expect(links == Array(scanned.links.indices))
                        #expect(components == treeComponents)
                        #expect(components == Array(scanned.components.indices))
                    }
                }
            }
        }
    }

    @Test("a body that holds the markers' prefix is rendered from its tree, and the same")
    func markerInText() {
        let body = "Text with \(PreparedHTML.markerPrefix)L0Z in it and [a](@/a)\n"
        let scanned = Markdown.scan(body)
        #expect(scanned.preparedHTML == nil)
        let html = Markdown.render(scanned, link: { _ in LinkRewrite(url: "/a/") }, component: { _ in "" })
        #expect(html == "<p>Text with \(PreparedHTML.markerPrefix)L0Z in it and <a href=\"/a/\">a</a></p>\n")
    }

    @Test(
        "an address cmark would change or empty is written as cmark writes it",
        arguments: [
            ("/rw/risks/x/", "/rw/risks/x/"), ("../a.png#b?c=d%20", "../a.png#b?c=d%20"), ("a b", "a%20b"),
            ("a&b'c", "a&amp;b&#x27;c"),
            ("ubú", "ub%C3%BA"), ("JavaScript:x", ""), ("data:image/png;base64,AA", "data:image/png;base64,AA"),
            ("\"<>", "%22%3C%3E"),
        ])
    func escapedURL(url: String, expected: String) {
        #expect(Markdown.escapedURL(url, of: .link) == expected)
        #expect(Markdown.escapedURL(url, of: .image) == expected)
    }
}

@Suite struct MarkdownPictureTests {
    @Test("an image's replacement takes the place of cmark's <img>, its note after it, from both render paths")
    func replacement() {
        let document = Markdown.scan("See ![A ditch](media/a.jpg \"decorative\") here.\n")
        #expect(document.links.map(\.isDecorative) == [true])
        for render in [Markdown.render, Markdown.renderTree] {
            let html = render(
                document, HeadingStyle(),
                { _ in LinkRewrite(url: "/m/a.jpg", htmlAfter: " (1 MB)", replacement: "<picture></picture>") },
                { _ in "" })
            #expect(html == "<p>See <picture></picture> (1 MB) here.</p>\n")
        }
    }
}
