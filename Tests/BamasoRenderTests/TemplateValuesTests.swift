import Mustache
import Testing

@testable import BamasoRender

/// `TemplateValues` holds its strings as `TemplateText`, which swift-mustache renders with fewer
/// casts. A theme must not see the difference: every way a template can use a string renders as
/// it does from a plain dictionary of strings.
@Suite struct TemplateValuesTests {
    static let template = """
        {{title}}|{{{title}}}|{{#title}}[{{.}} {{lang}} {{title}}]{{/title}}|{{^title}}none{{/title}}|\
        {{#empty}}[{{.}}]{{/empty}}|{{^empty}}no text{{/empty}}|{{uppercased(title)}}|{{reversed(lang)}}|\
        {{#empty(empty)}}empty{{/empty(empty)}}|{{^empty(title)}}not empty{{/empty(title)}}|\
        {{title.count}}|{{#items}}({{.}} {{lang}}){{/items}}|{{#first(items)}}{{.}}{{/first(items)}}|\
        {{#nested}}{{title}} {{lang}}{{/nested}}
        """

    static var strings: [String: Any] {
        [
            "title": "Fish & <chips> \"here\"", "lang": "rw", "empty": "", "items": ["b", "a"],
        ]
    }

    @Test("a string renders as it would from a plain dictionary, in every kind of tag")
    func rendersLikeAString() throws {
        let template = try MustacheTemplate(string: Self.template)
        var plain = Self.strings
        plain["nested"] = ["title": "Inner"] as [String: Any]
        var values = TemplateValues(Self.strings)
        values["nested"] = ["title": "Inner"] as TemplateValues
        let expected = template.render(plain)
        #expect(expected.contains("Fish &amp; &lt;chips&gt;"))
        #expect(template.render(values) == expected)
        let literal: TemplateValues = [
            "title": "Fish & <chips> \"here\"", "lang": "rw", "empty": "", "items": ["b", "a"],
        ]
        #expect(template.render(literal.merging(["nested": ["title": "Inner"] as TemplateValues])) == expected)
    }

    @Test("Swift code reads back the strings it set")
    func readsBackStrings() {
        var values: TemplateValues = ["title": "A"]
        values["url"] = "/en/a/"
        #expect(values["title"] as? String == "A")
        #expect(values["url"] as? String == "/en/a/")
        #expect(values["missing"] == nil)
    }
}

extension TemplateValues {
    fileprivate func merging(_ other: TemplateValues) -> TemplateValues {
        var result = self
        result.merge(other)
        return result
    }
}
