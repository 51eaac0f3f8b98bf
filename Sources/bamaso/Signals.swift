import BamasoWrite
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and `kill` (SIGTERM) during `bamaso build`. Before the write stage nothing
/// is on disk yet, so the process ends at once; while the site is written, the writer stops,
/// removes what it wrote, and `Build` ends the process when the build returns.
final class SignalWatch {
    private var sources: [any DispatchSourceSignal] = []

    /// Watches SIGINT and SIGTERM for `interruption` until `stop`. `output` is the folder as
    /// the user named it, for the message.
    init(_ interruption: Interruption, output: String) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                guard interruption.request(signalNumber) else { return }
                let message = Self.message(signalNumber, output: output, written: false)
                FileHandle.standardError.write(Data((message + "\n").utf8))
                exit(Self.status(signalNumber))
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching: from now on the signals do what they do by default.
    func stop() {
        sources.forEach { $0.cancel() }
        for signalNumber in [SIGINT, SIGTERM] { signal(signalNumber, SIG_DFL) }
    }

    /// What the command says when a signal stopped it.
    static func message(_ signalNumber: Int32, output: String, written: Bool) -> String {
        let name = signalNumber == SIGINT ? "SIGINT" : signalNumber == SIGTERM ? "SIGTERM" : "signal \(signalNumber)"
        if written {
            return "Interrupted (\(name)) after the new site was already in place in \(output)."
        }
        return "Interrupted (\(name)): the build stopped and removed what it had written; "
            + "\(output) was left as it was."
    }

    /// The exit status of a process ended by a signal, as shells report it: 128 + the signal.
    static func status(_ signalNumber: Int32) -> Int32 { 128 + signalNumber }
}
