/// One problem found in a project, with where it is and how to fix it.
///
/// Stages collect diagnostics into an `inout [Diagnostic]` and keep going, so a single run
/// reports every problem. Nothing in the pipeline prints them; the command line does.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error, warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    public var location: FileLocation
    /// What is wrong, in plain words.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?

    public init(_ severity: Severity, at location: FileLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(at location: FileLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    public static func warning(at location: FileLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    /// `path:line:column: error: message; hint`, the one format every command prints.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "; \(hint)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file, line and column; errors before warnings at the same place; duplicates
    /// (the same problem found twice, e.g. by two passes over one page) removed.
    public func sortedForReport() -> [Diagnostic] {
        var seen = Set<String>()
        return sorted { ($0.location, $0.severity) < ($1.location, $1.severity) }
            .filter { seen.insert($0.description).inserted }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
}
