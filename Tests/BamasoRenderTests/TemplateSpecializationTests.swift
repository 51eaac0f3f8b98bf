import BamasoDiagnostics
import BamasoLoad
import Testing

@testable import BamasoRender

/// `TemplateSet.specialized(sharing:)` renders in the tags that read only what a group of pages
/// shares. Whatever it replaces, a page must come out exactly as from the theme as written.
@Suite struct TemplateSpecializationTests {
    static let strings = StringTable(
        language: Language("en"), strings: ["hello": "Hello & welcome", "empty": "", "braces": "{{title}}"])
    static var shared: TemplateValues {
        [
            "lang": "en",
            "t": strings,
            "menu": [["name": "Risks", "current": true], ["name": "Schools <b>", "current": false]] as [TemplateValues],
            "help": ["name": "IOM"] as TemplateValues,
        ]
    }

    private func load(_ files: [String: String]) throws -> TemplateSet {
        var diagnostics: [Diagnostic] = []
        let set = try #require(
            TemplateSet.load(project(templates: BamasoRenderTests.templates(files)), into: &diagnostics))
        #expect(diagnostics.isEmpty)
        return set
    }

    /// The shared values with the page's own.
    private func page(_ own: TemplateValues) -> TemplateValues {
        var values = Self.shared
        values.merge(own)
        return values
    }

    @Test("tags that read only shared values are rendered in; those that read the page's are kept")
    func replacedAndKept() throws {
        let text = """
            <html lang="{{lang}}">{{t.hello}} {{title}}
            <ul>
              {{#menu}}
              <li>{{name}}{{#current}} (here){{/current}}</li>
              {{/menu}}
            </ul>
            {{#help}}<p>{{name}}: {{url}}</p>{{/help}}

            """
        let specialized = try #require(TemplateSet.specialize(text, sharing: Self.shared))
        #expect(
            specialized == """
                <html lang="en">Hello &amp; welcome {{title}}
                <ul>
                  <li>Risks (here)</li>
                  <li>Schools &lt;b&gt;</li>
                </ul>
                {{#help}}<p>{{name}}: {{url}}</p>{{/help}}

                """)
        let set = try load(["templates/layouts/page.mustache": text])
        let pages = try #require(set.specialized(sharing: Self.shared))
        for own: TemplateValues in [["title": "A & B", "url": "/en/a/"], ["title": "C"]] {
            #expect(pages.render(page(own), with: "layouts.page") == set.render(page(own), with: "layouts.page"))
        }
    }

    @Test("a section whose entries lack a name is rendered in, unless a page may have that name")
    func namesNoPageHas() throws {
        // The entries have no `current`, so the library looks for it in the page, which has
        // none on any page; `url` is a name pages have, so the help strip, without one of its
        // own, would show the page's.
        var shared = Self.shared
        shared["menu"] = [["name": "Risks"], ["name": "Radio", "current": true]] as [TemplateValues]
        let text = """
            {{#menu}}
            <li>{{name}}{{#current}} (here){{/current}}</li>
            {{/menu}}
            {{#help}}<p>{{name}}{{#url}} <a href="{{url}}">more</a>{{/url}}</p>{{/help}}

            """
        let specialized = try #require(TemplateSet.specialize(text, sharing: shared))
        #expect(
            specialized == """
                <li>Risks</li>
                <li>Radio (here)</li>
                {{#help}}<p>{{name}}{{#url}} <a href="{{url}}">more</a>{{/url}}</p>{{/help}}

                """)
        let set = try load(["templates/layouts/page.mustache": text])
        let pages = try #require(set.specialized(sharing: shared))
        for own: TemplateValues in [["url": "/en/a/", "title": "A"], ["title": "C"]] {
            var values = shared
            values.merge(own)
            #expect(pages.render(values, with: "layouts.page") == set.render(values, with: "layouts.page"))
        }
    }

    @Test(
        "a tag is kept when what it renders could change how the template around it is read",
        arguments: [
            // Nothing left on the line but a section tag, which would then stand alone.
            "{{t.empty}}{{#flag}}\nA\n{{/flag}}\n",
            // HTML that reads as a tag.
            "<p>{{t.braces}}</p>\n",
            // A section whose opening tag stands alone on its line and whose closing tag does not.
            "{{#menu}}\n{{name}}{{/menu}}\n",
        ])
    func keptWhereUnsafe(text: String) throws {
        let set = try load(["templates/layouts/page.mustache": text])
        let pages = set.specialized(sharing: Self.shared)
        #expect(TemplateSet.specialize(text, sharing: Self.shared) == nil)
        for own: TemplateValues in [["flag": true, "title": "T"], ["flag": false, "title": "T"]] {
            #expect(
                (pages ?? set).render(page(own), with: "layouts.page") == set.render(page(own), with: "layouts.page"))
        }
    }

    @Test(
        "templates that change their delimiters or content type are left as written",
        arguments: [
            "{{=<% %>=}}<%t.hello%> {{lang}}\n",
            "{{% CONTENT_TYPE: TEXT}}{{t.hello}} {{lang}}\n",
        ])
    func leftAsWritten(text: String) {
        #expect(TemplateSet.specialize(text, sharing: Self.shared) == nil)
    }

    @Test("a partial used inside a section, where a name may be the section value's, is left as written")
    func partialInsideSection() throws {
        let set = try load([
            "templates/layouts/page.mustache":
                "{{t.hello}}\n{{#items}}{{> partials.item}}{{/items}}\n{{> partials.top}}\n",
            "templates/partials/item.mustache": "<li>{{t.hello}} {{> partials.deeper}}</li>\n",
            "templates/partials/deeper.mustache": "{{lang}}\n",
            "templates/partials/top.mustache": "<footer>{{t.hello}}</footer>\n",
        ])
        let pages = try #require(set.specialized(sharing: Self.shared))
        #expect(set.specializable["partials.item"] == nil && set.specializable["partials.deeper"] == nil)
        #expect(set.specializable["partials.top"] != nil && set.specializable["layouts.page"] != nil)
        // An item with names of its own that the shared values have too.
        let own: TemplateValues = [
            "items": [["t": ["hello": "the item's"] as TemplateValues, "lang": "rw"]] as [TemplateValues]
        ]
        let html = pages.render(page(own), with: "layouts.page")
        #expect(html == set.render(page(own), with: "layouts.page"))
        #expect(html.contains("<li>the item&#39;s rw"))
    }

    @Test("given the layouts a group's pages use, only those and what they name are specialized")
    func onlyTheGroupsLayouts() throws {
        let set = try load([
            "templates/layouts/risk.mustache": "{{> partials.top}}{{lang}} risk\n",
            "templates/layouts/page.mustache": "{{> partials.other}}{{lang}} page\n",
            "templates/partials/top.mustache": "<p>{{t.hello}}</p>\n",
            "templates/partials/other.mustache": "<p>{{t.hello}}</p>\n",
        ])
        let pages = try #require(set.specialized(sharing: Self.shared, layouts: ["layouts.risk"]))
        // Rendered with other values than the group's, a specialized template shows the
        // group's, and one left as written the values it is given.
        let other: TemplateValues = [
            "lang": "rw", "t": StringTable(language: Language("rw"), strings: ["hello": "Muraho"]),
        ]
        #expect(pages.render(other, with: "layouts.risk") == "<p>Hello &amp; welcome</p>\nen risk\n")
        #expect(pages.render(other, with: "layouts.page") == "<p>Muraho</p>\nrw page\n")
        #expect(pages.render(other, with: "partials.other") == "<p>Muraho</p>\n")
        // With the group's own values, both render as the theme as written.
        for layout in ["layouts.risk", "layouts.page"] {
            #expect(pages.render(Self.shared, with: layout) == set.render(Self.shared, with: layout))
        }
    }
}
