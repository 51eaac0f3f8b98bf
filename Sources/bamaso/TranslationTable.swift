import BamasoLoad
import BamasoResolve
import BamasoSite
import Foundation

/// How `bamaso translations` shows its report.
enum TranslationTable {
    static func text(_ report: TranslationReport) -> String {
        let languages = report.languages.map(\.language)
        let keys = report.entries.map { $0.key.isEmpty ? "(home)" : $0.key }
        let width = max(20, (keys.map(\.count).max() ?? 0) + 2)
        var lines = [
            "page".padding(toLength: width, withPad: " ", startingAt: 0)
                + languages.map { $0.code.padding(toLength: 18, withPad: " ", startingAt: 0) }.joined()
        ]
        for (entry, key) in zip(report.entries, keys) {
            let cells = languages.map { language -> String in
                guard let status = entry.statuses[language] else { return "" }
                var cell = status.state.rawValue
                if status.isDraft, status.state == .outdated { cell += ", draft" }
                return cell.padding(toLength: 18, withPad: " ", startingAt: 0)
            }
            lines.append(key.padding(toLength: width, withPad: " ", startingAt: 0) + cells.joined())
        }
        lines.append("")
        for settings in report.languages {
            let (language, name) = (settings.language, settings.name)
            guard let coverage = report.coverage[language] else { continue }
            let pagesPercent = percent(coverage.pages, of: coverage.totalPages)
            let wordsPercent = percent(coverage.words, of: coverage.totalWords)
            lines.append(
                "\(language.code) \(name): \(coverage.pages) of \(coverage.totalPages) pages "
                    + "(\(pagesPercent)), "
                    + "\(coverage.words) of \(coverage.totalWords) words (\(wordsPercent)); "
                    + "\(coverage.draft) draft, \(coverage.outdated) outdated, \(coverage.missing) missing")
        }
        return lines.joined(separator: "\n")
    }

    private static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "100%" : "\(part * 100 / whole)%"
    }

    static func json(_ report: TranslationReport, changes: [TranslationChanges] = []) -> String {
        let changed = Dictionary(changes.map { ($0.translation, $0) }, uniquingKeysWith: { first, _ in first })
        let object: [String: Any] = [
            "pages": report.entries.map { entry -> [String: Any] in
                [
                    "page": entry.key,
                    "source": entry.source.code,
                    "languages": Dictionary(
                        uniqueKeysWithValues: entry.statuses.map { language, status in
                            var fields: [String: Any] = [
                                "state": status.state.rawValue, "path": status.path, "words": status.words,
                                "draft": status.isDraft,
                            ]
                            if let found = changed[status.path] { fields["changes"] = json(found) }
                            return (language.code, fields)
                        }),
                ]
            },
            "coverage": Dictionary(
                uniqueKeysWithValues: report.coverage.map { language, coverage in
                    (
                        language.code,
                        [
                            "pages": coverage.pages, "total_pages": coverage.totalPages, "words": coverage.words,
                            "total_words": coverage.totalWords, "draft": coverage.draft, "outdated": coverage.outdated,
                            "missing": coverage.missing,
                        ]
                    )
                }),
        ]
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// An outdated translation's changes for the JSON report: a list of blocks, or null when
    /// they are not known.
    private static func json(_ found: TranslationChanges) -> Any {
        guard let changes = found.changes else { return NSNull() }
        return changes.map { change -> [String: Any] in
            var item: [String: Any] = ["change": change.kind.rawValue, "block": change.label, "line": change.line]
            if let text = change.text { item["text"] = text }
            if let old = change.oldText { item["old_text"] = old }
            if let diff = change.wordDiff { item["word_diff"] = diff }
            return item
        }
    }

    /// What `--changes FILE` prints.
    static func changes(_ found: [TranslationChanges]) -> String {
        var lines: [String] = []
        for translation in found {
            let since = translation.commit.map { " (acknowledged in commit \($0))" } ?? ""
            lines.append(
                "\(translation.translation) is outdated: \(translation.original) changed since it was "
                    + "marked up to date\(since).")
            guard let changes = translation.changes else {
                lines.append(
                    "What changed is not recorded (it was marked up to date by an older bamaso, and git does "
                        + "not know when): compare the whole page, then run bamaso translations --ack "
                        + "\(translation.translation)")
                continue
            }
            if changes.isEmpty { lines.append("No block changed; only spaces or line breaks did.") }
            for change in changes {
                let place = "  \(translation.original):\(change.line)  \(change.label)"
                switch change.kind {
                case .added: lines.append("\(place), added: \(change.text ?? "")")
                case .removed:
                    lines.append("\(place), removed before this line" + (change.oldText.map { ": \($0)" } ?? ""))
                case .changed:
                    lines.append("\(place), changed: \(change.wordDiff ?? change.text ?? "")")
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
