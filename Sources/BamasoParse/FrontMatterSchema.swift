import BamasoLoad
import Foundation

/// The JSON Schemas (2020-12) of the front matter of each kind of page, made from the same
/// definitions the build reads front matter with (`FrontMatterField`): what `bamaso schema`
/// writes, for editors to check front matter as they type.
public enum FrontMatterSchema {
    /// A schema file per kind of page: its name (`risk.schema.json`) and the kinds it is for.
    public static let files: [(name: String, kind: PageKind)] = [
        ("home.schema.json", .home), ("section.schema.json", .section), ("risk.schema.json", .risk),
        ("school.schema.json", .school), ("radio.schema.json", .radio), ("contact.schema.json", .contact),
        ("page.schema.json", .plain),
    ]

    /// The schema of the front matter of pages of `kind`, as JSON text with sorted keys.
    /// `languages`: the site's, which `translation_source` may name.
    public static func json(for kind: PageKind, named name: String, languages: [Language]) -> String {
        let (kindFields, required) = FrontMatter.fields(of: kind)
        var properties: [String: Any] = [:]
        for field in FrontMatter.commonFields + kindFields {
            var property = schema(of: field.value, languages: languages)
            property["description"] = field.summary
            properties[field.key] = property
        }
        let object: [String: Any] = [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": name,
            "title": "The front matter of a \(kind.displayName) (bamaso)",
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false,
        ]
        return ConfigSchemas.json(object)
    }

    static func schema(of value: FrontMatterField.Value, languages: [Language]) -> [String: Any] {
        switch value {
        case .text:
            return ConfigSchemas.text
        case .texts:
            return ConfigSchemas.texts
        case .date:
            return ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"]
        case .wholeNumber(let minimum):
            return minimum.map { ["type": "integer", "minimum": $0] } ?? ["type": "integer"]
        case .flag:
            return ["type": "boolean"]
        case .choice(let choices):
            return ["enum": choices]
        case .language:
            return ["enum": languages.map(\.code)]
        }
    }
}
