import ArgumentParser
import BamasoParse
import Foundation

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the JSON Schemas of the front matter of each kind of page.",
        discussion: """
            One file per kind of page (home, section, risk, school, radio, contact, page), JSON \
            Schema 2020-12, made from the definitions the build checks front matter with. An \
            editor set up with them (docs/editing.md) shows a missing or misspelt key while you \
            type; the build stays the judge.
            """
    )

    @Option(help: ArgumentHelp("The folder to write the schemas into.", valueName: "folder"))
    var output = "schemas"

    func run() throws {
        let folder = URL(fileURLWithPath: output)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, kind) in FrontMatterSchema.files {
                let text = FrontMatterSchema.json(for: kind, named: name)
                try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
            }
        } catch {
            Terminal.printError("\(output): cannot write the schemas: \(error.localizedDescription)")
            throw ExitCode.failure
        }
        print("Wrote \(FrontMatterSchema.files.count) schemas into \(output)/.")
    }
}
