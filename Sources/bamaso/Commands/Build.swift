import ArgumentParser
import BamasoSite
import BamasoWrite
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into public/.",
        discussion: """
            Reads content/ and templates/, checks everything, and writes the site into public/. \
            Problems are printed as path:line:column: error: message. If there is any error, \
            nothing is written and the previous public/ stays as it was.
            """
    )

    @Option(help: ArgumentHelp("The project folder, which holds content/ and templates/.", valueName: "folder"))
    var root = "."

    @Option(
        help: ArgumentHelp("Where to write the site (default: public/ in the project folder).", valueName: "folder"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "The address the site will be published at, such as https://example.org/bamaso/ (default: base_url in "
                + "content/site.yml).",
            valueName: "url"))
    var baseURL: String?

    @Flag(help: "Also publish pages marked 'draft: true'.")
    var drafts = false

    @Flag(help: "Treat missing and outdated translations as errors (for a release), in every language.")
    var strict = false

    @Option(
        help: ArgumentHelp(
            "Like --strict, in these languages only, such as 'fr,sw'.", valueName: "codes"),
        transform: { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } })
    var strictLanguages: [String]?

    @Flag(help: "Make every link relative and name its file, so the site works opened from a folder or a USB stick.")
    var portable = false

    @Flag(help: "Also print how long each stage of the build took: load, parse, resolve, render, write.")
    var timings = false

    func run() throws {
        let rootURL = URL(fileURLWithPath: root)
        // A hidden hook for tests (Tests/bamasoCLITests/InterruptedBuildTests): pause at a named
        // point of the build until a signal comes (see `Interruption.init(pausingAt:)`).
        let interruption = Interruption(pausingAt: ProcessInfo.processInfo.environment["BAMASO_TEST_PAUSE_AT"])
        let shownOutput =
            output.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
            ?? (root == "." ? "public/" : URL(fileURLWithPath: root).appendingPathComponent("public").path + "/")
        let watch = SignalWatch(interruption, output: shownOutput)
        let report = Site.build(
            BuildOptions(
                root: rootURL, output: output.map { URL(fileURLWithPath: $0) }, baseURL: baseURL, includeDrafts: drafts,
                strict: strict || strictLanguages != nil, strictLanguages: strictLanguages, portable: portable,
                interruption: interruption))
        watch.stop()
        if let signalNumber = report.interruption {
            let stopped: SignalWatch.Stopped =
                report.filesWritten > 0
                ? .afterSwap
                : report.leftBehind.map { .leftIn($0) } ?? .removed
            let message = SignalWatch.message(signalNumber, output: shownOutput, stopped)
            Terminal.write(message)
            throw ExitCode(SignalWatch.status(signalNumber))
        }
        Terminal.printDiagnostics(report.diagnostics)
        print(Terminal.summary(of: report))
        if timings { print(Terminal.timings(of: report)) }
        if report.hasErrors { throw ExitCode.failure }
    }
}
