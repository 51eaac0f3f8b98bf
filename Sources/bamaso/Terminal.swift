import BamasoDiagnostics
import BamasoLoad
import BamasoSite
import Foundation

/// Everything the command line prints: diagnostics on standard error, summaries on standard output.
enum Terminal {
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }

    /// A few lines staff can read at a glance: what was built, per language and section,
    /// how many Kinyarwanda pages are draft translations, and how many problems.
    static func summary(of report: BuildReport) -> String {
        var lines: [String] = []
        let errors = report.diagnostics.errorCount
        let warnings = report.diagnostics.warningCount
        let problems = "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
        if report.filesWritten > 0 {
            lines.append("Built \(report.output.path) in \(String(format: "%.2f", report.seconds)) s: \(problems).")
        } else if report.hasErrors {
            lines.append("Not built: \(problems). The previous \(report.output.lastPathComponent)/ was left as it was.")
        } else {
            lines.append("Checked in \(String(format: "%.2f", report.seconds)) s: \(problems). Nothing was written.")
        }
        guard !report.pageCounts.isEmpty else { return lines.joined(separator: "\n") }

        let columns = ["home"] + report.sections + ["total"]
        let width = max(8, (columns.map(\.count).max() ?? 0) + 2)
        func pad(_ text: String) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        lines.append("pages".padding(toLength: 16, withPad: " ", startingAt: 0) + columns.map(pad).joined())
        for language in Language.allCases {
            let counts = report.pageCounts[language] ?? [:]
            let cells = ([""] + report.sections).map { counts[$0] ?? 0 }
            let name = "\(language.rawValue) \(language.nativeName)".padding(toLength: 16, withPad: " ", startingAt: 0)
            lines.append(name + (cells + [cells.reduce(0, +)]).map { pad(String($0)) }.joined())
        }
        for language in Language.allCases {
            let drafts = report.draftTranslations[language] ?? 0
            let total = report.pageCounts[language]?.values.reduce(0, +) ?? 0
            if drafts > 0 {
                lines.append("\(language.nativeName): \(drafts) of \(total) pages are draft translations (translation: draft), not yet reviewed by a native speaker.")
            }
        }
        return lines.joined(separator: "\n")
    }
}
