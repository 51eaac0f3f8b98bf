import BamasoSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts a PDF's pages with poppler's `pdfinfo` (Debian `poppler-utils`), which reads every
/// kind of PDF (compressed object streams, repaired cross-reference tables) and which a
/// damaged file cannot crash: it runs in a process of its own, and is killed after `timeout`.
///
/// Without `pdfinfo` a build still works: PDF labels leave out their pages, and the build says
/// so once (`Resolver.assemble`).
public struct PDFPageCounter: Sendable, Equatable {
    public enum Count: Sendable, Equatable {
        case counted(Int)
        /// `pdfinfo` could not read the file, or gave no page count.
        case unknown
        /// There is no `pdfinfo` to ask.
        case noCounter
    }

    /// The `pdfinfo` to run; nil when there is none.
    public var executable: URL?
    public var timeout: Duration
    /// What earlier builds counted, so that an unchanged PDF is not counted again; nil counts
    /// every time.
    public var readings: FileReadings<Count>?

    public init(executable: URL?, timeout: Duration = .seconds(10), readings: FileReadings<Count>? = nil) {
        self.executable = executable
        self.timeout = timeout
        self.readings = readings
    }

    public static func == (lhs: PDFPageCounter, rhs: PDFPageCounter) -> Bool {
        (lhs.executable, lhs.timeout) == (rhs.executable, rhs.timeout) && lhs.readings === rhs.readings
    }

    /// The `pdfinfo` on the `PATH`, looked for once per process.
    public static let installed = PDFPageCounter(executable: find("pdfinfo"))

    /// The first executable file named `name` in the folders of `PATH`.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    public func pages(of file: URL) -> Count {
        guard let readings else { return count(file) }
        // "No pdfinfo" is not a fact about the file: not kept.
        return readings.value(of: file) {
            let counted = count(file)
            return counted == .noCounter ? nil : counted
        } ?? .noCounter
    }

    private func count(_ file: URL) -> Count {
        guard let executable else { return .noCounter }
        // The report goes to a file rather than a pipe, which nobody has to drain.
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-pdfinfo-\(UUID())")
        guard FileManager.default.createFile(atPath: report.path, contents: nil),
            let output = try? FileHandle(forUpdating: report)
        else { return .unknown }
        defer {
            try? output.close()
            try? FileManager.default.removeItem(at: report)
        }
        // The path is absolute, so it cannot be taken for an option.
        guard
            Self.run(
                executable.path, [file.standardizedFileURL.path], output: output.fileDescriptor,
                timeout: timeout) == 0
        else { return .unknown }
        let data = (try? output.seek(toOffset: 0)).flatMap { try? output.read(upToCount: 1 << 16) } ?? Data()
        return Self.pages(inReport: String(decoding: data, as: UTF8.self)).map(Count.counted) ?? .unknown
    }

    /// Runs `executable` with its output into `output`, and gives its exit status; nil when it
    /// could not be started, or was killed by a signal or, after `timeout`, by us.
    ///
    /// `posix_spawn` and `waitpid` rather than Foundation's `Process`, which on Linux reports
    /// the end of a process only once its children have ended too, and so cannot stop one.
    static func run(_ executable: String, _ arguments: [String], output: Int32, timeout: Duration) -> Int32? {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        guard posix_spawn_file_actions_init(&actions) == 0 else { return nil }
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let environment = [strdup("LC_ALL=C"), nil]
        defer { for variable in environment { free(variable) } }
        var pid = pid_t()
        guard posix_spawn(&pid, executable, &actions, nil, argv, environment) == 0 else { return nil }

        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        var pause: UInt32 = 1_000  // microseconds, doubling up to 20 ms: pdfinfo takes about 10 ms
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result == -1, errno != EINTR { return nil }
            if ContinuousClock.now >= deadline {
                // A file that keeps it busy is given up on.
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1, errno == EINTR {}
                return nil
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        // WIFEXITED and WEXITSTATUS, which Swift does not import: macros.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
    }

    /// The number on the `Pages:` line of pdfinfo's report.
    static func pages(inReport report: String) -> Int? {
        for line in report.split(separator: "\n") where line.hasPrefix("Pages:") {
            return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
