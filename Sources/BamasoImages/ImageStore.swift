import BamasoSupport
import Foundation

/// Publishes the images of `content/media/`, each encoded once: the files are kept in a cache
/// folder (`.bamaso-cache/images/` in the project) under the hash of the original's bytes and
/// of the settings, so a build in which no image changed encodes nothing, and its files are
/// the previous build's, byte for byte. Within one store (the preview keeps one), an original
/// whose size and time did not change is not even read again.
///
/// Safe to share between threads: images are encoded in parallel, one per core.
public final class ImageStore: @unchecked Sendable {
    /// Where encoded files are kept.
    public let folder: URL
    // Safe because every access holds `lock`.
    let lock = NSLock()
    private var images: [String: (stamp: FileStamp, settings: ImageSettings, image: PublishedImage?)] = [:]
    private var sharings: [String: (stamp: FileStamp, image: SharingImage?)] = [:]
    private var encoded = 0
    /// How many originals this store has read (to fingerprint them).
    var originalsRead = 0
    /// What the cache folder's `fingerprints` held when this store first needed it, and what the
    /// store knows now (`ImageStore+Fingerprints`).
    var fingerprints: (saved: KnownFingerprints, now: KnownFingerprints)?
    /// How long, in seconds, an original must be left alone before its fingerprint is kept.
    let settle: Double

    public init(folder: URL, settle: Double = 2) {
        self.folder = folder
        self.settle = settle
    }

    /// The store of the project at `root`: `.bamaso-cache/images/`.
    public convenience init(project root: URL) {
        self.init(folder: root.appendingPathComponent(".bamaso-cache/images", isDirectory: true))
    }

