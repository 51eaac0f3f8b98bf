import BamasoSupport
import Foundation
import Testing

@testable import BamasoImages

/// The images module on images made on the spot: what a visitor's phone receives.
@Suite final class ImageStoreTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func write(_ data: Data?, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try #require(data).write(to: url)
        return url
    }

    /// Runs a program and waits for it; its exit status. (posix_spawn rather than Foundation's
    /// `Process`, which leaks under the AddressSanitizer run of CI.)
    static func run(_ arguments: String...) -> Int32 {
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        guard posix_spawn(&pid, arguments[0], nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (status >> 8) & 0xFF
    }

    func store() -> ImageStore { ImageStore(folder: folder.appendingPathComponent("cache")) }

    @Test("a large photo: WebP and JPEG at every width, the phone's within budget, no metadata")
    func largePhoto() throws {
        let url = try write(ImageSynthesis.photo(width: 2400, height: 1600), "photo.jpg")
        let image = try #require(store().image(url, path: "media/photo.jpg", settings: ImageSettings()))
        #expect(image.problem == nil)
        #expect((image.width, image.height) == (2400, 1600))
        #expect(image.widths == [320, 480, 768, 1024])
        #expect(image.variants(in: .webp).count == 4 && image.variants(in: .jpeg).count == 4)
        let phone = try #require(image.phoneVariant(slot: 328))
        #expect(phone.width == 480 && phone.height == 320)
        #expect(phone.bytes <= 45 * 1024)
        #expect(image.variants(in: .jpeg)[1].bytes <= 45 * 1024)
        for variant in image.variants {
            let inspection = try #require(ImageSynthesis.inspect(try Data(contentsOf: variant.file)))
            #expect(inspection.width == variant.width && inspection.metadata.isEmpty)
            #expect(inspection.format == (variant.format == .webp ? "WEBP" : "JPEG"))
            let ext = variant.format == .webp ? "webp" : "jpg"
            #expect(variant.path.hasPrefix("media/photo-\(variant.width).") && variant.path.hasSuffix(ext))
        }
    }

    @Test("a portrait photo with EXIF orientation 6 and GPS: turned upright, the EXIF gone")
    func portrait() throws {
        let url = try write(ImageSynthesis.photo(width: 750, height: 500, orientation: 6), "upright.jpg")
        if let exiftool = ["/usr/bin/exiftool", "/usr/local/bin/exiftool"].first(where: FileManager.default.fileExists)
        {
            let status = Self.run(
                exiftool, "-q", "-overwrite_original", "-GPSLatitude=1.9441", "-GPSLatitudeRef=S",
                "-GPSLongitude=30.0619", "-GPSLongitudeRef=E", url.path)
            #expect(status == 0)
        }
        let original = try #require(ImageSynthesis.inspect(try Data(contentsOf: url)))
        #expect(original.metadata.contains("exif-data"))
        let image = try #require(store().image(url, path: "media/upright.jpg", settings: ImageSettings()))
        #expect(image.problem == nil)
        #expect((image.width, image.height) == (500, 750))
        #expect(image.widths == [320, 480])
        for variant in image.variants {
            let inspection = try #require(ImageSynthesis.inspect(try Data(contentsOf: variant.file)))
            #expect(inspection.metadata.isEmpty, "\(variant.path) keeps \(inspection.metadata)")
            #expect(inspection.height > inspection.width)
        }
    }

    @Test("a PNG with transparency stays PNG beside WebP; a tiny icon is not enlarged")
    func pngAndIcon() throws {
        let png = try write(ImageSynthesis.photo(width: 500, height: 300, transparent: true), "logo.png")
        let image = try #require(store().image(png, path: "media/logo.png", settings: ImageSettings()))
        #expect(image.widths == [320, 480])
        #expect(Set(image.variants.map(\.format)) == [.webp, .png])
        let icon = try write(ImageSynthesis.photo(width: 48, height: 48, transparent: true), "icon.png")
        let small = try #require(store().image(icon, path: "media/icon.png", settings: ImageSettings()))
        #expect(small.widths == [48])
        #expect(small.variants.allSatisfy { $0.width == 48 && $0.path.hasPrefix("media/icon-48.") })
    }

    @Test("a second store with the same cache encodes nothing and gives the same bytes")
    func cached() throws {
        let url = try write(ImageSynthesis.photo(width: 1200, height: 800), "photo.jpg")
        let first = store()
        let image = try #require(first.image(url, path: "media/photo.jpg", settings: ImageSettings()))
        _ = first.sharing(url, path: "media/photo.jpg", settings: ImageSettings())
        #expect(first.encodings == 2)
        let bytes = try image.variants.map { try Data(contentsOf: $0.file) }
        let second = store()
        let again = try #require(second.image(url, path: "media/photo.jpg", settings: ImageSettings()))
        _ = second.sharing(url, path: "media/photo.jpg", settings: ImageSettings())
        #expect(second.encodings == 0)
        #expect(again == image)
        // Encoding again from scratch gives the same bytes: libvips writes no time or randomness.
        let fresh = ImageStore(folder: folder.appendingPathComponent("other"))
        let remade = try #require(fresh.image(url, path: "media/photo.jpg", settings: ImageSettings()))
        #expect(try remade.variants.map { try Data(contentsOf: $0.file) } == bytes)
    }

    @Test("a build reads an original again only when it was written since: the fingerprints kept in the cache")
    func keptFingerprints() throws {
        let url = try write(ImageSynthesis.photo(width: 800, height: 600), "photo.jpg")
        let cache = folder.appendingPathComponent("cache")
        // `settle: 0`: a file is trusted at once (a build trusts one left alone for 2 s).
        func build() throws -> (image: PublishedImage, reads: Int) {
            let store = ImageStore(folder: cache, settle: 0)
            let image = try #require(store.image(url, path: "media/photo.jpg", settings: ImageSettings()))
            _ = store.sharing(url, path: "media/photo.jpg", settings: ImageSettings())
            store.keepFingerprints(of: ["media/photo.jpg"])
            return (image, store.originalsRead)
        }
        let first = try build()
        #expect(first.reads == 1)
        let second = try build()
        #expect(second.reads == 0)
        #expect(second.image == first.image)

        // Written again, with its old modification time: read again, and published anew.
        let time = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]
        try #require(ImageSynthesis.photo(width: 900, height: 600)).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: try #require(time)], ofItemAtPath: url.path)
        let third = try build()
        #expect(third.reads == 1)
        #expect(third.image.width == 900)
        #expect(third.image.variants.map(\.path) != first.image.variants.map(\.path))

        // A file written just now is not trusted yet: the next build reads it again.
        let store = ImageStore(folder: cache, settle: 3600)
        try #require(ImageSynthesis.photo(width: 1000, height: 600)).write(to: url)
        _ = store.image(url, path: "media/photo.jpg", settings: ImageSettings())
        store.keepFingerprints(of: ["media/photo.jpg"])
        #expect(try build().reads == 1)

        // Same size, same modification time, other bytes: the change time tells.
        let text = try write(Data("aaaa".utf8), "a.txt")
        func fingerprint() throws -> String {
            let store = ImageStore(folder: cache, settle: 0)
            defer { store.keepFingerprints(of: ["media/a.txt"]) }
            return try store.fingerprint(of: text, path: "media/a.txt", stamp: FileStamp(text)).get()
        }
        let before = try fingerprint()
        let written = try FileManager.default.attributesOfItem(atPath: text.path)[.modificationDate]
        Thread.sleep(forTimeInterval: 0.05)
        try Data("bbbb".utf8).write(to: text)
        try FileManager.default.setAttributes([.modificationDate: try #require(written)], ofItemAtPath: text.path)
        #expect(try fingerprint() != before)

        // An original no longer published is forgotten.
        let last = ImageStore(folder: cache, settle: 0)
        last.keepFingerprints(of: ["media/a.txt"])
        let kept = try String(contentsOf: cache.appendingPathComponent("fingerprints"), encoding: .utf8)
        #expect(!kept.contains("media/photo.jpg") && kept.contains("media/a.txt"))
        last.keepFingerprints(of: [])
        #expect(!FileManager.default.fileExists(atPath: cache.appendingPathComponent("fingerprints").path))
    }

    @Test("the sharing image is a 1200x630 JPEG within 300 KB, without metadata")
    func sharing() throws {
        let url = try write(ImageSynthesis.photo(width: 2400, height: 1600), "photo.jpg")
        let image = try #require(store().sharing(url, path: "media/photo.jpg", settings: ImageSettings()))
        #expect((image.width, image.height) == (1200, 630) && image.bytes <= 300 * 1024)
        let inspection = try #require(ImageSynthesis.inspect(try Data(contentsOf: image.file)))
        #expect(inspection.format == "JPEG" && inspection.metadata.isEmpty && inspection.width == 1200)
    }

    @Test("bad media: not the format its name says, cut short, too many pixels, an SVG with a script")
    func badMedia() throws {
        let store = store()
        let text = try write(Data("not a photo".utf8), "text.jpg")
        #expect(
            store.image(text, path: "media/text.jpg", settings: ImageSettings())?.problem
                == .notTheFormat(named: .jpeg, found: nil))
        let png = try write(ImageSynthesis.photo(width: 40, height: 40, transparent: true), "png.jpg")
        #expect(
            store.image(png, path: "media/png.jpg", settings: ImageSettings())?.problem
                == .notTheFormat(named: .jpeg, found: "PNG"))
        let whole = try #require(ImageSynthesis.photo(width: 800, height: 600))
        let cut = try write(whole.prefix(whole.count / 2), "cut.jpg")
        guard case .damaged = store.image(cut, path: "media/cut.jpg", settings: ImageSettings())?.problem else {
            Issue.record("a truncated JPEG is not reported as damaged")
            return
        }
        let big = try write(ImageSynthesis.photo(width: 400, height: 300), "big.jpg")
        #expect(
            store.image(big, path: "media/big.jpg", settings: ImageSettings(pixelLimit: 100_000))?.problem
                == .tooManyPixels(width: 400, height: 300, limit: 100_000))
        let svg = try write(Data("<svg xmlns='http://www.w3.org/2000/svg' onload = 'alert(1)'></svg>".utf8), "a.svg")
        #expect(store.image(svg, path: "media/a.svg", settings: ImageSettings())?.problem == .svgScript("onload="))
        let script = try write(Data("<svg><script>alert(1)</script></svg>".utf8), "b.svg")
        #expect(store.image(script, path: "media/b.svg", settings: ImageSettings())?.problem == .svgScript("<script>"))
        let plain = try write(Data("<svg viewBox='0 0 1 1'><path d='M0 0' fill='#000'/></svg>".utf8), "c.svg")
        #expect(store.image(plain, path: "media/c.svg", settings: ImageSettings())?.problem == nil)
    }
}
