import Foundation

/// Counts a PDF's pages with poppler's `pdfinfo` (Debian `poppler-utils`), which reads every
/// kind of PDF (compressed object streams, repaired cross-reference tables) and which a
/// damaged file cannot crash: it runs in a process of its own, and is stopped after `timeout`.
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

    public init(executable: URL?, timeout: Duration = .seconds(10)) {
        self.executable = executable
        self.timeout = timeout
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
        guard let executable else { return .noCounter }
        let process = Process()
        process.executableURL = executable
        // The path is absolute, so it cannot be taken for an option.
        process.arguments = [file.standardizedFileURL.path]
        process.environment = ["LC_ALL": "C"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .unknown
        }
        // A file that makes pdfinfo loop is given up on: killed, its output ends, and the read
        // below returns.
        let stop = DispatchWorkItem { if process.isRunning { process.terminate() } }
        let (seconds, attoseconds) = timeout.components
        DispatchQueue.global().asyncAfter(
            deadline: .now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)),
            execute: stop)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        stop.cancel()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else { return .unknown }
        return Self.pages(inReport: String(decoding: data, as: UTF8.self)).map(Count.counted) ?? .unknown
    }

    /// The number on the `Pages:` line of pdfinfo's report.
    static func pages(inReport report: String) -> Int? {
        for line in report.split(separator: "\n") where line.hasPrefix("Pages:") {
            return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
