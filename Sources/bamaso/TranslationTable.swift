import BamasoLoad
import BamasoResolve
import Foundation

/// How `bamaso translations` shows its report.
enum TranslationTable {
    static func text(_ report: TranslationReport) -> String {
        let languages = Language.allCases
        let keys = report.entries.map { $0.key.isEmpty ? "(home)" : $0.key }
        let width = max(20, (keys.map(\.count).max() ?? 0) + 2)
        var lines = ["page".padding(toLength: width, withPad: " ", startingAt: 0)
            + languages.map { $0.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0) }.joined()]
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
        for language in languages {
            guard let coverage = report.coverage[language] else { continue }
            let pagesPercent = percent(coverage.pages, of: coverage.totalPages)
            let wordsPercent = percent(coverage.words, of: coverage.totalWords)
            lines.append("\(language.rawValue) \(language.nativeName): \(coverage.pages) of \(coverage.totalPages) pages "
                + "(\(pagesPercent)), "
                + "\(coverage.words) of \(coverage.totalWords) words (\(wordsPercent)); "
                + "\(coverage.draft) draft, \(coverage.outdated) outdated, \(coverage.missing) missing")
        }
        return lines.joined(separator: "\n")
    }

    private static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "100%" : "\(part * 100 / whole)%"
    }

    static func json(_ report: TranslationReport) -> String {
        let object: [String: Any] = [
            "pages": report.entries.map { entry -> [String: Any] in
                [
                    "page": entry.key,
                    "source": entry.source.rawValue,
                    "languages": Dictionary(uniqueKeysWithValues: entry.statuses.map { language, status in
                        (language.rawValue, ["state": status.state.rawValue, "path": status.path, "words": status.words,
                                             "draft": status.isDraft] as [String: Any])
                    }),
                ]
            },
            "coverage": Dictionary(uniqueKeysWithValues: report.coverage.map { language, coverage in
                (language.rawValue, [
                    "pages": coverage.pages, "total_pages": coverage.totalPages, "words": coverage.words,
                    "total_words": coverage.totalWords, "draft": coverage.draft, "outdated": coverage.outdated,
                    "missing": coverage.missing,
                ])
            }),
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
