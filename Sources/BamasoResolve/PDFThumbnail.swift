import BamasoSupport
import Foundation

/// The picture of a PDF's first page that a link shows when the editor asks for one
/// (`[Leaflet](/media/leaflet.pdf "thumbnail")`): a JPEG of at most `PDFThumbnailer.budget`
/// bytes, published beside the PDF (`media/leaflet.pdf.thumbnail.jpg`).
public struct PDFThumbnail: Sendable, Equatable {
    /// Path from the site root: `media/leaflet.pdf.thumbnail.jpg`.
    public var path: String
    /// The JPEG in the project's cache, which the build copies.
    public var file: URL
    public var width: Int
    public var height: Int
    public var bytes: Int
    /// What the picture shows, for its `alt`: the link's text (set by the link that shows it).
    public var alt = ""

    /// Where the thumbnail of the PDF published at `path` is published.
    public static func path(of pdf: String) -> String { pdf + ".thumbnail.jpg" }
}

/// Draws a PDF's first page with poppler's `pdftoppm` (Debian `poppler-utils`), in a process of
/// its own killed after `timeout`, as a JPEG `width` pixels wide, lowering the quality until it
/// fits the budget. Each JPEG is kept in `.bamaso-cache/pdf-thumbnails/` of the project under
/// the PDF's fingerprint, so a rebuild copies it rather than drawing it again.
public struct PDFThumbnailer: Sendable {
    public enum Outcome: Sendable, Equatable {
        case drawn(PDFThumbnail)
        /// There is no `pdftoppm` to ask.
        case noRenderer
        /// `pdftoppm` could not draw the file (damaged, locked with a password).
        case failed
        /// Even at the lowest quality the picture is over the budget: its size then.
        case tooLarge(Int)
    }

    /// The `pdftoppm` to run; nil when there is none.
    public var executable: URL?
    public var width: Int
    public var budget: Int
    public var timeout: Duration
    /// The fingerprints of PDFs' bytes (which name their thumbnails) that earlier builds worked
    /// out, so that an unchanged PDF is not read again; nil reads it every time.
    public var readings: FileReadings<String>?

    public init(
        executable: URL?, width: Int = 200, budget: Int = 15_000, timeout: Duration = .seconds(20),
        readings: FileReadings<String>? = nil
    ) {
        self.executable = executable
        self.width = width
        self.budget = budget
        self.timeout = timeout
        self.readings = readings
    }

    /// A fingerprint of the contents of `file` and its size (`3f2a…-1234567`); nil when it cannot
    /// be read.
    func fingerprint(of file: URL) -> String? {
        let read = {
            (try? Data(contentsOf: file, options: .mappedIfSafe)).map { Fingerprint.hex(of: $0) + "-\($0.count)" }
        }
        guard let readings else { return read() }
        return readings.value(of: file, read: read)
    }

    /// The `pdftoppm` on the `PATH`, looked for once per process.
    public static let installed = PDFThumbnailer(executable: PDFPageCounter.find("pdftoppm"))

    /// JPEG qualities tried in turn; a page of text fits 15 KB at 200 px long before the last.
    static let qualities = [80, 65, 50, 35, 20]

    /// The cache folder of the project at `root`.
    public static func cache(in root: URL) -> URL {
        root.appendingPathComponent(".bamaso-cache/pdf-thumbnails", isDirectory: true)
    }

    /// The thumbnail of the PDF at `file` (whose contents' fingerprint is `fingerprint`),
    /// published at `path`, from `cache` when it was drawn before.
    func thumbnail(of file: URL, fingerprint: String, path: String, cache: URL) -> Outcome {
        let cached = cache.appendingPathComponent("\(fingerprint)-w\(width).jpg")
        if let size = JPEGSize.read(cached) {
            return .drawn(
                PDFThumbnail(path: path, file: cached, width: size.width, height: size.height, bytes: size.bytes))
        }
        guard let executable else { return .noRenderer }
        guard (try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)) != nil,
            let null = FileHandle(forWritingAtPath: "/dev/null")
        else { return .failed }
        defer { try? null.close() }
        let prefix = cache.appendingPathComponent("drawing-\(UUID())")
        let drawn = URL(fileURLWithPath: prefix.path + ".jpg")
        defer { try? FileManager.default.removeItem(at: drawn) }
        var smallest = Int.max
        for quality in Self.qualities {
            let arguments = [
                "-f", "1", "-l", "1", "-singlefile", "-jpeg", "-jpegopt", "quality=\(quality),optimize=y",
                "-scale-to-x", "\(width)", "-scale-to-y", "-1", file.standardizedFileURL.path, prefix.path,
            ]
            guard PDFPageCounter.run(executable.path, arguments, output: null.fileDescriptor, timeout: timeout) == 0,
                let size = JPEGSize.read(drawn)
            else { return .failed }
            smallest = min(smallest, size.bytes)
            guard size.bytes <= budget else { continue }
            // Renamed into place whole, so a build running beside this one never reads half a file.
            try? FileManager.default.removeItem(at: cached)
            guard (try? FileManager.default.moveItem(at: drawn, to: cached)) != nil else { return .failed }
            return .drawn(
                PDFThumbnail(path: path, file: cached, width: size.width, height: size.height, bytes: size.bytes))
        }
        return .tooLarge(smallest)
    }
}

extension SiteIndex {
    /// The thumbnail of the PDF at `file`, published at `path` (`media/leaflet.pdf`), from the
    /// project's cache or drawn into it.
    func thumbnail(of file: URL, path: String) -> PDFThumbnailer.Outcome {
        guard let fingerprint = thumbnailer.fingerprint(of: file) else { return .failed }
        return thumbnailer.thumbnail(
            of: file, fingerprint: fingerprint, path: PDFThumbnail.path(of: path),
            cache: PDFThumbnailer.cache(in: project.root))
    }
}

/// A JPEG's size in pixels, from its frame header, and in bytes.
enum JPEGSize {
    static func read(_ url: URL) -> (width: Int, height: Int, bytes: Int)? {
        guard let data = try? Data(contentsOf: url), data.count > 4, data[0] == 0xFF, data[1] == 0xD8 else {
            return nil
        }
        let bytes = [UInt8](data)
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            // SOF0 to SOF15, except DHT (C4), JPG (C8) and DAC (CC): the frame, with its size.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                let height = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                let width = Int(bytes[index + 7]) << 8 | Int(bytes[index + 8])
                return (width, height, bytes.count)
            }
            index += 2 + length
        }
        return nil
    }
}
