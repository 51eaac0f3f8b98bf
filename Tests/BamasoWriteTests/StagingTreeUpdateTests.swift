import BamasoRender
import Foundation
import Testing

@testable import BamasoWrite

/// A rebuild brings each page already in the staging folder up to date in place: left alone
/// when it holds the new page, else written over, same file, cut or grown to the new length.
@Suite struct StagingTreeUpdateTests {
    /// A page of `count` bytes: `filler` everywhere, `mark` at `offset`.
    private func page(_ count: Int, mark: Character? = nil, at offset: Int = 0) -> String {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: count)
        if let mark { bytes[offset] = mark.asciiValue! }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func inode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int)
    }

    @Test(
        "a page that differs anywhere, even past what is read first, is written over in place",
        arguments: [(100, 99), (9_000, 8_999), (200_000, 3), (200_000, 70_000), (200_000, 199_999)])
    func differs(count: Int, at offset: Int) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let old = page(count)
        try scratch.write("index.html", old)
        let before = try inode(scratch.url("index.html"))
        let new = page(count, mark: "b", at: offset)
        #expect(try StagingTree.update(scratch.url("index.html").path, with: .text(new)))
        #expect(scratch.read("index.html") == new)
        #expect(try inode(scratch.url("index.html")) == before)
    }

    @Test("a page that holds the new one already is left alone")
    func same() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for count in [0, 10, 4_096, 200_000] {
            try scratch.write("index.html", page(count))
            let modified = try FileManager.default.attributesOfItem(atPath: scratch.url("index.html").path)[
                .modificationDate]
            #expect(try !StagingTree.update(scratch.url("index.html").path, with: .text(page(count))))
            #expect(
                try FileManager.default.attributesOfItem(atPath: scratch.url("index.html").path)[.modificationDate]
                    as? Date == modified as? Date)
        }
    }

    @Test("a page written over with a shorter or a longer one has exactly the new length", arguments: [10, 70_000])
    func lengths(new count: Int) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("index.html", page(5_000, mark: "z", at: 4_999))
        #expect(try StagingTree.update(scratch.url("index.html").path, with: .text(page(count))))
        #expect(scratch.read("index.html") == page(count))
    }
}
