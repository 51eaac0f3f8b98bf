import BamasoDiagnostics
import BamasoSupport
import Foundation
import Yams

/// Reads YAML with Yams and turns every problem into a diagnostic at the right line of the
/// file, even when the YAML is only part of it (front matter starts on line 2).
public struct YAMLReader: Sendable {
    public var path: String
    /// The line of the file on which the YAML text begins.
    public var firstLine: Int

    public init(path: String, firstLine: Int = 1) {
        self.path = path
        self.firstLine = firstLine
    }

    /// One `key: value` of a mapping, with where the key stands.
    public struct Field {
        public var key: String
        public var value: Node
        public var location: FileLocation
    }

    /// Yams's default encoding. Yams works it out again for every document, from the process's
    /// environment, which was half the time of reading a page's front matter. (A plain enum
    /// that Yams does not mark `Sendable`; a constant of it is safe to share.)
    nonisolated(unsafe) private static let encoding = Parser.Encoding.default

    /// Yams's default constructor, which `Constructor.default` builds anew, three tables of
    /// functions, for every document. (Its tables are constants, so one is safe to share.)
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Yams's default resolver with one more rule in front, which gives the tag the default
    /// rules give (text) at once to plain lowercase words such as `title` or `key_message`.
    /// Yams tags every key to look for duplicates, and the default resolver tries its seven
    /// regular expressions on each one, which was two thirds of reading front matter. The
    /// words left out are those the default rules read as something else: true, false, yes,
    /// no, on, off (bools) and null. `YAMLReaderTests` checks both resolvers agree.
    static let resolver: Resolver = {
        guard let words = try? Resolver.Rule(.str, "^(?!(?:yes|no|true|false|on|off|null)$)[a-z_]+$") else {
            return .default
        }
        return Resolver.default.rules.reduce(Resolver.basic.appending(words)) { $0.appending($1) }
    }()

