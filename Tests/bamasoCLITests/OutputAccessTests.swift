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
        let wrapper = [try #require(setpriv), "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups"]
        return try CLI.run(arguments, in: folder, through: wrapper)
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

    @Test(
        "the kept copy of the site is another user's: a warning naming it and what to do, the site is built",
        .enabled(if: geteuid() == 0 && setpriv != nil, "needs root, to run the build as another user"))
    func otherUsersCopy() throws {
        let root = try CLI.project("translations")
        defer { try? FileManager.default.removeItem(at: root) }
        // Root builds twice, then lets everyone write: a site two people build in turns.
        for _ in 0..<2 { #expect(try CLI.run(["build"], in: root).status == 0) }
        let files = FileManager.default
        let staging = try #require(try files.contentsOfDirectory(atPath: root.path).first { $0.contains(".staging-") })
        for entry in ["", "public", staging, ".public.lock"] + (files.subpaths(atPath: root.path) ?? []) {
            let path = root.appendingPathComponent(entry).path
            var status = stat()
            try #require(lstat(path, &status) == 0)
            try #require(
                chmod(path, status.st_mode & 0o7777 | 0o666 | (status.st_mode & S_IFMT == S_IFDIR ? 0o111 : 0)) == 0)
        }
        let output = root.appendingPathComponent("public")
        try #require(chmod(output.path, 0o2777) == 0)

        let run = try Self.runAsNobody(["build"], in: root)

        #expect(run.status == 0, "\(run.standardError)")
        let stagingPath = root.appendingPathComponent(staging).standardizedFileURL.path
        let outputPath = output.standardizedFileURL.path
        #expect(
            run.standardError.contains(
                "public/:1:1: warning: \(stagingPath), the copy of the site this build updates and swaps in, "
                    + "belongs to the user root, so it cannot be given the permissions and group of \(outputPath): "
                    + "the new site may not be readable as the previous one was; delete that folder (the next build "
                    + "makes a copy of its own), or let root build"),
            "\(run.standardError)")
        #expect(run.standardOutput.contains("0 errors, 1 warning."))

        // As the hint says: with the kept copy deleted, the next build makes its own, and gives it the
        // output's mode (and group, one both users are in here).
        try files.removeItem(atPath: stagingPath)
        try #require(chown(output.path, uid_t.max, Self.nobody) == 0 && chmod(output.path, 0o2777) == 0)
        let again = try Self.runAsNobody(["build"], in: root)
        #expect(again.status == 0 && again.standardOutput.contains("0 errors, 0 warnings."), "\(again.standardError)")
        var status = stat()
        #expect(stat(output.path, &status) == 0 && status.st_uid == Self.nobody && status.st_mode & 0o7777 == 0o2777)
        #expect(status.st_gid == Self.nobody)
    }
}
