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
        load(project.strings, into: &diagnostics)
    }

    /// Reads `files`, `templates/i18n/LANG.yml` by language.
    public static func load(_ files: [Language: SourceFile], into diagnostics: inout [Diagnostic]) -> [Language:
        StringTable]
    {
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
        for (language, lines) in keyLines {
            for (other, otherLines) in keyLines where other != language {
                for key in lines.keys.sorted() where otherLines[key] == nil {
                    let path = files[other]?.path ?? "templates/i18n/\(other.rawValue).yml"
                    diagnostics.append(
                        .error(
                            at: FileLocation(path: path),
                            "the string '\(key)' is missing in \(other.nativeName)",
                            hint: "add a line '\(key): ...' (it is on line \(lines[key] ?? 1) of "
                                + "templates/i18n/\(language.rawValue).yml)"))
                }
            }
        }
        return tables
    }
}
