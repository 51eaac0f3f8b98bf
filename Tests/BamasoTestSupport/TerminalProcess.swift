import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A process run in a terminal of its own, as a terminal window runs it: a pseudo-terminal that
/// is the process's controlling terminal and its standard input, output and error. Closing it
/// (`closeTerminal`) is closing the window: the system sends the process SIGHUP, and every
/// write to the terminal fails from then on.
public final class TerminalProcess {
    public let pid: pid_t
    private var terminal: Int32

    /// Starts `arguments[0]` (a path) with `arguments`, in `environment`, every signal as a new
    /// terminal session gives it, not as the test runner has it.
    public init(_ arguments: [String], environment: [String: String]) throws {
        // Swift's Glibc module leaves out the pseudo-terminal functions (they are X/Open's).
        func function<T>(_ name: String, as type: T.Type) throws -> T {
            guard let symbol = dlsym(dlopen(nil, RTLD_NOW), name) else { throw POSIXError(.ENOSYS) }
            return unsafeBitCast(symbol, to: type)
        }
        typealias OnTerminal = @convention(c) (Int32) -> Int32
        let terminal = try function("posix_openpt", as: OnTerminal.self)(O_RDWR | O_NOCTTY)
        guard terminal >= 0, try function("grantpt", as: OnTerminal.self)(terminal) == 0,
            try function("unlockpt", as: OnTerminal.self)(terminal) == 0,
            let name = try function(
                "ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)(terminal)
        else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A session of its own, whose first terminal opened becomes its controlling terminal
        // (glibc's POSIX_SPAWN_SETSID, 0x80, which the Glibc module leaves out too).
        var signals = sigset_t()
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        // The terminal closes when its last descriptor does: the process must not hold one.
        posix_spawn_file_actions_addclose(&actions, terminal)
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        guard spawned == 0 else {
            close(terminal)
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO)
        }
        self.pid = pid
        self.terminal = terminal
    }

    deinit { closeTerminal() }

    /// What the process writes to its terminal, until `text` appears in it or the terminal
    /// ends; line breaks as "\n".
    public func read(until text: String) -> String {
        var output = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while terminal >= 0, !output.contains(text) {
            let count = Glibc.read(terminal, &buffer, buffer.count)
            guard count > 0 else { break }
            output += String(decoding: buffer[..<count], as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        }
        return output
    }

    /// Closes the terminal, as closing its window does.
    public func closeTerminal() {
        if terminal >= 0 { close(terminal) }
        terminal = -1
    }

    /// Waits for the process to end: whether a signal ended it, and its exit status or that signal.
    public func wait() -> (signalled: Bool, status: Int32) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signalled = status & 0x7f != 0
        return (signalled, signalled ? status & 0x7f : (status >> 8) & 0xff)
    }
}
