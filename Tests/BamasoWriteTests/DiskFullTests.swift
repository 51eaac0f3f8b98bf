import BamasoDiagnostics
import BamasoRender
import Foundation
import Testing

@testable import BamasoWrite

/// A disk too full for the new site: the error says how much room there is and how much a
/// build needs, and the previous site stays.
@Suite struct DiskFullTests {
    @Test("the room a site takes counts whole blocks for each file and each folder")
    func siteSize() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("leaflet.pdf", String(repeating: "x", count: 5000))
        let site = RenderedSite(files: [
            OutputFile(path: "index.html", contents: .text("home")),
            OutputFile(path: "en/risks/index.html", contents: .text(String(repeating: "é", count: 3000))),
            OutputFile(path: "en/index.html", contents: .text("")),
            OutputFile(path: "media/leaflet.pdf", contents: .copy(scratch.url("leaflet.pdf"))),
        ])
        // Files: 1 + 2 (6,000 bytes) + 0 + 2 (5,000 bytes) blocks; folders: the top, en, en/risks, media.
        #expect(SiteWriter.siteSize(site, block: 4096) == (5 + 4) * 4096)
        #expect(SiteWriter.siteSize(site, block: 32768) == (3 + 4) * 32768)
    }

    @Test(
        "a disk too full for a second copy: an error with the room free and needed, the previous site kept",
        .enabled(if: MountedOutputTests.canMount, "mounting a file system needs root"))
    func diskFull() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let disk = scratch.url("stick")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        try #require(MountedOutputTests.run("/bin/mount", ["-t", "tmpfs", "-o", "size=120k", "none", disk.path]))
        defer { _ = MountedOutputTests.run("/bin/umount", [disk.path]) }
        let output = disk.appendingPathComponent("site")
        func site(_ version: String) -> RenderedSite {
            var files = ["index.html": version]
            for page in 0..<20 { files["en/page-\(page)/index.html"] = String(repeating: version, count: 1000) }
            return SiteWriterTests.site(files)
        }
        var diagnostics: [Diagnostic] = []
        #expect(SiteWriter.write(site("a"), to: output, into: &diagnostics).written)
        #expect(diagnostics == [])

        let outcome = SiteWriter.write(site("b"), to: output, into: &diagnostics)

        #expect(!outcome.written)
        let message = try #require(diagnostics.first?.description)
        #expect(diagnostics.count == 1)
        let path = disk.standardizedFileURL.path
        let pattern = try Regex(
            #"site/:1:1: error: cannot write the site into \#(NSRegularExpression.escapedPattern(for: path)): "#
                + #"the disk is full \([0-9.]+ kB free\); a build needs room for two copies of the site, about "#
                + #"176 kB each: the one visitors see, kept until the new one is complete, and the new one it "#
                + #"writes beside it; free space on that disk, or build on this computer's own disk and copy the "#
                + #"folder; the previous site was left as it was"#)
        #expect(message.wholeMatch(of: pattern) != nil, "\(message)")
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "a")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).sorted() == [".site.lock", "site"])
    }
}
