import CVips
import Foundation

/// The only door to libvips, with the rest of this module: every `VipsImage` is released here
/// (`VipsImageRef` unrefs it when it goes), every buffer libvips hands back is freed at once
/// with `defer`, and callers get Swift values.
enum Vips {
    /// Loads and starts libvips, once per process, when a build first works on an image; nil
    /// when it started, else why not.
    static let startProblem: String? = {
        guard bamaso_vips_start() != 0 else { return nil }
        let loading = String(cString: bamaso_vips_load_error())
        guard !loading.isEmpty else { return "the image library libvips could not start" }
        return "the image library libvips could not be loaded (\(loading))"
    }()

    static var started: Bool { startProblem == nil }

    /// The version of libvips bamaso was built with, part of every cache key (another version
    /// may encode otherwise); known without starting libvips, which a build whose images are
    /// all in the cache never does.
    static let version = VIPS_VERSION

    /// The first line of what libvips said went wrong, and the error buffer emptied.
    static func lastError() -> String {
        guard let text = bamaso_vips_error_buffer_copy() else { return "unknown error" }
        defer { bamaso_g_free(text) }
        let message = String(cString: text).split(separator: "\n").first.map(String.init) ?? ""
        return message.isEmpty ? "unknown error" : message
    }

    /// The name of the loader that recognises the file's contents (`VipsForeignLoadJpegFile`),
    /// whatever its name says; nil when none does.
    static func loader(for path: String) -> String? {
        guard started, let name = bamaso_vips_find_load(path) else {
            bamaso_vips_error_clear()
            return nil
        }
        return String(cString: name)
    }

    /// Copies a buffer libvips made into `Data` and frees it.
    static func data(_ save: (UnsafeMutablePointer<UnsafeMutableRawPointer?>, UnsafeMutablePointer<Int>) -> Int32)
        -> Data?
    {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard save(&buffer, &length) == 0, let buffer else {
            _ = lastError()
            return nil
        }
        defer { bamaso_g_free(buffer) }
        return Data(bytes: buffer, count: length)
    }
}

/// A `VipsImage` owned by Swift: released when the last reference goes.
final class VipsImageRef {
    let pointer: UnsafeMutablePointer<VipsImage>

    init(_ pointer: UnsafeMutablePointer<VipsImage>) {
        self.pointer = pointer
    }

    deinit { bamaso_g_object_unref(pointer) }

    var width: Int { Int(bamaso_vips_width(pointer)) }
    var height: Int { Int(bamaso_vips_height(pointer)) }
    var hasAlpha: Bool { bamaso_vips_has_alpha(pointer) != 0 }
    var orientation: Int { Int(bamaso_vips_orientation(pointer)) }

    /// The names of the metadata fields the image carries (`exif-data`, `xmp-data`, …).
    var fieldNames: [String] {
        guard let fields = bamaso_vips_fields(pointer) else { return [] }
        defer { bamaso_g_strfreev(fields) }
        var names: [String] = []
        var index = 0
        while let field = fields[index] {
            names.append(String(cString: field))
            index += 1
        }
        return names
    }

    /// The image made by `operation` from this one, or nil with libvips's error.
    func apply(
        _ operation: (UnsafeMutablePointer<VipsImage>, UnsafeMutablePointer<UnsafeMutablePointer<VipsImage>?>) -> Int32
    )
        -> VipsImageRef?
    {
        var out: UnsafeMutablePointer<VipsImage>?
        guard operation(pointer, &out) == 0, let out else { return nil }
        return VipsImageRef(out)
    }

    static func open(_ pointer: UnsafeMutablePointer<VipsImage>?) -> VipsImageRef? {
        pointer.map(VipsImageRef.init)
    }

    /// Decodes every pixel now, into memory: a damaged or cut-short file fails here.
    func inMemory() -> VipsImageRef? {
        guard let copy = bamaso_vips_copy_memory(pointer) else { return nil }
        return VipsImageRef(copy)
    }

    func webp(quality: Int) -> Data? {
        Vips.data { bamaso_vips_webp(pointer, $0, $1, Int32(quality)) }
    }

    func jpeg(quality: Int) -> Data? {
        if hasAlpha {
            return apply { bamaso_vips_flatten_white($0, $1) }?.jpeg(quality: quality)
        }
        return Vips.data { bamaso_vips_jpeg(pointer, $0, $1, Int32(quality)) }
    }

    func png() -> Data? {
        Vips.data { bamaso_vips_png(pointer, $0, $1) }
    }
}
