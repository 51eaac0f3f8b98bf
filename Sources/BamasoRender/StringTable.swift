import BamasoDiagnostics
import BamasoLoad
import Foundation
import Mustache
import Synchronization

/// The interface strings of one language (`templates/i18n/LANG.yml`), as templates see them:
/// `{{t.read_more}}`. A key a template asks for that does not exist is remembered, so the
/// build can report it instead of printing nothing.
public final class StringTable: MustacheParent, Sendable {
    public let language: Language
    public let strings: [String: String]
    private let missing = Mutex<Set<String>>([])

    public init(language: Language, strings: [String: String]) {
        self.language = language
        self.strings = strings
    }

    public func child(named name: String) -> Any? {
        if let value = strings[name] { return value }
        missing.withLock { _ = $0.insert(name) }
        return nil
    }

    public subscript(key: String) -> String { (child(named: key) as? String) ?? "" }

    /// Keys asked for since the last call, sorted; the record is cleared.
    public func takeMissingKeys() -> [String] {
        missing.withLock { keys in
            defer { keys = [] }
            return keys.sorted()
        }
    }

    /// Reads every language's strings and checks that each key is in every file.
    public static func load(_ project: LoadedProject, into diagnostics: inout [Diagnostic]) -> [Language: StringTable] {
        var keyLines: [Language: [String: Int]] = [:]
        var tables: [Language: StringTable] = [:]
        for (language, file) in project.strings {
            let reader = YAMLReader(path: file.path)
            var strings: [String: String] = [:]
            var lines: [String: Int] = [:]
            if let root = reader.compose(file.text, into: &diagnostics),
               let fields = reader.fields(of: root, what: file.path, into: &diagnostics) {
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
                    let path = project.strings[other]?.path ?? "templates/i18n/\(other.rawValue).yml"
                    diagnostics.append(.error(
                        at: FileLocation(path: path),
                        "the string '\(key)' is missing in \(other.nativeName)",
                        hint: "add a line '\(key): ...' (it is on line \(lines[key] ?? 1) of templates/i18n/\(language.rawValue).yml)"))
                }
            }
        }
        return tables
    }
}
