import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a signal (Ctrl-C, `kill`) asks of a running build, and whether the build is writing.
///
/// Before the write stage a build has changed nothing on disk, so the command may end the
/// process at once; while `SiteWriter` writes, it must instead stop the writer, which then
/// removes what it wrote and leaves the output as it was. The lock makes the two exclusive:
/// a signal either finds no writer (and no writer starts after it), or stops the running one.
public final class Interruption: @unchecked Sendable {
    // Safe because every stored property below is read and written under `lock`.
    private let lock = NSLock()
    private var writing = false
    private var written = false
    private var signal: Int32?
    /// The named point where a build pauses for a test (`BAMASO_TEST_PAUSE_AT`); nil for none.
    private let pausePoint: String?

    /// - Parameter pausePoint: a test hook. A build that reaches this point (`load`, `parse`,
    ///   `resolve`, `render`, `write` halfway through the files, `swap` just before the new
    ///   site replaces the old, `swapped` just after) prints `bamaso: paused at POINT` on
    ///   standard error and waits, up to a minute, for a signal.
    public init(pausingAt pausePoint: String? = nil) {
        self.pausePoint = pausePoint
    }

    /// What a signal asks of the process.
    public enum Response: Sendable, Equatable {
        /// No writer runs, nor will one start: end the process now. `afterWriting` is true
        /// when a writer has finished, so the output may already hold the new site.
        case endNow(afterWriting: Bool)
        /// The running writer will stop, clean up and return; end the process after it.
        case writerStops
    }

    /// Notes `signal` and says what the process should do.
    public func request(_ signal: Int32) -> Response {
        lock.withLock {
            if self.signal == nil { self.signal = signal }
            return writing ? .writerStops : .endNow(afterWriting: written)
        }
    }

    /// The first signal received, if any.
    public var requested: Int32? { lock.withLock { signal } }

    /// The writer starts; false, and nothing may be written, when a signal came first.
    func beginWriting() -> Bool {
        lock.withLock {
            guard signal == nil else { return false }
            writing = true
            return true
        }
    }

    /// The writer is done: from now on a signal ends the process at once.
    func endWriting() {
        lock.withLock {
            writing = false
            written = true
        }
    }

    /// The test hook: pauses at `point` if it is the one asked for, until a signal arrives.
    public func checkpoint(_ point: String) {
        guard point == pausePoint else { return }
        FileHandle.standardError.write(Data("bamaso: paused at \(point)\n".utf8))
        for _ in 0..<6000 where requested == nil {
            usleep(10_000)
        }
    }
}
