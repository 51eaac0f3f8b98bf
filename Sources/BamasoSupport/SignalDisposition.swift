#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process does with a signal when it starts.
public enum SignalDisposition {
    /// Whether the process was started with `signal` ignored: `nohup` starts a command with
    /// SIGHUP ignored (it goes on after its terminal is closed), and a shell script starts a
    /// command in the background (`&`) with SIGINT ignored (a Ctrl-C meant for the script).
    /// A command that stops cleanly on a signal should leave such a signal ignored.
    public static func isIgnored(_ signal: Int32) -> Bool {
        var current = sigaction()
        guard sigaction(signal, nil, &current) == 0 else { return false }
        #if canImport(Glibc)
        let handler = current.__sigaction_handler.sa_handler
        #else
        let handler = current.__sigaction_u.__sa_handler
        #endif
        return handler.map { unsafeBitCast($0, to: Int.self) } == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
