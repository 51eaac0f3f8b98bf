import BamasoDiagnostics
import Foundation

/// How `ProjectLoader` finds and reads the project's files. `ProjectFiles` goes to the disk
/// every time; the preview server passes a source that remembers the files that did not change
/// since its previous build, so that a rebuild after one saved page reads one file.
public protocol ProjectFileSource: Sendable {
    /// Regular files under `folder` by path relative to it, sorted, as `ProjectFiles.list`
    /// gives them, with the same problems reported.
    func list(_ folder: URL, into diagnostics: inout [Diagnostic]) -> [(String, URL)]
    /// The text file at `url`, which the project calls `path` (`content/risks/a.en.md`), as
    /// `SourceFile.read` gives it.
    func read(_ url: URL, path: String, into diagnostics: inout [Diagnostic]) -> SourceFile?
}
