import ArgumentParser

@main
struct Bamaso: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bamaso",
        abstract: "Builds the Ba Maso campaign website from Markdown, in Kinyarwanda and English.",
        subcommands: [Build.self, Serve.self, New.self, Check.self, Translations.self, Schema.self],
        defaultSubcommand: Build.self
    )
}
