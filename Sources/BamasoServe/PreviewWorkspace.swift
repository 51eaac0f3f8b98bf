import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The private folder a preview builds into, in the system's temporary folder:
/// `bamaso-serve-PID-RANDOM`, named for the process that owns it.
///
/// A preview removes its folder when it stops, but not when it is killed (`kill -9`, a power
/// cut, or Ctrl-C during its first build, before it listens for signals), and each such folder
/// holds a copy of the site. So each preview, as it starts, removes the folders of earlier
/// previews whose process is gone, and only those: a name of exactly that form, whose process
/// the system says does not exist or has ended.
enum PreviewWorkspace {
    static let prefix = "bamaso-serve-"

    /// Removes what earlier previews left in `temporary`, then makes this preview's folder.
    static func make(in temporary: URL = FileManager.default.temporaryDirectory) throws -> URL {
        removeAbandoned(in: temporary)
        let random = UUID().uuidString.prefix(8).lowercased()
        let folder = temporary.appendingPathComponent("\(prefix)\(getpid())-\(random)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Removes the preview folders in `temporary` whose process no longer runs.
    static func removeAbandoned(in temporary: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names {
            guard let owner = owner(of: name), hasEnded(owner) else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
    }

    /// Whether process `pid` has ended: it does not exist, or, on Linux, it is a zombie (ended,
    /// but its parent, such as a shell or a terminal that was killed with it, has not yet
    /// collected it), which the system still counts as a process.
    static func hasEnded(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 { return errno == ESRCH }
        #if os(Linux)
        // `/proc/PID/stat`: "PID (NAME) STATE …"; the name may hold spaces and parentheses.
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: end)...].drop { $0 == " " }.first
        return state == "Z" || state == "X"
        #else
        return false
        #endif
    }

    /// The process a folder named `bamaso-serve-PID-RANDOM` belongs to; nil for any other name.
    static func owner(of name: String) -> pid_t? {
        guard name.hasPrefix(prefix) else { return nil }
        let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 8, parts[1].allSatisfy(\.isHexDigit),
            let pid = pid_t(parts[0]), pid > 1
        else { return nil }
        return pid
    }
}
