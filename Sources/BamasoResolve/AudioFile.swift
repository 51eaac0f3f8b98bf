import Foundation

/// An audio file from `content/media/`, with what players and podcast apps need to know.
public struct AudioFile: Sendable, Equatable {
    /// Path from the site root: `media/talk-show-1.mp3`.
    public var path: String
    public var bytes: Int
    /// MIME type: `audio/mpeg`.
    public var type: String
    /// Whole seconds, when bamaso can tell (MP3 files); nil otherwise.
    public var seconds: Int?

    public init(path: String, bytes: Int, type: String, seconds: Int? = nil) {
        self.path = path
        self.bytes = bytes
        self.type = type
        self.seconds = seconds
    }

    static let types = [
        "mp3": "audio/mpeg", "m4a": "audio/mp4", "ogg": "audio/ogg", "oga": "audio/ogg",
        "opus": "audio/ogg", "wav": "audio/wav",
    ]

    /// Reads the file's size and, for MP3, its length. Nil when the extension is not audio.
    static func read(_ url: URL, path: String) -> AudioFile? {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let type = types[ext] else { return nil }
        let data = (try? Data(contentsOf: url, options: .mappedIfSafe)) ?? Data()
        return AudioFile(
            path: path, bytes: data.count, type: type,
            seconds: ext == "mp3" ? MP3Duration.seconds(of: data) : nil)
    }
}

/// The playing time of an MP3 file, from its frame headers: exact for files with a Xing or
/// Info header (what encoders write for variable bit rates), by bit rate otherwise.
enum MP3Duration {
    static func seconds(of data: Data) -> Int? {
        var start = 0
        // An ID3v2 tag comes first: "ID3", version, flags, then a 28-bit "synchsafe" size.
        let head = [UInt8](data.prefix(10))
        if head.count == 10, head[0] == 0x49, head[1] == 0x44, head[2] == 0x33 {
            start = 10 + head[6...9].reduce(0) { ($0 << 7) | Int($1 & 0x7F) }
        }
        guard start < data.count else { return nil }
        // Only the first megabyte of audio is read: the first frame and its Xing header are at
        // its start. A long recording is mapped, not read, and is never copied whole.
        let window =
            data.index(
                data.startIndex, offsetBy: start)..<data.index(
                data.startIndex, offsetBy: min(data.count, start + 1 << 20))
        let bytes = [UInt8](data[window])
        var offset = 0
        while offset + 4 <= bytes.count, !(bytes[offset] == 0xFF && bytes[offset + 1] & 0xE0 == 0xE0) {
            offset += 1
        }
        guard offset + 4 <= bytes.count, let frame = FrameHeader(bytes[offset..<offset + 4]) else { return nil }
        start += offset

        let xing = offset + 4 + frame.sideInfoSize
        if xing + 12 <= bytes.count {
            let tag = String(decoding: bytes[xing..<xing + 4], as: UTF8.self)
            let flags = bytes[xing + 4..<xing + 8].reduce(0) { ($0 << 8) | Int($1) }
            if tag == "Xing" || tag == "Info", flags & 1 == 1 {
                let frames = bytes[xing + 8..<xing + 12].reduce(0) { ($0 << 8) | Int($1) }
                return Int((Double(frames * frame.samplesPerFrame) / Double(frame.sampleRate)).rounded())
            }
        }
        return Int((Double(data.count - start) * 8 / Double(frame.bitRate)).rounded())
    }

    struct FrameHeader {
        var bitRate: Int
        var sampleRate: Int
        var samplesPerFrame: Int
        var sideInfoSize: Int

        init?(_ header: ArraySlice<UInt8>) {
            let b = Array(header)
            let version = (b[1] >> 3) & 0x03  // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
            let layer = (b[1] >> 1) & 0x03  // 1: Layer III
            guard version != 1, layer == 1 else { return nil }
            let mpeg1 = version == 3
            let bitRates =
                mpeg1
                ? [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
                : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
            let rateIndex = Int(b[2] >> 4)
            let sampleIndex = Int((b[2] >> 2) & 0x03)
            guard rateIndex > 0, rateIndex < bitRates.count, sampleIndex < 3 else { return nil }
            let baseRates = [44100, 48000, 32000]
            bitRate = bitRates[rateIndex] * 1000
            sampleRate = baseRates[sampleIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4)
            samplesPerFrame = mpeg1 ? 1152 : 576
            let mono = b[3] >> 6 == 3
            sideInfoSize = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17)
        }
    }
}
