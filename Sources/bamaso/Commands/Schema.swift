import ArgumentParser
import BamasoLoad
import BamasoParse
import Foundation

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the JSON Schemas of site.yml, contacts.yml and the front matter of each kind of page.",
        discussion: """
            One file per kind of page (home, section, risk, school, radio, contact, page), made \
            from the definitions the build checks front matter with, and one each for site.yml and \
            contacts.yml (JSON Schema 2020-12). An \
            editor set up with them (docs/editing.md) shows a missing or misspelt key while you \
            type; the build stays the judge.
            """
    )

    @Option(help: ArgumentHelp("The folder to write the schemas into.", valueName: "folder"))
    var output = "schemas"

    @Option(help: ArgumentHelp("The project folder, whose site.yml lists the languages.", valueName: "folder"))
    var root = "."

    func run() throws {
        let site: SiteConfig
        switch SiteConfig.read(root: URL(fileURLWithPath: root)) {
        case .success(let read): site = read
        case .failure(let problems):
            Terminal.printDiagnostics(problems.diagnostics)
            throw ExitCode.failure
        }
        let folder = URL(fileURLWithPath: output)
        let files = Self.files(languages: site.languages)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
            }
        } catch {
            Terminal.printError("\(output): cannot write the schemas: \(error.localizedDescription)")
            throw ExitCode.failure
        }
        print("Wrote \(files.count) schemas into \(output)/.")
    }

    /// Every schema file: its name and its text, for a site of `languages`.
    static func files(languages: [Language]) -> [(name: String, text: String)] {
        FrontMatterSchema.files.map {
            ($0.name, FrontMatterSchema.json(for: $0.kind, named: $0.name, languages: languages))
        }
            + [
                ("site.schema.json", ConfigSchemas.json(ConfigSchemas.site)),
                ("contacts.schema.json", ConfigSchemas.json(ConfigSchemas.contacts(languages: languages))),
            ]
    }
}
