import ArgumentParser

@main
struct Bamaso: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bamaso",
        abstract: "Builds the Ba Maso campaign website from Markdown, in Kinyarwanda and English.",
        subcommands: [Build.self],
        defaultSubcommand: Build.self
    )
}
