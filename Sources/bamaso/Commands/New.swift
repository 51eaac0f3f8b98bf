import ArgumentParser
import BamasoSite
import Foundation

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new page in every language, with its front matter ready to fill in.",
        discussion: """
            bamaso new risks fake-job-offers writes content/risks/fake-job-offers.LANG.md for each \
            language of site.yml from the theme's skeleton for that section \
            (templates/archetypes/), with a placeholder for every front-matter field and a hint \
            above it. The pages start as drafts. An existing page is never overwritten.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "The section, one of 'sections' in content/site.yml (risks, schools, ...).",
            valueName: "section"))
    var section: String

    @Argument(
        help: ArgumentHelp(
            "The page's name in its web address: lowercase letters, digits and hyphens.",
            valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The project folder, which holds content/ and templates/.", valueName: "folder"))
    var root = "."

    func run() throws {
        switch NewPage.create(section: section, slug: name, root: URL(fileURLWithPath: root)) {
        case .success(let paths):
            for path in paths { print("Wrote \(path)") }
            print(
                """
                The new pages are drafts: fill in each value in quotes, preview them with \
                'bamaso serve --drafts', and delete the line 'draft: true' to publish them.
                """)
        case .failure(let problems):
            Terminal.printDiagnostics(problems.diagnostics)
            throw ExitCode.failure
        }
    }
}
