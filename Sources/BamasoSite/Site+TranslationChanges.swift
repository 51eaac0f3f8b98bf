import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import BamasoResolve
import Foundation

/// What changed in an outdated translation's original since the translation was acknowledged.
public struct TranslationChanges: Sendable, Equatable {
    /// The translation's file, and its original's.
    public var translation: String
    public var original: String
    /// The commit that recorded the acknowledgement, when git knows it: the old texts come from it.
    public var commit: String?
    /// Nil when nothing records what the original was at the acknowledgement (a translation
    /// acknowledged by an older bamaso, outside git).
    public var changes: [BlockChange]?
}

extension Site {
    /// For every outdated translation, or only for `file`, the blocks of its original added,
    /// removed or changed since its acknowledgement (`--ack`). Works without git from the
    /// block fingerprints the acknowledgement recorded; with git, the old texts too.
    public static func translationChanges(root: URL, file: String? = nil)
        -> Result<[TranslationChanges], DiagnosticList>
    {
        var diagnostics: [Diagnostic] = []
        guard let (project, pages, report) = readTranslations(root: root, into: &diagnostics) else {
            return .failure(DiagnosticList(diagnostics))
        }
        let path = file.map { projectPath(of: $0, root: root) }
        if let path, pages[path] == nil {
            let errors = diagnostics.filter { $0.severity == .error && $0.location.path == path }
            return .failure(
                DiagnosticList(
                    errors.isEmpty
                        ? [
                            .error(
                                at: FileLocation(path: path), "\(path) is not a page of this site",
                                hint: "give the path of a translation, such as content/risks/fake-job-offers."
                                    + "\(project.site.languages.first?.code ?? "LANG").md")
                        ] : errors))
        }
        if let path, let entry = report.entries.first(where: { $0.statuses[$0.source]?.path == path }) {
            let others = entry.statuses.values.filter { $0.path != path && $0.state != .missing }.map(\.path).sorted()
            return .failure(
                DiagnosticList([
                    .error(
                        at: FileLocation(path: path), "this page is the original, not a translation",
                        hint: others.isEmpty
                            ? "it has no translation yet"
                            : "ask about its translation instead: \(others.joined(separator: ", "))")
                ]))
        }
        return .success(outdatedChanges(report: report, pages: pages, only: path, root: root, site: project.site))
    }

    /// The changes of every outdated translation of `report`, or only of the one at `path`.
    static func outdatedChanges(
        report: TranslationReport, pages: [String: Page], only path: String? = nil, root: URL, site: SiteConfig
    ) -> [TranslationChanges] {
        var found: [TranslationChanges] = []
        for entry in report.entries {
            guard let originalPath = entry.statuses[entry.source]?.path, let original = pages[originalPath] else {
                continue
            }
            for status in entry.statuses.values.sorted(by: { $0.path < $1.path })
            where status.state == .outdated && (path == nil || status.path == path) {
                guard let translation = pages[status.path] else { continue }
                found.append(changes(of: translation, original: original, root: root, site: site))
            }
        }
        return found
    }

    private static func changes(of translation: Page, original: Page, root: URL, site: SiteConfig)
        -> TranslationChanges
    {
        var result = TranslationChanges(translation: translation.path, original: original.path)
        // The original as it was when the acknowledgement was committed.
        var old: [TranslationBlock]?
        if let fingerprint = translation.frontMatter.translatedFrom,
            let commit = Git.run(
                [
                    "log", "-n", "1", "--format=%H", "-S", "translated_from: \(fingerprint)", "--",
                    translation.path,
                ], in: root)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !commit.isEmpty,
            let text = Git.run(["show", "\(commit):./\(original.path)"], in: root)
        {
            var ignored: [Diagnostic] = []
            let page = PageParser.parse(
                SourceFile(path: original.path, text: text), sections: site.sections, languages: site.languages,
                into: &ignored)
            result.commit = String(commit.prefix(12))
            old = page?.translationBlocks
        }
        if let recorded = translation.frontMatter.translatedBlocks ?? old?.map(\.fingerprint) {
            result.changes = BlockChanges.between(recorded: recorded, current: original.translationBlocks, old: old)
        }
        return result
    }

    /// `file` as a path from the project root (`content/risks/a.rw.md`).
    static func projectPath(of file: String, root: URL) -> String {
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        let absolute = file.hasPrefix("/") ? URL(fileURLWithPath: file) : root.appendingPathComponent(file)
        let resolvedPath = absolute.standardizedFileURL.resolvingSymlinksInPath().path
        return resolvedPath.hasPrefix(rootPath) ? String(resolvedPath.dropFirst(rootPath.count)) : file
    }
}

/// The `git` command, when there is one and the project is in a repository.
enum Git {
    /// What `git ARGUMENTS` printed, run in `folder`; nil when git is missing or failed.
    static func run(_ arguments: [String], in folder: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