    /// A store in the system's temporary folder, for tools and tests that build no project.
    public static let temporary = ImageStore(
        folder: FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-image-cache", isDirectory: true))

    /// How many images this store has encoded (not found in its cache), sharing images included.
    public var encodings: Int { lock.withLock { encoded } }

    /// Whether bamaso publishes a file of this name as a picture (JPEG, PNG, WebP) or checks it
    /// as an SVG.
    public static func isImage(_ path: String) -> Bool { ImageEncoder.format(ofName: path) != nil }

    /// The published form of the original at `url`, published as `path` (`media/a.jpg`); nil
    /// for a file that is not named as an image.
    public func image(_ url: URL, path: String, settings: ImageSettings) -> PublishedImage? {
        guard let format = ImageEncoder.format(ofName: path) else { return nil }
        let stamp = FileStamp(url)
        if let kept = lock.withLock({ images[path] }), kept.stamp == stamp, stamp != nil, kept.settings == settings {
            return kept.image
        }
        let image = publish(url, path: path, format: format, settings: settings, stamp: stamp)
        lock.withLock { images[path] = (stamp ?? FileStamp(), settings, image) }
        return image
    }

    /// The sharing image made from the original at `url`; nil when it cannot be made (the
    /// image's own problem is reported where it is used).
    public func sharing(_ url: URL, path: String, settings: ImageSettings) -> SharingImage? {
        guard let format = ImageEncoder.format(ofName: path), format != .svg else { return nil }
        let stamp = FileStamp(url)
        if let kept = lock.withLock({ sharings[path] }), kept.stamp == stamp, stamp != nil { return kept.image }
        var image: SharingImage?
        if case .success(let fingerprint) = fingerprint(of: url, path: path, stamp: stamp) {
            let key = Self.key(fingerprint, "share 1200x630 \(ImageSettings.sharingBudget) \(settings.pixelLimit)")
            let entry = folder.appendingPathComponent(key, isDirectory: true)
            let published = Self.stem(of: path) + "-share.\(key.prefix(8)).jpg"
            let file = entry.appendingPathComponent("share.jpg")
            if let size = try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize {
                let (width, height) = ImageSettings.sharingSize
                image = SharingImage(path: published, file: file, width: width, height: height, bytes: size)
            } else {
                image = fill(entry) { temporary in
                    ImageEncoder.sharing(
                        url, format: format, settings: settings, to: temporary.appendingPathComponent("share.jpg"),
                        publishedAs: published)
                }
                image?.file = file
            }
        }
        lock.withLock { sharings[path] = (stamp ?? FileStamp(), image) }
        return image
    }

    private func publish(
        _ url: URL, path: String, format: PublishedImage.Format, settings: ImageSettings, stamp: FileStamp?
    ) -> PublishedImage {
        if format == .svg {
            do {
                let data = try Data(contentsOf: url)
                return PublishedImage(
                    path: path, format: .svg, width: 0, height: 0, problem: SVGCheck.problem(in: data))
            } catch {
                return PublishedImage(
                    path: path, format: format, width: 0, height: 0, problem: .unreadable(SystemError.describe(error)))
            }
        }
        let fingerprint: String
        switch self.fingerprint(of: url, path: path, stamp: stamp) {
        case .success(let found): fingerprint = found
        case .failure(let problem):
            return PublishedImage(path: path, format: format, width: 0, height: 0, problem: problem)
        }
        let key = Self.key(
            fingerprint, "\(settings.phoneBudget) \(settings.widths) \(settings.phoneSlot) \(settings.pixelLimit)")
        let entry = folder.appendingPathComponent(key, isDirectory: true)
        let stem = Self.stem(of: path)
        let name = { (width: Int, format: PublishedImage.Format) in
            "\(stem)-\(width).\(key.prefix(8)).\(format.fileExtension)"
        }
        if let manifest = Manifest.read(from: entry) { return manifest.image(path: path, entry: entry, name: name) }
        var image = PublishedImage(path: path, format: format, width: 0, height: 0)
        let made: PublishedImage? = fill(entry) { temporary in
            image = ImageEncoder.encode(
                url, path: path, format: format, settings: settings, into: temporary, publishedAs: name)
            switch image.problem {
            case nil, .overBudget: break
            default: return nil  // not kept: found again next time, at once
            }
            guard Manifest(image).write(to: temporary) else { return nil }
            return image
        }
        guard made != nil, let manifest = Manifest.read(from: entry) else { return image }
        return manifest.image(path: path, entry: entry, name: name)
    }

    /// Makes a cache entry in a folder of its own and moves it into place whole, so an entry
    /// is complete or absent even when a build is killed or two threads make the same one.
    private func fill<T>(_ entry: URL, _ make: (URL) -> T?) -> T? {
        let manager = FileManager.default
        let temporary = folder.appendingPathComponent(".new-\(UUID().uuidString)", isDirectory: true)
        guard (try? manager.createDirectory(at: temporary, withIntermediateDirectories: true)) != nil else {
            return nil
        }
        defer { try? manager.removeItem(at: temporary) }
        guard let made = make(temporary) else { return nil }
        lock.withLock { encoded += 1 }
        if (try? manager.moveItem(at: temporary, to: entry)) == nil, !manager.fileExists(atPath: entry.path) {
            return nil
        }
        return made
    }

    /// The cache key of an original, by the fingerprint of its bytes, with the settings it is
    /// encoded with.
    static func key(_ original: String, _ settings: String) -> String {
        var fingerprint = Fingerprint()
        fingerprint.add(Array("bamaso-images 1 \(Vips.version) \(settings)".utf8))
        return original + fingerprint.hex.prefix(8)
    }

    /// Gives `body` what the store knows of its originals' fingerprints, read from the cache
    /// folder the first time.
    func withKnown<T>(_ body: (inout KnownFingerprints) -> T) -> T {
        lock.withLock {
            if fingerprints == nil {
                let read = KnownFingerprints.read(from: folder.appendingPathComponent("fingerprints"))
                fingerprints = (read, read)
            }
            return body(&fingerprints!.now)
        }
    }

    /// `media/photos/umuganda` from `media/photos/umuganda.jpg`.
    static func stem(of path: String) -> String { (path as NSString).deletingPathExtension }
}

/// What a cache entry says of its image, beside the encoded files.
struct Manifest: Codable {
    struct Entry: Codable {
        var name: String
        var width: Int
        var height: Int
        var format: PublishedImage.Format
        var bytes: Int
        var quality: Int?
    }

    var format: PublishedImage.Format
    var width: Int
    var height: Int
    var entries: [Entry]
    var overBudget: [Int]?

    init(_ image: PublishedImage) {
        format = image.format
        width = image.width
        height = image.height
        entries = image.variants.map {
            Entry(
                name: $0.file.lastPathComponent, width: $0.width, height: $0.height, format: $0.format,
                bytes: $0.bytes, quality: $0.quality)
        }
        if case .overBudget(let bytes, let budget) = image.problem { overBudget = [bytes, budget] }
    }

    static func read(from entry: URL) -> Manifest? {
        guard let data = try? Data(contentsOf: entry.appendingPathComponent("manifest.json")) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    func write(to folder: URL) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return false }
        return (try? data.write(to: folder.appendingPathComponent("manifest.json"))) != nil
    }

    func image(path: String, entry: URL, name: (Int, PublishedImage.Format) -> String) -> PublishedImage {
        var image = PublishedImage(path: path, format: format, width: width, height: height)
        image.variants = entries.map { variant in
            // The name says the width asked for, which is the file's own but for an original
            // narrower than every width.
            let asked = Int(variant.name.prefix { $0 != "." }) ?? variant.width
            return ImageVariant(
                path: name(asked, variant.format), file: entry.appendingPathComponent(variant.name),
                width: variant.width, height: variant.height, format: variant.format, bytes: variant.bytes,
                quality: variant.quality)
        }
        if let overBudget, overBudget.count == 2 {
            image.problem = .overBudget(bytes: overBudget[0], budget: overBudget[1])
        }
        return image
    }
}
