import BamasoDiagnostics
import BamasoLoad
import BamasoSite
import BamasoSupport
import Foundation

/// Everything the command line prints: diagnostics on standard error, summaries on standard output.
enum Terminal {
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            write(diagnostic.description)
        }
    }

    /// A line on standard output, written at once even when the output is a pipe.
    static func say(_ line: String) {
        write(line, to: STDOUT_FILENO)
    }

    /// Writes `line` and a line break on standard error, or on `descriptor`, and goes on when it
    /// cannot. Foundation's `FileHandle.write` ends the process when a write fails, and after
    /// the terminal window a build runs in is closed, every write to it fails: the build,
    /// stopped by the window's SIGHUP, crashed while saying so.
    static func write(_ line: String, to descriptor: Int32 = STDERR_FILENO) {
        var text = line + "\n"
        _ = text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// `error: message; hint` on standard error, for a problem that is not in a file.
    static func printError(_ message: String, hint: String? = nil) {
        write("error: " + message + (hint.map { "; " + $0 } ?? ""))
    }

    static func problems(in report: BuildReport) -> String {
        let errors = report.diagnostics.errorCount
        let warnings = report.diagnostics.warningCount
        return "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
    }

    /// How long each stage of a build took, a line each (`--timings`).
    /// A stage's parts follow it, indented further (`    writing      0.040 s`).
    static func timings(of report: BuildReport) -> String {
        func line(_ timing: StageTiming, indent: Int, width: Int) -> String {
            let name = timing.stage.padding(toLength: width, withPad: " ", startingAt: 0)
            return String(repeating: " ", count: indent) + name + String(format: " %.3f s", timing.seconds)
        }
        var lines: [String] = []
        for timing in report.timings {
            lines.append(line(timing, indent: 2, width: 8))
            lines += timing.parts.map { line($0, indent: 4, width: 12) }
        }
        return lines.joined(separator: "\n")
    }

    /// What `bamaso serve` says after each build.
    static func previewSummary(of report: BuildReport, statistics: BuildCache.Statistics, first: Bool) -> String {
        let seconds = String(format: "%.2f", report.seconds)
        if report.hasErrors {
            return "Not \(first ? "built" : "rebuilt"): \(problems(in: report)). The browser shows them too, "
                + "until they are fixed; it keeps the last good build for everything else."
        }
        if first { return "Built in \(seconds) s: \(problems(in: report))." }
        let parsed = statistics.computed == 1 ? "1 page read again" : "\(statistics.computed) pages read again"
        return "Rebuilt in \(seconds) s (\(parsed), \(statistics.reused) unchanged): \(problems(in: report))."
    }

    /// What to put before the paths of a project in `root` so that they are relative to the
    /// current folder, as GitHub annotations need: "" for ".", "site/" for "site".
    static func repositoryPrefix(forRoot root: String) -> String {
        let current = FileManager.default.currentDirectoryPath
        let absolute = URL(fileURLWithPath: root).standardizedFileURL.path
        guard absolute != current else { return "" }
        if absolute.hasPrefix(current + "/") { return String(absolute.dropFirst(current.count + 1)) + "/" }
        return absolute + "/"
    }

    /// A few lines staff can read at a glance: what was built, per language and section,
    /// how many Kinyarwanda pages are draft translations, and how many problems. `checkOnly`:
    /// the build was asked to write nothing (`bamaso check`).
    static func summary(of report: BuildReport, checkOnly: Bool = false) -> String {
        var lines: [String] = []
        let problems = problems(in: report)
        if report.filesWritten > 0 {
            lines.append("Built \(report.output.path) in \(String(format: "%.2f", report.seconds)) s: \(problems).")
        } else if report.hasErrors, !checkOnly {
            lines.append("Not built: \(problems). The previous \(report.output.lastPathComponent)/ was left as it was.")
        } else {
            lines.append("Checked in \(String(format: "%.2f", report.seconds)) s: \(problems). Nothing was written.")
        }
        guard !report.pageCounts.isEmpty else { return lines.joined(separator: "\n") }

        let columns = ["home"] + report.sections + ["total"]
        let width = max(8, (columns.map(\.count).max() ?? 0) + 2)
        func pad(_ text: String) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        lines.append("pages".padding(toLength: 16, withPad: " ", startingAt: 0) + columns.map(pad).joined())
        for settings in report.languages {
            let counts = report.pageCounts[settings.language] ?? [:]
            let cells = ([""] + report.sections).map { counts[$0] ?? 0 }
            let name = "\(settings.language.code) \(settings.name)"
            lines.append(
                name.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + (cells + [cells.reduce(0, +)]).map { pad(String($0)) }.joined())
        }
        for settings in report.languages {
            guard let coverage = report.translationCoverage[settings.language],
                coverage.draft + coverage.outdated + coverage.missing > 0
            else { continue }
            lines.append(
                "\(settings.name) translations: \(coverage.draft) draft (not yet reviewed by a native speaker), "
                    + "\(coverage.outdated) outdated, \(coverage.missing) missing; 'bamaso translations' lists them.")
        }
        return lines.joined(separator: "\n")
    }
}