    /// Parses `text` into a node tree; a syntax error becomes a diagnostic and nil.
    public func compose(_ text: String, into diagnostics: inout [Diagnostic]) -> Node? {
        do {
            return try Yams.compose(yaml: text, Self.resolver, Self.constructor, Self.encoding)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error, in: text))
        } catch {
            diagnostics.append(.error(at: FileLocation(path: path, line: firstLine), "cannot read YAML: \(error)"))
        }
        return nil
    }

    public func location(of node: Node) -> FileLocation {
        location(of: node.mark)
    }

    func location(of mark: Mark?) -> FileLocation {
        guard let mark else { return FileLocation(path: path, line: firstLine) }
        return FileLocation(path: path, line: mark.line + firstLine - 1, column: mark.column)
    }

    private func diagnostic(for error: YamlError, in text: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            // An unclosed double quote swallows the next lines, so libyaml reports a later
            // line; point at the line where the quote was opened instead.
            if let line = lineWithUnclosedQuote(in: text, upTo: mark.line) {
                return .error(
                    at: FileLocation(path: path, line: line + firstLine - 1),
                    "a double quote \" opened on this line is never closed",
                    hint: "add the closing \" at the end of the value")
            }
            if problem.contains("nesting level") {
                return .error(
                    at: location(of: mark), "this value is nested more than 1000 levels deep",
                    hint: "write it as text, or as a list of texts")
            }
            var hint = "check the indentation and quotes on this line and the one before"
            let line =
                text.split(separator: "\n", omittingEmptySubsequences: false)
                .dropFirst(mark.line - 1).first ?? ""
            if problem.contains("tab") || line.hasPrefix("\t") {
                hint = "indent with spaces; YAML does not allow tabs"
            } else if problem.contains("quote") || problem.contains("quoted") {
                hint = "close the quote, or put the whole value in double quotes"
            } else if problem.contains("mapping values") {
                hint = "a value containing ': ' must be put in double quotes"
            }
            return .error(at: location(of: mark), "YAML syntax error: \(problem)", hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            // Yams points at the first one; say where the next one is, which is often far below.
            let others = duplicates.count == 1 ? linesOfKey(duplicates[0], in: text, after: context.mark) : []
            return .error(
                at: location(of: context.mark), "key \(names) appears more than once",
                hint: others.isEmpty
                    ? "keep one and delete the others"
                    : "it is also on line \(others.map { String($0 + firstLine - 1) }.joined(separator: ", ")); "
                        + "keep one and delete the others")
        case .reader(let problem, _, _, _):
            return .error(at: FileLocation(path: path, line: firstLine), "cannot read YAML: \(problem)")
        default:
            return .error(at: FileLocation(path: path, line: firstLine), "cannot read YAML: \(error)")
        }
    }

    /// Lines (1-based, of `text`) below `mark` where `key` starts a `key:` line at the same
    /// indentation as the key at `mark`.
    private func linesOfKey(_ key: String, in text: String, after mark: Mark) -> [Int] {
        let indent = mark.column - 1
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { offset, line in
            guard offset + 1 > mark.line, line.prefix(indent).allSatisfy({ $0 == " " }) else { return nil }
            let rest = line.dropFirst(indent)
            let spellings = [key, "\"\(key)\"", "'\(key)'"].map { $0 + ":" }
            return spellings.contains(where: { rest.hasPrefix($0) }) ? offset + 1 : nil
        }
    }

    /// The first line (1-based, of `text`) up to `lastLine` with an odd number of unescaped
    /// double quotes outside single-quoted text, or nil.
    private func lineWithUnclosedQuote(in text: String, upTo lastLine: Int) -> Int? {
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(lastLine)
            .enumerated()
        {
            var quotes = 0
            var previous: Character = " "
            var lastNonSpace: Character?
            var insideSingle = false
            for character in line {
                if character == "#", quotes % 2 == 0, !insideSingle, previous == " " { break }
                if character == "'", quotes % 2 == 0 { insideSingle.toggle() }
                // A quote opens a quoted value only where a value starts; inside plain text
                // (`title: Radio 5" tape`) it is an ordinary character.
                if character == "\"", previous != "\\", !insideSingle,
                    quotes % 2 == 1 || lastNonSpace.map({ ":-[{,".contains($0) }) ?? true
                {
                    quotes += 1
                }
                previous = character
                if !character.isWhitespace { lastNonSpace = character }
            }
            if quotes % 2 == 1 { return offset + 1 }
        }
        return nil
    }

    // MARK: - Typed values

    /// The fields of a mapping, or nil (with a diagnostic) when `node` is something else.
    public func fields(of node: Node, what: String, into diagnostics: inout [Diagnostic]) -> [Field]? {
        guard case .mapping(let mapping) = node else {
            diagnostics.append(.error(at: location(of: node), "\(what) must be a list of 'key: value' lines"))
            return nil
        }
        return mapping.map { key, value in
            Field(key: key.string ?? "\(key)", value: value, location: location(of: key))
        }
    }

    /// Reports unknown keys (with a "did you mean", or the hint `unknownKeyHints` has for
    /// that key) and missing required ones.
    public func checkKeys(
        _ fields: [Field], allowed: [String], required: [String], what: String,
        at location: FileLocation, unknownKeyHints: [String: String] = [:], into diagnostics: inout [Diagnostic]
    ) {
        for field in fields where !allowed.contains(field.key) {
            let hint =
                unknownKeyHints[field.key] ?? Suggestion.didYouMean(field.key, in: allowed)
                ?? "the keys allowed here are: \(allowed.joined(separator: ", "))"
            diagnostics.append(.error(at: field.location, "unknown key '\(field.key)' in \(what)", hint: hint))
        }
        let present = Set(fields.map(\.key))
        for key in required where !present.contains(key) {
            diagnostics.append(.error(at: location, "\(what) has no '\(key)'", hint: "add a line '\(key): ...'"))
        }
    }

    public func string(_ field: Field, into diagnostics: inout [Diagnostic]) -> String? {
        guard case .scalar(let scalar) = field.value else {
            diagnostics.append(
                .error(
                    at: location(of: field.value), "'\(field.key)' must be text",
                    hint: "write it on one line after '\(field.key): '"))
            return nil
        }
        // Tags are equal when their names are; `Tag(.null)` would build a new Constructor each time.
        if scalar.string.trimmingWhitespaces().isEmpty
            || scalar.tag.rawValue == Tag.Name.null.rawValue && scalar.style == .plain
        {
            diagnostics.append(
                .error(at: field.location, "'\(field.key)' is empty", hint: "write a value after '\(field.key): '"))
            return nil
        }
        return scalar.string
    }

    public func int(_ field: Field, into diagnostics: inout [Diagnostic]) -> Int? {
        guard case .scalar(let scalar) = field.value, scalar.style == .plain, let value = Int(scalar.string) else {
            diagnostics.append(
                .error(
                    at: location(of: field.value), "'\(field.key)' must be a whole number",
                    hint: "for example '\(field.key): 10'"))
            return nil
        }
        return value
    }

    public func bool(_ field: Field, into diagnostics: inout [Diagnostic]) -> Bool? {
        if case .scalar(let scalar) = field.value, scalar.style == .plain {
            switch scalar.string.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        diagnostics.append(
            .error(
                at: location(of: field.value), "'\(field.key)' must be true or false",
                hint: "write '\(field.key): true' or '\(field.key): false'"))
        return nil
    }

    public func day(_ field: Field, into diagnostics: inout [Diagnostic]) -> Day? {
        if case .scalar(let scalar) = field.value, let day = Day(scalar.string) { return day }
        diagnostics.append(
            .error(
                at: location(of: field.value), "'\(field.key)' is not a date",
                hint: "write the date as year-month-day, for example '\(field.key): 2012-06-01'"))
        return nil
    }

    /// A list of texts; a single text is accepted as a list of one.
    public func strings(_ field: Field, into diagnostics: inout [Diagnostic]) -> [String]? {
        switch field.value {
        case .sequence(let sequence):
            var values: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    diagnostics.append(
                        .error(
                            at: location(of: item), "each item of '\(field.key)' must be text",
                            hint: "write one '- text' line per item"))
                    return nil
                }
                values.append(scalar.string)
            }
            return values
        case .scalar(let scalar) where !scalar.string.isEmpty:
            return [scalar.string]
        default:
            diagnostics.append(
                .error(
                    at: location(of: field.value), "'\(field.key)' must be a list",
                    hint: "write one '- text' line per item below '\(field.key):'"))
            return nil
        }
    }
}
