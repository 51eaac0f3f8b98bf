import Mustache

/// The values one template sees, by name (snake_case, as in the templates).
///
/// swift-mustache would look names up in a `[String: Any]` as well, but it casts every object
/// it looks in to several of its protocols, and those casts cost a plain struct a good deal
/// less than a dictionary. Otherwise it behaves as the dictionary it holds: transforms such as
/// `{{#empty(date)}}`, and `{{.}}`, give what they give for a dictionary.
struct TemplateValues: MustacheParent, MustacheTransformable, CustomStringConvertible, ExpressibleByDictionaryLiteral {
    private(set) var values: [String: Any]

    init(_ values: [String: Any] = [:]) {
        self.values = values
    }

    init(dictionaryLiteral elements: (String, Any)...) {
        values = Dictionary(uniqueKeysWithValues: elements)
    }

    subscript(name: String) -> Any? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// Adds `other`'s values, replacing those of the same name.
    mutating func merge(_ other: TemplateValues) {
        values.merge(other.values) { _, new in new }
    }

    func child(named name: String) -> Any? { values[name] }

    func transform(_ name: String) -> Any? { values.transform(name) }

    var description: String { values.description }
}
