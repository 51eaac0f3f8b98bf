import Foundation

/// Reads a QR code in an SVG back to its text, as a phone would read a printed one: librsvg's
/// `rsvg-convert` (Debian `librsvg2-bin`) draws it as a PNG, and zbar's `zbarimg` (Debian
/// `zbar-tools`) decodes that. For tests only.
public enum QRCodeReader {
    /// Whether both tools are installed; tests that need them are skipped without.
    public static var isAvailable: Bool { tool("rsvg-convert") != nil && tool("zbarimg") != nil }

    /// The text of the one QR code `svg` (a standalone `<svg>` element) shows; nil when there
    /// is none, or the tools failed.
    public static func decode(svg: String) throws -> String? {
        guard let rsvg = tool("rsvg-convert"), let zbar = tool("zbarimg") else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-qr-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let svgFile = folder.appendingPathComponent("code.svg")
        let pngFile = folder.appendingPathComponent("code.png")
        try Data(svg.utf8).write(to: svgFile)
        // 4 pixels a module or more, as a printer or a phone camera sees it.
        guard try run(rsvg, ["--width", "400", "--height", "400", "-o", pngFile.path, svgFile.path]).status == 0
        else { return nil }
        let (status, output) = try run(zbar, ["--raw", "-q", pngFile.path])
        guard status == 0 else { return nil }
        return output.hasSuffix("\n") ? String(output.dropLast()) : output
    }

    private static func tool(_ name: String) -> URL? {
        ["/usr/bin", "/usr/local/bin", "/bin"].lazy.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    private static func run(_ tool: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
