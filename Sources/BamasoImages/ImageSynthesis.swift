import CVips
import Foundation

/// Images made on the spot, and what a published file holds: for tests and benchmarks, which
/// must not import libvips themselves.
public enum ImageSynthesis {
    /// A photo-like image (a gradient with noise, which compresses about as badly as a photo)
    /// as JPEG, or as PNG with a varying transparency when `transparent`. `orientation` (1 to 8)
    /// is written into the JPEG's EXIF, the way a phone held upright writes 6.
    public static func photo(width: Int, height: Int, transparent: Bool = false, orientation: Int = 1) -> Data? {
        guard Vips.started else { return nil }
        var out: UnsafeMutablePointer<VipsImage>?
        guard bamaso_vips_synthetic_photo(&out, Int32(width), Int32(height), transparent ? 4 : 3) == 0,
            let out
        else { return nil }
        let image = VipsImageRef(out)
        if transparent { return image.png() }
        guard orientation != 1 else { return Vips.data { bamaso_vips_jpeg_keeping_metadata(image.pointer, $0, $1) } }
        guard let turned = image.apply({ bamaso_vips_set_orientation($0, $1, Int32(orientation)) }) else { return nil }
        return Vips.data { bamaso_vips_jpeg_keeping_metadata(turned.pointer, $0, $1) }
    }

    /// What an encoded image holds, as a visitor's browser would read it.
    public struct Inspection: Sendable, Equatable {
        public var width: Int
        public var height: Int
        /// The format its bytes are (`JPEG`, `WEBP`, `PNG`), whatever its name.
        public var format: String
        /// The metadata it carries: EXIF, XMP, IPTC, comments (libvips's field names).
        public var metadata: [String]
    }

    /// Reads the header of an encoded image; nil when it is no image libvips knows.
    public static func inspect(_ data: Data) -> Inspection? {
        guard Vips.started else { return nil }
        return data.withUnsafeBytes { bytes -> Inspection? in
            guard let base = bytes.baseAddress, let loader = bamaso_vips_find_load_buffer(base, bytes.count),
                let image = VipsImageRef.open(bamaso_vips_open_buffer(base, bytes.count))
            else {
                _ = Vips.lastError()
                return nil
            }
            let metadata = image.fieldNames.filter { name in
                ["exif", "xmp", "iptc", "comment", "gps"].contains { name.lowercased().contains($0) }
            }
            return Inspection(
                width: image.width, height: image.height,
                format: ImageEncoder.formatName(ofLoader: String(cString: loader)), metadata: metadata)
        }
    }
}
