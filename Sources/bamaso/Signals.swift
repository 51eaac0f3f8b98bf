import BamasoSupport
import BamasoWrite
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT), `kill` (SIGTERM) and a closed terminal (SIGHUP) during `bamaso build`.
/// Before the write stage nothing is on disk yet, so the process ends at once; while the site
/// is written, the writer stops, removes what it wrote, and `Build` ends the process when the
/// build returns.
final class SignalWatch {
    private var sources: [any DispatchSourceSignal] = []
    /// The signals this watch handles: those the process was not started ignoring.
    private var watched: [Int32] = []

    /// Watches SIGINT, SIGTERM and SIGHUP for `interruption` until `stop`. `output` is the
    /// folder as the user named it, for the message.
    ///
    /// A signal the process was started ignoring stays ignored (`SignalDisposition`): `nohup
    /// bamaso build` goes on after its terminal is closed.
    ///
    /// Returns once all are registered with the system: `resume` only asks for it, and a
    /// signal sent before it happens (a Ctrl-C at once, on a busy machine) would be ignored.
    init(_ interruption: Interruption, output: String) {
        let registered = DispatchSemaphore(value: 0)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] where !SignalDisposition.isIgnored(signalNumber) {
            watched.append(signalNumber)
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setRegistrationHandler { registered.signal() }
            source.setEventHandler {
                guard case .endNow(let afterWriting) = interruption.request(signalNumber) else { return }
                let message = Self.message(signalNumber, output: output, afterWriting ? .afterWriting : .beforeWriting)
                Terminal.write(message)
                exit(Self.status(signalNumber))
            }
            source.resume()
            sources.append(source)
        }
        for _ in sources { _ = registered.wait(timeout: .now() + 5) }
    }

    /// Stops watching: from now on the signals do what they do by default.
    func stop() {
        for source in sources { source.cancel() }
        for signalNumber in watched { signal(signalNumber, SIG_DFL) }
    }

    /// Where a stopped build left things, for its message.
    enum Stopped {
        /// Before the write stage: nothing was on disk yet.
        case beforeWriting
        /// While writing: the staging folder it made was removed.
        case removed
        /// While writing: what it wrote is in this staging folder, which the next build reuses.
        case leftIn(String)
        /// After the swap: the new site was already in place.
        case afterSwap
        /// After the write stage, which may or may not have replaced the site (it reports why not).
        case afterWriting
    }

    /// What the command says when a signal stopped it.
    static func message(_ signalNumber: Int32, output: String, _ stopped: Stopped) -> String {
        let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][signalNumber] ?? "signal \(signalNumber)"
        switch stopped {
        case .beforeWriting:
            return "Interrupted (\(name)): the build stopped before writing anything; \(output) was left as it was."
        case .removed:
            return "Interrupted (\(name)): the build stopped and removed what it had written; "
                + "\(output) was left as it was."
        case .leftIn(let folder):
            // A folder's name is beside the output; a path when the output is a link, beside its folder.
            return "Interrupted (\(name)): the build stopped; \(output) was left as it was. What it had written is "
                + "in \(folder)\(folder.contains("/") ? "" : " beside it"), which the next build reuses."
        case .afterSwap:
            return "Interrupted (\(name)) after the new site was already in place in \(output)."
        case .afterWriting:
            return "Interrupted (\(name)) after the write stage had ended."
        }
    }

    /// The exit status of a process ended by a signal, as shells report it: 128 + the signal.
    static func status(_ signalNumber: Int32) -> Int32 { 128 + signalNumber }
}
