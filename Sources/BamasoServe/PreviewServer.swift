import BamasoSite
import BamasoSupport
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// `bamaso serve`: builds the site into a private folder, serves it on a local address as a
/// web server would, rebuilds when a file changes, and makes open pages reload themselves.
public struct PreviewServer: Sendable {
    public struct Options: Sendable {
        /// The project folder (with `content/` and `templates/`).
        public var root: URL
        /// `127.0.0.1`: only this computer can see the preview. `0.0.0.0` shows it to the network.
        public var host: String
        /// 0 picks a free port; `Event.listening` tells which.
        public var port: Int
        /// Also show pages marked `draft: true`.
        public var includeDrafts: Bool
        /// Stop gracefully on Ctrl-C (SIGINT), SIGTERM and SIGHUP (`stoppingSignals`). Tests,
        /// which stop the server by cancelling its task, turn this off.
        public var stopsOnSignals: Bool
        /// Look for changed files every `pollInterval` even where the system reports changes:
        /// for folders shared from another computer, whose changes it does not see.
        public var polls: Bool
        /// How often to look for changed files, where they are looked for.
        public var pollInterval: Duration

        public init(
            root: URL, host: String = "127.0.0.1", port: Int = 8080, includeDrafts: Bool = false,
            stopsOnSignals: Bool = true, polls: Bool = false, pollInterval: Duration = .milliseconds(300)
        ) {
            self.root = root
            self.host = host
            self.port = port
            self.includeDrafts = includeDrafts
            self.stopsOnSignals = stopsOnSignals
            self.polls = polls
            self.pollInterval = pollInterval
        }
    }

    /// What the server reports while it runs; the command line prints these.
    public enum Event: Sendable {
        /// A build finished (the first one before the server listens). The statistics say how
        /// many pages were parsed again and how many were reused.
        case built(BuildReport, BuildCache.Statistics)
        /// The server accepts requests at this address.
        case listening(URL)
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Builds, serves and watches until the task is cancelled or, with `stopsOnSignals`, until
    /// Ctrl-C. Throws when the address cannot be used (another server has the port, say).
    public func run(onEvent: @escaping @Sendable (Event) -> Void) async throws {
        let workspace = try PreviewWorkspace.make()
        defer { try? FileManager.default.removeItem(at: workspace) }

        let reload = LiveReload()
        // Built for the root of the preview's address, whatever base_url site.yml gives.
        let buildOptions = BuildOptions(
            root: options.root, output: workspace.appendingPathComponent("site"),
            baseURL: "/", includeDrafts: options.includeDrafts)
        let site = PreviewSite(options: buildOptions, reload: reload)
        var watcher = ChangeWatcher(root: buildOptions.root.standardizedFileURL.resolvingSymlinksInPath())
        watcher.interval = options.pollInterval
        watcher.polls = options.polls
        let changes = watcher.start()
        let first = await site.rebuild(changes: nil)
        onEvent(.built(first.report, first.statistics))

        var logger = Logger(label: "bamaso.serve")
        logger.logLevel = .critical  // what matters is printed by the command line
        let host = options.host
        let app = Application(
            responder: SiteResponder(site: site, reload: reload),
            configuration: ApplicationConfiguration(address: .hostname(host, port: options.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shownHost = host.contains(":") ? "[\(host)]" : host
                if let url = URL(string: "http://\(shownHost):\(port)/") { onEvent(.listening(url)) }
            },
            logger: logger)
        let watching = WatchService(watcher: watcher, changes: changes, site: site, reload: reload, onEvent: onEvent)
        // Services stop in reverse order: the watcher first, then the server.
        var configuration = ServiceGroupConfiguration(
            services: [app, watching],
            gracefulShutdownSignals: options.stopsOnSignals ? Self.stoppingSignals : [],
            logger: logger)
        // Should a connection still hang on, Ctrl-C ends it all the same, soon.
        configuration.maximumGracefulShutdownDuration = .seconds(3)
        try await ServiceGroup(configuration: configuration).run()
        reload.finishAll()
    }
}

extension PreviewServer {
    /// Ctrl-C, `kill`, and closing the terminal window the preview runs in (SIGHUP) stop it
    /// cleanly, removing its private folder; a closed window used to end it at once and leave
    /// the folder, a copy of the site, behind. A signal it was started ignoring (`nohup`) stays ignored.
    static var stoppingSignals: [UnixSignal] {
        [(SIGINT, UnixSignal.sigint), (SIGTERM, .sigterm), (SIGHUP, .sighup)]
            .filter { !SignalDisposition.isIgnored($0.0) }.map(\.1)
    }
}

/// Rebuilds after each change until the server stops.
struct WatchService: Service {
    let watcher: ChangeWatcher
    let changes: any ChangeSource
    let site: PreviewSite
    let reload: LiveReload
    let onEvent: @Sendable (PreviewServer.Event) -> Void

    func run() async throws {
        let ticksPerKeepAlive = max(1, Int(Duration.seconds(15) / watcher.interval))
        let ticks = TickCounter()
        await cancelWhenGracefulShutdown { [watcher, changes, site, reload, onEvent] in
            await watcher.watch(
                changes,
                onTick: {
                    if ticks.next() % ticksPerKeepAlive == 0 { reload.send(.keepAlive) }
                },
                onChange: { paths in
                    let rebuilt = await site.rebuild(changes: paths)
                    onEvent(.built(rebuilt.report, rebuilt.statistics))
                })
        }
        reload.finishAll()
    }
}

/// Counts the watcher's looks, to send a keep-alive now and then.
final class TickCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
