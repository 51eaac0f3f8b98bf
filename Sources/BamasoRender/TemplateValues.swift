import Mustache

/// The values one template sees, by name (snake_case, as in the templates).
///
/// swift-mustache would look names up in a `[String: Any]` as well, but it casts every object
/// it looks in to several of its protocols, and those casts cost a plain struct a good deal
/// less than a dictionary. Strings are kept as `TemplateText`, for the same reason, and read
/// back as strings. Otherwise it behaves as the dictionary it holds: transforms such as
/// `{{#empty(date)}}`, and `{{.}}`, give what they give for a dictionary.
struct TemplateValues: MustacheParent, MustacheTransformable, CustomStringConvertible, ExpressibleByDictionaryLiteral {
    private(set) var values: [String: Any]

    init(_ values: [String: Any] = [:]) {
        self.values = values.mapValues(TemplateText.wrapping)
    }

    init(dictionaryLiteral elements: (String, Any)...) {
        values = Dictionary(uniqueKeysWithValues: elements.map { ($0, TemplateText.wrapping($1)) })
    }

    subscript(name: String) -> Any? {
        get { values[name].map(TemplateText.unwrapping) }
        set { values[name] = newValue.map(TemplateText.wrapping) }
    }

    /// Adds `other`'s values, replacing those of the same name.
    mutating func merge(_ other: TemplateValues) {
        values.merge(other.values) { _, new in new }
    }

    func child(named name: String) -> Any? { values[name] }

    func transform(_ name: String) -> Any? { values.transform(name) }

    var description: String { values.mapValues(TemplateText.unwrapping).description }
}

/// A string value as the templates see it: swift-mustache renders it as it would the string,
/// with fewer casts (a string goes through three more before it is written out).
struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable {
    let text: String

    var renderText: String { text }
    var isNull: Bool { false }

    /// A string has no values by name: a tag inside its section looks further out.
    func child(named name: String) -> Any? { nil }

    func transform(_ name: String) -> Any? { text.transform(name) }

    static func wrapping(_ value: Any) -> Any {
        if let text = value as? String { TemplateText(text: text) } else { value }
    }

    static func unwrapping(_ value: Any) -> Any {
        if let text = value as? TemplateText { text.text } else { value }
    }
}
