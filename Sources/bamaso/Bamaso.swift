import ArgumentParser
import BamasoSupport

@main
struct Bamaso: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bamaso",
        abstract: "Builds the Ba Maso campaign website from Markdown, in Kinyarwanda and English.",
        subcommands: [Build.self, Serve.self, New.self, Check.self, Translations.self, Schema.self],
        defaultSubcommand: Build.self
    )

    /// As `AsyncParsableCommand` runs a command, with `malloc` set to grow its heaps in large
    /// steps first for a command that builds once (`HeapSteps`): before the build's threads
    /// make their heaps, which keep the step they were made with. Not for `serve`, which runs
    /// for hours and would keep up to a step of freed memory in each heap.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if !(command is Serve) { HeapSteps.grow() }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
