import ArgumentParser
import BamasoDiagnostics
import BamasoSite
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check everything a build checks, and write nothing.",
        discussion: """
            Reads content/ and templates/ and runs every check of 'bamaso build': front matter, \
            links, components, translations and templates. Nothing is written. Exit status 1 \
            means errors. With --format github, each problem becomes a GitHub Actions \
            annotation, so a pull request shows it on its line (see docs/github-actions.md).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, github
    }

    @Option(help: ArgumentHelp("The project folder, which holds content/ and templates/.", valueName: "folder"))
    var root = "."

    @Option(help: "How to print problems: 'text' (path:line:column: error: message) or 'github' (annotations).")
    var format = Format.text

    @Flag(help: "Also check pages marked 'draft: true' as if they were published.")
    var drafts = false

    @Flag(help: "Treat missing and outdated translations as errors (for a release), in every language.")
    var strict = false

    @Option(
        help: ArgumentHelp(
            "Like --strict, in these languages only, such as 'fr,sw'.", valueName: "codes"),
        transform: { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } })
    var strictLanguages: [String]?

    func run() throws {
        let report = Site.build(
            BuildOptions(
                root: URL(fileURLWithPath: root), includeDrafts: drafts, writeOutput: false,
                strict: strict || strictLanguages != nil, strictLanguages: strictLanguages))
        switch format {
        case .text:
            Terminal.printDiagnostics(report.diagnostics)
        case .github:
            let prefix = Terminal.repositoryPrefix(forRoot: root)
            for diagnostic in report.diagnostics { print(diagnostic.githubAnnotation(pathPrefix: prefix)) }
        }
        print(Terminal.summary(of: report, checkOnly: true))
        if report.hasErrors { throw ExitCode.failure }
    }
}
