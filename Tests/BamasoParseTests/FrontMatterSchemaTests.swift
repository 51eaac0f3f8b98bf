import BamasoLoad
import BamasoParse
import Foundation
import Testing

/// `schemas/` holds what `bamaso schema` writes, so editors get the rules the build checks.
/// (`.ci/schema-agreement.py` checks, with a standard validator, that the two agree on every page
/// and on made-up cases.)
@Suite struct FrontMatterSchemaTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The repository's own site's languages, which `translation_source` and contacts.yml may name.
    static var languages: [Language] { (try? SiteConfig.read(root: repositoryRoot).get())?.languages ?? [] }

    @Test("the committed schemas are the ones the front-matter definitions make", arguments: FrontMatterSchema.files)
    func committedSchemas(name: String, kind: PageKind) throws {
        let committed = try String(
            contentsOf: Self.repositoryRoot.appendingPathComponent("schemas/\(name)"), encoding: .utf8)
        #expect(
            committed == FrontMatterSchema.json(for: kind, named: name, languages: Self.languages),
            "run `swift run bamaso schema` and commit schemas/")
    }

    @Test("the committed schemas of site.yml and contacts.yml are the ones bamaso writes")
    func committedConfigSchemas() throws {
        #expect(Self.languages.map(\.code) == ["rw", "en"])
        for (name, schema) in [
            ("site", ConfigSchemas.site), ("contacts", ConfigSchemas.contacts(languages: Self.languages)),
        ] {
            let committed = try String(
                contentsOf: Self.repositoryRoot.appendingPathComponent("schemas/\(name).schema.json"), encoding: .utf8)
            #expect(committed == ConfigSchemas.json(schema), "run `swift run bamaso schema` and commit schemas/")
        }
    }

    @Test("a schema requires what the build requires and refuses keys the build refuses")
    func requiredAndUnknown() throws {
        let json = FrontMatterSchema.json(for: .radio, named: "radio.schema.json", languages: Self.languages)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["required"] as? [String] == ["title", "station", "duration_minutes", "guests"])
        #expect(object["additionalProperties"] as? Bool == false)
        let properties = try #require(object["properties"] as? [String: [String: Any]])
        #expect(properties["duration_minutes"]?["minimum"] as? Int == 1)
        #expect(properties["translation"]?["enum"] as? [String] == ["draft", "reviewed"])
        #expect(properties["key_message"] == nil)
    }
}
