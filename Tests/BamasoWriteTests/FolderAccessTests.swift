import BamasoDiagnostics
import Foundation
import Testing

@testable import BamasoWrite

#if canImport(Glibc)
import Glibc
#endif

/// Staff give the output folder to a web server's group, or open it to the server's user with
/// an access control list; every build after keeps that, not only every other one.
@Suite struct FolderAccessTests {
    /// A group this process may give a folder that is not the one its folders get: any group
    /// for root, else one of the user's other groups; nil when there is none.
    static let otherGroup: gid_t? = {
        let own = getegid()
        if geteuid() == 0 { return own == 1 ? 2 : 1 }
        var groups = [gid_t](repeating: 0, count: 64)
        let count = getgroups(Int32(groups.count), &groups)
        return groups.prefix(Int(max(count, 0))).first { $0 != own }
    }()

    static func status(_ url: URL) throws -> stat {
        var status = stat()
        try #require(lstat(url.path, &status) == 0)
        return status
    }

    /// Builds `build` into `public`: its own page and those of the builds before.
    static func build(_ number: Int, into scratch: Scratch) {
        var files = ["index.html": "build \(number)"]
        for page in 0...number { files["rw/page-\(page)/index.html"] = "page \(page)" }
        var diagnostics: [Diagnostic] = []
        #expect(SiteWriter.write(SiteWriterTests.site(files), to: scratch.url("public"), into: &diagnostics).written)
        #expect(diagnostics == [])
    }

    @Test(
        "an output given another group and mode (chgrp -R, chmod g+s) keeps both, its files the group, at every build",
        .enabled(if: otherGroup != nil, "giving a folder another group needs root or a second group"))
    func groupAndMode() throws {
        let group = try #require(Self.otherGroup)
        let scratch = try Scratch()
        defer { scratch.remove() }
        Self.build(0, into: scratch)
        Self.build(1, into: scratch)
        // As staff do once the web server cannot read the site: `chgrp -R www-data public`, the
        // setgid bit on its folders (`find public -type d -exec chmod g+s {} +`), `chmod 2750 public`.
        let output = scratch.url("public")
        for entry in [""] + scratch.list("public") {
            let path = output.appendingPathComponent(entry).path
            try #require(lchown(path, uid_t.max, group) == 0)
            let mode = try Self.status(URL(fileURLWithPath: path)).st_mode
            if mode & S_IFMT == S_IFDIR { try #require(chmod(path, mode & 0o7777 | S_ISGID) == 0) }
        }
        try #require(chmod(output.path, 0o2750) == 0)

        for number in 2...4 {
            Self.build(number, into: scratch)
            #expect(scratch.read("public/index.html") == "build \(number)")
            let top = try Self.status(output)
            #expect(top.st_mode & 0o7777 == 0o2750, "build \(number)")
            #expect(top.st_gid == group, "build \(number)")
            for entry in scratch.list("public") {
                #expect(try Self.status(output.appendingPathComponent(entry)).st_gid == group, "\(entry)")
            }
        }
    }

    static let setfacl = ["/usr/bin/setfacl", "/bin/setfacl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func accessList(_ url: URL) -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/getfacl")
        process.arguments = ["--omit-header", "--absolute-names", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return [] }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: "\n").map(String.init)
    }

    @Test(
        "an output's access control lists (setfacl) are kept build after build, and their removal too",
        .enabled(if: setfacl != nil, "needs setfacl and getfacl (Debian's acl)"))
    func accessLists() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let output = scratch.url("public")
        Self.build(0, into: scratch)
        Self.build(1, into: scratch)
        try #require(
            MountedOutputTests.run(Self.setfacl!, ["-m", "u:nobody:rx", "-d", "-m", "u:nobody:rx", output.path]))
        let given = Self.accessList(output)
        #expect(given.contains("user:nobody:r-x") && given.contains("default:user:nobody:r-x"))
        for number in 2...3 {
            Self.build(number, into: scratch)
            #expect(Self.accessList(output) == given, "build \(number)")
        }
        // Removed again: the folder swapped in next, which had the lists, loses them.
        try #require(MountedOutputTests.run(Self.setfacl!, ["-b", "-k", output.path]))
        let plain = Self.accessList(output)
        #expect(!plain.contains { $0.contains("nobody") })
        for number in 4...5 {
            Self.build(number, into: scratch)
            #expect(Self.accessList(output) == plain, "build \(number)")
        }
    }
}
