import BamasoDiagnostics
import BamasoLoad
import Foundation
import Mustache

/// The interface strings of one language (`templates/i18n/LANG.yml`), as templates see them:
/// `{{t.read_more}}`. A key that does not exist renders as nothing; `Theme.load` reports every
/// key the templates and the code ask for that a file lacks, before anything is rendered.
public final class StringTable: MustacheParent, Sendable {
    public let language: Language
    public let strings: [String: String]

    public init(language: Language, strings: [String: String]) {
        self.language = language
        self.strings = strings
    }

    public func child(named name: String) -> Any? { strings[name] }

    public subscript(key: String) -> String { strings[key] ?? "" }

    /// Reads every language's strings and checks that each key is in every file.
    public static func load(_ project: LoadedProject, into diagnostics: inout [Diagnostic]) -> [Language: StringTable] {
        load(
            project.strings, languages: project.site.languageList, into: &diagnostics)
    }

    /// Reads `files`, `templates/i18n/LANG.yml` by language, and checks that a key of any file
    /// is in the file of each of `languages`: reported once per file that lacks it.
    public static func load(
        _ files: [Language: SourceFile], languages: [LanguageSettings], into diagnostics: inout [Diagnostic]
    ) -> [Language: StringTable] {
        var keyLines: [Language: [String: Int]] = [:]
        var tables: [Language: StringTable] = [:]
        for (language, file) in files {
            let reader = YAMLReader(path: file.path)
            var strings: [String: String] = [:]
            var lines: [String: Int] = [:]
            if let root = reader.compose(file.text, into: &diagnostics),
                let fields = reader.fields(of: root, what: file.path, into: &diagnostics)
            {
                for field in fields {
                    if let value = reader.string(field, into: &diagnostics) { strings[field.key] = value }
                    lines[field.key] = field.location.line
                }
            }
            keyLines[language] = lines
            tables[language] = StringTable(language: language, strings: strings)
        }
        let read = languages.filter { keyLines[$0.language] != nil }
        for other in read {
            let otherLines = keyLines[other.language] ?? [:]
            var reported = Set<String>()
            // The key's line in the first file that has it, in the site's order of languages.
            for language in read.map(\.language) where language != other.language {
                let lines = keyLines[language] ?? [:]
                for key in lines.keys.sorted() where otherLines[key] == nil && reported.insert(key).inserted {
                    let path = files[other.language]?.path ?? "templates/i18n/\(other.language.code).yml"
                    diagnostics.append(
                        .error(
                            at: FileLocation(path: path),
                            "the string '\(key)' is missing in \(other.name)",
                            hint: "add a line '\(key): ...' (it is on line \(lines[key] ?? 1) of "
                                + "templates/i18n/\(language.code).yml)"))
                }
            }
        }
        return tables
    }
}
