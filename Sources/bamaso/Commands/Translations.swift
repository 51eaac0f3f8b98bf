import ArgumentParser
import BamasoLoad
import BamasoResolve
import BamasoSite
import Foundation

struct Translations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which pages are translated, draft, outdated or missing; or mark a translation up to date.",
        discussion: """
            Without --ack: a table of every page with its state in each language, then the \
            coverage of each language. A translation is outdated when its original changed after \
            it was last marked up to date. With --ack FILE: record in FILE's front matter that it \
            now matches its original (after you have brought it up to date). With --changes FILE: \
            what changed in FILE's original since then, block by block, with the old text when the \
            project is in git. The JSON report lists the same changes for every outdated translation.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: ArgumentHelp("The project folder, which holds content/ and templates/.", valueName: "folder"))
    var root = "."

    @Option(help: "text for people, json for tools.")
    var format: Format = .text

    @Option(
        name: .customLong("ack"),
        help: ArgumentHelp(
            "Mark this translation as matching its original, such as content/risks/fake-job-offers.en.md.",
            valueName: "file"))
    var acknowledge: [String] = []

    @Option(
        help: ArgumentHelp(
            "Show what changed in the original of this outdated translation since it was marked up to date.",
            valueName: "file"))
    var changes: String?

    func run() throws {
        let rootURL = URL(fileURLWithPath: root)
        if !acknowledge.isEmpty {
            var failed = false
            for file in acknowledge {
                switch Site.acknowledgeTranslation(file, root: rootURL) {
                case .success(let message): print(message)
                case .failure(let list):
                    Terminal.printDiagnostics(list.diagnostics)
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
            return
        }
        if let file = changes {
            switch Site.translationChanges(root: rootURL, file: file) {
            case .success(let found):
                print(
                    found.isEmpty
                        ? "\(file) is not outdated: it matches its original." : TranslationTable.changes(found))
            case .failure(let list):
                Terminal.printDiagnostics(list.diagnostics)
                throw ExitCode.failure
            }
            return
        }
        let (report, changes, diagnostics) = Site.translations(root: rootURL, changes: format == .json)
        Terminal.printDiagnostics(diagnostics)
        guard let report else { throw ExitCode.failure }
        switch format {
        case .text: print(TranslationTable.text(report))
        case .json: print(TranslationTable.json(report, changes: changes))
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
    }
}
