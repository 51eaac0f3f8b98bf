import ArgumentParser
import BamasoDiagnostics
import BamasoServe
import BamasoSite
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site in a browser; pages reload when you save a file.",
        discussion: """
            Builds the site into a private folder (public/ is not touched) and serves it at \
            http://127.0.0.1:8080/. When a file in content/ or templates/ changes, what it \
            changes is rebuilt and open pages reload themselves. While the build has errors, \
            the browser shows them, each with its file and line, and so does this terminal. \
            Ctrl-C stops it.
            """
    )

    @Option(help: ArgumentHelp("The project folder, which holds content/ and templates/.", valueName: "folder"))
    var root = "."

    @Option(help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "port"))
    var port = 8080

    @Option(
        help: ArgumentHelp(
            "The address to listen on. The default, 127.0.0.1, shows the preview on this computer only; 0.0.0.0 "
                + "shows it to every computer on the network.",
            valueName: "address"))
    var host = "127.0.0.1"

    @Flag(help: "Also show pages marked 'draft: true'.")
    var drafts = false

    @Flag(
        help: ArgumentHelp(
            "Look for changed files every 0.3 s instead of being told by the system: for a folder shared from "
                + "another computer, whose changes the system may not report."))
    var poll = false

    @Flag(help: "Also print how long each stage of each build took: load, parse, resolve, render, write.")
    var timings = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let server = PreviewServer(
            options: .init(
                root: URL(fileURLWithPath: root), host: host, port: port, includeDrafts: drafts, polls: poll))
        let first = FirstBuild()
        do {
            try await server.run { event in
                switch event {
                case .built(let report, let statistics):
                    Terminal.printDiagnostics(report.diagnostics)
                    Terminal.say(Terminal.previewSummary(of: report, statistics: statistics, first: first.take()))
                    if timings { Terminal.say(Terminal.timings(of: report)) }
                case .listening(let url):
                    Terminal.say(
                        "Serving the site at \(url.absoluteString). Open it in a browser; pages reload when you "
                            + "save a file. Press Ctrl-C to stop.")
                }
            }
        } catch  where "\(error)".contains("Address already in use") {
            Terminal.printError(
                "cannot serve at \(host):\(port): another program is using that port",
                hint: "stop it, or pass another port with --port (--port 0 picks a free one)")
            throw ExitCode.failure
        } catch {
            Terminal.printError("cannot serve at \(host):\(port): \(error)")
            throw ExitCode.failure
        }
        Terminal.say("Stopped.")
    }
}

/// True the first time only: the first build's summary reads differently.
private final class FirstBuild: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = false

    func take() -> Bool {
        lock.withLock {
            defer { taken = true }
            return !taken
        }
    }
}
