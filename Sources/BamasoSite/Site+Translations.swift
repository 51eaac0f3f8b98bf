import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import BamasoResolve
import BamasoSupport
import Foundation

extension Site {
    /// The state of every page in every language, drafts included: what `bamaso translations`
    /// prints; with `changes`, what changed in each outdated translation's original too
    /// (`--format json`), from the same reading of the project. Nil, with diagnostics, when the
    /// project cannot be read.
    public static func translations(root: URL, changes: Bool = false)
        -> (report: TranslationReport?, changes: [TranslationChanges], diagnostics: [Diagnostic])
    {
        var diagnostics: [Diagnostic] = []
        guard let read = readTranslations(root: root, into: &diagnostics) else {
            return (nil, [], diagnostics.sortedForReport())
        }
        let found =
            changes ? outdatedChanges(report: read.report, pages: read.pages, root: root, site: read.project.site) : []
        return (read.report, found, diagnostics.sortedForReport())
    }

    /// The project, its pages by path (drafts included) and their translation report: what
    /// `bamaso translations`, `--ack` and `--changes` read. Nil when the project cannot be read.
    static func readTranslations(root: URL, into diagnostics: inout [Diagnostic])
        -> (project: LoadedProject, pages: [String: Page], report: TranslationReport)?
    {
        guard let project = ProjectLoader.load(root: root, into: &diagnostics) else { return nil }
        let parsed = PageParser.parse(project, into: &diagnostics)
        let report = TranslationReport.make(pages: parsed.pages, site: project.site, into: &diagnostics)
        let pages = Dictionary(parsed.pages.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        return (project, pages, report)
    }

    /// Records in a translation's front matter (`translated_from`) that it now matches its
    /// original, so it is no longer reported as outdated. Only that one line of the file
    /// changes; the rest is kept exactly as the editor wrote it.
    /// - Parameter file: the translation, as a path relative to `root` or absolute.
    /// - Returns: a sentence saying what was recorded, or the problems that prevented it.
    public static func acknowledgeTranslation(_ file: String, root: URL) -> Result<String, DiagnosticList> {
        var found: [Diagnostic] = []
        let read = readTranslations(root: root, into: &found)
        let path = projectPath(of: file, root: root)
        let location = FileLocation(path: path)
        let fileErrors = found.filter { $0.severity == .error && $0.location.path == path }
        guard let read, fileErrors.isEmpty else {
            return .failure(DiagnosticList(fileErrors.isEmpty ? found.filter { $0.severity == .error } : fileErrors))
        }
        guard
            let entry = read.report.entries.first(where: {
                $0.statuses.values.contains { $0.path == path && $0.state != .missing }
            }),
            let language = entry.statuses.first(where: { $0.value.path == path })?.key
        else {
            return .failure(
                DiagnosticList([
                    .error(
                        at: location, "\(path) is not a page of this site",
                        hint: "give the path of a translation, such as content/risks/fake-job-offers."
                            + "\(read.project.site.languages.last?.code ?? "LANG").md")
                ]))
        }
        guard language != entry.source, let originalPath = entry.statuses[entry.source]?.path else {
            return .failure(
                DiagnosticList([
                    .error(
                        at: location, "this page is the original, not a translation",
                        hint: "acknowledge its translation instead: "
                            + "\(entry.statuses.values.map(\.path).filter { $0 != path }.joined(separator: ", "))")
                ]))
        }
        guard let original = read.pages[originalPath],
            let translationFile = read.project.contentFiles.first(where: { $0.path == path })
        else { return .failure(DiagnosticList(found.filter { $0.severity == .error })) }

        let fingerprint = original.translationFingerprint
        // Each block's fingerprint too, to name the blocks that change later (`--changes`).
        let blocks = "[" + original.translationBlocks.map { "\"\($0.fingerprint)\"" }.joined(separator: ", ") + "]"
        // Edit the file as it is on disk (byte-order mark, line endings), not as bamaso read it.
        let raw = (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? translationFile.text
        guard
            let updated = FrontMatterEditor.setting("translated_from", to: fingerprint, in: raw)
                .flatMap({ FrontMatterEditor.setting("translated_blocks", to: blocks, in: $0) })
        else {
            return .failure(
                DiagnosticList([
                    .error(
                        at: location, "the front matter of this page cannot be found",
                        hint: "the file must start with a '---' line")
                ]))
        }
        do {
            try Data(updated.utf8).write(to: root.appendingPathComponent(path), options: .atomic)
        } catch {
            return .failure(
                DiagnosticList([.error(at: location, "cannot write this file: \(error.localizedDescription)")]))
        }
        return .success("\(path) now matches \(originalPath) (translated_from: \(fingerprint)).")
    }
}

/// Changes one top-level key of a page's front matter in place, as text.
enum FrontMatterEditor {
    /// The file text with `key: value` set: the existing line replaced, or a new line added
    /// before the closing `---`. Nil when the text has no front matter.
    static func setting(_ key: String, to value: String, in text: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func isFence(_ line: String) -> Bool {
            line.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: ["\u{FEFF}"]) == "---"
        }
        guard let first = lines.first, isFence(first),
            let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) })
        else { return nil }
        let line = "\(key): \(value)" + (first.hasSuffix("\r") ? "\r" : "")
        if let existing = lines[1..<close].firstIndex(where: { $0.hasPrefix("\(key):") }) {
            lines[existing] = line
        } else {
            lines.insert(line, at: close)
        }
        return lines.joined(separator: "\n")
    }
}
