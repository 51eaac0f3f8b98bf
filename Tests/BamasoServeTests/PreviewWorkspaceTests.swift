import Foundation
import Testing

@testable import BamasoServe

#if canImport(Glibc)
import Glibc
#endif

@Suite struct PreviewWorkspaceTests {
    /// The number of a process that has ended.
    static func endedProcess() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("a preview removes the folders of earlier previews whose process is gone, and nothing else")
    func removesAbandoned() throws {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("bamaso-workspace-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let ended = try Self.endedProcess()
        let running = ProcessInfo.processInfo.processIdentifier
        let kept = [
            "bamaso-serve-\(running)-0123abcd",  // a preview still running
            "bamaso-serve-0123ABCD",  // named by an earlier bamaso, which gave no process
            "bamaso-serve-test-\(ended)-0123abcd",
            "bamaso-serve-\(ended)-0123abcd-x",
            "notes",
        ]
        for name in kept + ["bamaso-serve-\(ended)-89abcdef"] {
            let folder = temporary.appendingPathComponent(name + "/site/en")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("<!doctype html>".utf8).write(to: folder.appendingPathComponent("index.html"))
        }

        let workspace = try PreviewWorkspace.make(in: temporary)

        #expect(workspace.lastPathComponent.hasPrefix("bamaso-serve-\(running)-"))
        #expect(PreviewWorkspace.owner(of: workspace.lastPathComponent) == running)
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
        #expect(Set(left) == Set(kept + [workspace.lastPathComponent]))
    }

    #if os(Linux)
    @Test("the folder of a preview that has ended but was not yet collected by its parent (a zombie) is removed")
    func removesZombies() throws {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("bamaso-workspace-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        // A process this test starts and does not wait for: once it ends, it stays a zombie.
        var pid: pid_t = 0
        let arguments = [strdup("/bin/true"), nil]
        defer { free(arguments[0]) }
        try #require(posix_spawn(&pid, "/bin/true", nil, nil, arguments, environ) == 0)
        defer { waitpid(pid, nil, 0) }
        let deadline = Date().addingTimeInterval(10)
        while !PreviewWorkspace.hasEnded(pid), Date() < deadline { usleep(10_000) }
        #expect(kill(pid, 0) == 0, "the system still counts the zombie as a process")
        let name = "bamaso-serve-\(pid)-89abcdef"
        try FileManager.default.createDirectory(
            at: temporary.appendingPathComponent(name + "/site"), withIntermediateDirectories: true)

        let workspace = try PreviewWorkspace.make(in: temporary)

        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path) == [workspace.lastPathComponent])
    }
    #endif
}
