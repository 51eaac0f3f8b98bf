import Foundation
import Testing

@testable import BamasoResolve

/// The length of MP3 recordings, read from the start of the file only.
@Suite struct AudioFileTests {
    /// An MPEG-1 Layer III frame header: 128 kbit/s, 44.1 kHz, stereo; a frame is 417 bytes.
    static let frame: [UInt8] = [0xFF, 0xFB, 0x90, 0x64] + [UInt8](repeating: 0, count: 413)

    func temporaryFile(_ bytes: [UInt8], size: Int? = nil) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-audio-\(UUID().uuidString).mp3")
        try Data(bytes).write(to: url)
        if let size {
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: UInt64(size))  // sparse: no time, no disk
            try handle.close()
        }
        return url
    }

    @Test("a constant bit rate file lasts its size over its bit rate, after an ID3 tag")
    func constantBitRate() {
        let frames = [UInt8]((0..<1000).flatMap { _ in Self.frame })  // 417 000 bytes at 16 000 bytes a second
        #expect(MP3Duration.seconds(of: Data(frames)) == 26)
        let tag: [UInt8] = Array("ID3".utf8) + [3, 0, 0, 0, 0, 0x01, 0x00] + [UInt8](repeating: 0, count: 128)
        #expect(MP3Duration.seconds(of: Data(tag + frames)) == 26)
    }

    @Test(
        "what is not an MP3 has no length, and a tag that claims more than the file is no crash",
        arguments: [
            [UInt8](), [0xFF], Array("ID3".utf8) + [3, 0, 0, 0x7F, 0x7F, 0x7F, 0x7F],
            [UInt8](repeating: 0x41, count: 5000),
        ])
    func notMP3(bytes: [UInt8]) {
        #expect(MP3Duration.seconds(of: Data(bytes)) == nil)
    }

    @Test("a long recording is measured from its first frames: length from the bit rate, size from the file")
    func large() throws {
        // 64 MB: far past the first megabyte that is read (speed is the benchmark's business,
        // not a unit test's).
        let url = try temporaryFile(Self.frame, size: 64_000_000)
        defer { try? FileManager.default.removeItem(at: url) }
        let audio = try #require(AudioFile.read(url, path: "media/long.mp3"))
        #expect(audio.bytes == 64_000_000)
        #expect(audio.seconds == 4_000)  // 64 * 10^6 bytes at 16 000 bytes a second
    }
}
