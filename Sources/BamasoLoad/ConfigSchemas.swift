import Foundation

/// The JSON Schemas (2020-12) of `site.yml` and `contacts.yml`, for editors (`bamaso schema`).
/// Their keys are the ones the parsers allow (`SiteConfig.keys`, `Contact.keys`); what each
/// holds is written here beside the parsers, and `.ci/schema-agreement.py` checks that a
/// standard validator and the build accept and refuse the same files.
public enum ConfigSchemas {
    /// Any scalar YAML value, which bamaso reads as text (`title: 2012` is the text "2012").
    public static var scalar: [String: Any] { ["type": ["string", "number", "boolean"]] }
    /// Text with something in it (`YAMLReader.string`).
    public static var text: [String: Any] { ["type": ["string", "number", "boolean"], "pattern": "\\S"] }
    /// A list of texts, or one text (`YAMLReader.strings`).
    public static var texts: [String: Any] { ["anyOf": [["type": "array", "items": scalar], text]] }
    static var webAddress: [String: Any] { ["type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"] }

    /// A BCP 47 code as `Language.isValidCode` takes it.
    static var languageCode: [String: Any] { ["type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"] }

    /// A text per language, `{ rw: ..., en: ... }`: with the site's languages, each may have one
    /// and the first must; in `site.yml`, which lists them, any language code.
    static func localized(_ value: [String: Any], languages: [Language]?) -> [String: Any] {
        guard let languages else {
            return ["type": "object", "propertyNames": languageCode, "additionalProperties": value, "minProperties": 1]
        }
        return [
            "type": "object", "properties": Dictionary(uniqueKeysWithValues: languages.map { ($0.code, value) }),
            "required": languages.prefix(1).map(\.code), "additionalProperties": false,
        ]
    }

    static func object(
        _ title: String, _ properties: [String: [String: Any]], required: [String],
        allowed: [String]
    ) -> [String: Any] {
        precondition(Set(properties.keys) == Set(allowed), "every key the parser allows has a schema")
        return [
            "title": title, "type": "object", "properties": properties, "required": required,
            "additionalProperties": false,
        ]
    }

    public static var site: [String: Any] {
        let slug: [String: Any] = ["type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"]
        let languageSettings: [String: Any] = [
            "type": "object", "required": ["code"], "additionalProperties": false,
            "properties": [
                "code": languageCode, "name": text, "direction": ["enum": ["ltr", "rtl"]], "fallback": texts,
                "locale": ["type": "string", "pattern": "^[a-z]{2,3}(_[A-Z]{2})?$"],
            ],
        ]
        let localized = localized(text, languages: nil)
        var schema = object(
            "site.yml (bamaso)",
            [
                "title": localized.merging(["description": "The site's title in each language."]) { $1 },
                "description": localized.merging(["description": "One sentence about the site, in each language."]) {
                    $1
                },
                "languages": [
                    "type": "array", "items": ["anyOf": [languageCode, languageSettings]], "minItems": 1,
                    "uniqueItems": true,
                    "description": "The languages in the order the site shows them; the first is the default. "
                        + "Each is a BCP 47 code, or its settings: code, name, direction (ltr, rtl), fallback, locale. "
                        + "Without it, the languages of the title, in its order.",
                ],
                "sections": [
                    "type": "array", "items": slug,
                    "description": "The sections in menu order; each is a folder in content/.",
                ],
                "base_url": text.merging([
                    "description": "Where the site is published: / or https://example.org/bamaso/"
                ]) { $1 },
                "translation_source": languageCode.merging(["description": "The language pages are first written in."])
                {
                    $1
                },
                "translation_notices": [
                    "type": "boolean",
                    "description": "true: draft and outdated translations say so to visitors.",
                ],
                "help": [
                    "type": "object", "additionalProperties": false,
                    "description": "The help strip: the section of help pages, the safety page, a help line.",
                    "properties": ["contact": text, "pages": text, "safety": text],
                ],
                "image": text.merging([
                    "description": "The picture shown where a page is shared, when neither the page nor its "
                        + "section has one: /media/NAME.jpg"
                ]) { $1 },
                "images": [
                    "type": "object", "additionalProperties": false,
                    "description": "How images are published.",
                    "properties": [
                        "phone_budget_kb": [
                            "type": "integer", "minimum": 5,
                            "description": "The most, in kilobytes, the photo a phone downloads may weigh (45).",
                        ]
                    ],
                ],
                "quick_exit": ConfigSchemas.localized(webAddress, languages: nil).merging([
                    "description": "Where the quick exit leads, per language: a light, neutral page of another site."
                ]) { $1 },
            ], required: ["title", "sections", "quick_exit"], allowed: SiteConfig.keys)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = "site.schema.json"
        return schema
    }

    /// The schema of `contacts.yml` for a site of `languages`.
    public static func contacts(languages: [Language]) -> [String: Any] {
        let localized = localized(text, languages: languages)
        let social: [String: Any] = [
            "type": "object", "required": ["network", "handle"], "additionalProperties": false,
            "properties": ["network": text, "handle": text, "url": webAddress],
        ]
        let email: [String: Any] = ["type": "string", "pattern": "^[^ ]*@[^ ]*$"]
        let contact = object(
            "An organisation",
            [
                "name": localized, "description": localized, "address": localized, "hours": localized,
                "phones": texts.merging(["description": "Phone numbers, as people dial them."]) { $1 },
                "emails": ["anyOf": [["type": "array", "items": email], email]],
                "social": ["type": "array", "items": social],
                "source": text.merging(["description": "Where these details come from: a document or a person."]) {
                    $1
                },
                "as_of": [
                    "type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
                    "description": "The year and month of the source or of the last check: 2012-11.",
                ],
            ], required: ["name", "source", "as_of"], allowed: Contact.keys)
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "contacts.schema.json",
            "title": "contacts.yml (bamaso): organisations by ID", "type": "object",
            "propertyNames": ["pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"], "additionalProperties": contact,
        ]
    }

    /// `schema` as JSON text with sorted keys.
    public static func json(_ schema: [String: Any]) -> String {
        let data = try? JSONSerialization.data(
            withJSONObject: schema, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
