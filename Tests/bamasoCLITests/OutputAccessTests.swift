import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A build run by a user who is not in the output folder's group says so: the new site's folder
/// cannot have that group, and a web server reading as a member of it may lose the site.
@Suite struct OutputAccessTests {
    typealias CLI = BuildCommandTests

    static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let nobody: UInt32 = 65534

    /// `bamaso` with `arguments`, in `folder`, as the user and group nobody, in no other group.
    static func runAsNobody(_ arguments: [String], in folder: URL) throws -> CLI.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(setpriv))
        process.arguments =
            ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", try CLI.binary().path] + arguments
        process.currentDirectoryURL = folder
        let (out, err) = (Pipe(), Pipe())
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Run(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }

    @Test(
        "an output in a group the user is not in: a warning naming the group and what to do, and the site is built",
        .enabled(if: geteuid() == 0 && setpriv != nil, "needs root, to run the build as another user"))
    func groupNotGiven() throws {
        let root = try CLI.project("translations")
        defer { try? FileManager.default.removeItem(at: root) }
        for entry in [""] + (FileManager.default.subpaths(atPath: root.path) ?? []) {
            try #require(lchown(root.appendingPathComponent(entry).path, Self.nobody, Self.nobody) == 0)
        }
        let first = try Self.runAsNobody(["build"], in: root)
        #expect(first.status == 0, "\(first.standardError)")
        // The administrator gives the site to a group the user is not in.
        let output = root.appendingPathComponent("public")
        try #require(chown(output.path, uid_t.max, 0) == 0 && chmod(output.path, 0o2750) == 0)

        let run = try Self.runAsNobody(["build"], in: root)

        #expect(run.status == 0)
        let path = output.standardizedFileURL.path
        #expect(
            run.standardError.contains(
                "public/:1:1: warning: \(path) belongs to the group root, which you are not in: the new site belongs "
                    + "to your own group instead, and a program that reads the site as a member of root (a web "
                    + "server) may no longer be able to; ask the computer's administrator to add you to the group "
                    + "root, then give the folder that group again: chgrp root \(path)"),
            "\(run.standardError)")
        #expect(run.standardOutput.contains("0 errors, 1 warning."))
        var status = stat()
        #expect(stat(output.path, &status) == 0 && status.st_gid == Self.nobody && status.st_mode & 0o777 == 0o750)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
    }
}
