/// A place in a project file, as an editor sees it.
///
/// `path` is relative to the project root (`content/risks/fake-job-offers.en.md`), `line` and
/// `column` are 1-based, and `column` counts characters, not bytes, so it matches what an
/// editor's status bar shows.
public struct FileLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(line, 1)
        self.column = max(column, 1)
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: FileLocation, rhs: FileLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
