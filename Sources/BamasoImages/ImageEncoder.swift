import CVips
import Foundation

/// Reads an original and encodes what the site publishes of it. Nothing here caches: see
/// `ImageStore`.
enum ImageEncoder {
    /// The qualities tried, best first, until the variant a phone downloads is within budget.
    static let webpQualities = [75, 65, 55, 45, 35]
    static let jpegQualities = [80, 70, 60, 50, 40]

    /// The format a file's name says, for the formats bamaso publishes as pictures.
    static func format(ofName path: String) -> PublishedImage.Format? {
        switch (path as NSString).pathExtension.lowercased() {
        case "jpg", "jpeg": .jpeg
        case "png": .png
        case "webp": .webp
        case "svg": .svg
        default: nil
        }
    }

    /// The checks made before any pixel is decoded: that the file is the image its name says,
    /// and that its header's pixel count is within the limit. The size, turned upright, or
    /// the problem.
    static func header(of url: URL, format: PublishedImage.Format, settings: ImageSettings)
        -> Result<(width: Int, height: Int), ImageProblem>
    {
        if let problem = Vips.startProblem { return .failure(.noImageLibrary(problem)) }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            return .failure(.unreadable("the file cannot be read"))
        }
        let loader = Vips.loader(for: url.path)
        let expected = format == .jpeg ? "jpeg" : format.rawValue
        guard let loader, loader.lowercased().contains(expected) else {
            return .failure(.notTheFormat(named: format, found: loader.map(Self.formatName(ofLoader:))))
        }
        guard let image = VipsImageRef.open(bamaso_vips_open_header(url.path)) else {
            return .failure(.damaged(Vips.lastError()))
        }
        let (width, height) = (image.width, image.height)
        guard width > 0, height > 0, width.multipliedReportingOverflow(by: height).partialValue <= settings.pixelLimit
        else {
            return .failure(.tooManyPixels(width: width, height: height, limit: settings.pixelLimit))
        }
        // Orientations 5 to 8 turn the photo a quarter.
        return .success(image.orientation >= 5 ? (height, width) : (width, height))
    }

    /// `JPEG` from `VipsForeignLoadJpegFile`.
    static func formatName(ofLoader loader: String) -> String {
        var name = Substring(loader.replacingOccurrences(of: "VipsForeignLoad", with: ""))
        for suffix in ["File", "Source", "Buffer"] where name.hasSuffix(suffix) { name = name.dropLast(suffix.count) }
        return name.uppercased()
    }

    /// Decodes the whole image, applies its orientation, and keeps its pixels in memory (at
    /// most the pixel limit's worth, checked by `header` first).
    static func decode(_ url: URL) -> Result<VipsImageRef, ImageProblem> {
        guard let opened = VipsImageRef.open(bamaso_vips_open_strict(url.path)),
            let upright = opened.apply({ bamaso_vips_autorot($0, $1) }),
            let bare = upright.apply({ bamaso_vips_without_metadata($0, $1) }),
            let pixels = bare.inMemory()
        else { return .failure(.damaged(Vips.lastError())) }
        return .success(pixels)
    }

    /// The variants of a raster image, written into `folder` as `WIDTH.EXT`, each published at
    /// the path `name` gives for its width and format; the image with its variants, or with its
    /// problem.
    static func encode(
        _ url: URL, path: String, format: PublishedImage.Format, settings: ImageSettings, into folder: URL,
        publishedAs name: (Int, PublishedImage.Format) -> String
    ) -> PublishedImage {
        var image = PublishedImage(path: path, format: format, width: 0, height: 0)
        if case .failure(let problem) = header(of: url, format: format, settings: settings) {
            image.problem = problem
            return image
        }
        let pixels: VipsImageRef
        switch decode(url) {
        case .failure(let problem):
            image.problem = problem
            return image
        case .success(let decoded): pixels = decoded
        }
        (image.width, image.height) = (pixels.width, pixels.height)
        var widths = settings.widths.filter { $0 <= pixels.width }
        if widths.isEmpty { widths = [pixels.width] }
        var resized: [VipsImageRef] = []
        for width in widths {
            guard let small = pixels.apply({ bamaso_vips_shrink_to_width($0, $1, Int32(width)) })?.inMemory() else {
                image.problem = .damaged(Vips.lastError())
                return image
            }
            resized.append(small)
        }
        let phone = widths.firstIndex { $0 >= settings.phoneSlot } ?? widths.count - 1
        var formats: [(PublishedImage.Format, [Int])] = [(.webp, webpQualities)]
        if format != .webp { formats.append((format, format == .jpeg ? jpegQualities : [])) }
        for (variantFormat, qualities) in formats {
            // The best quality whose phone variant is within budget, else the lowest.
            var quality = qualities.first
            if qualities.count > 1 {
                for candidate in qualities {
                    quality = candidate
                    guard let data = encoded(resized[phone], as: variantFormat, quality: candidate) else { break }
                    if data.count <= settings.phoneBudget { break }
                }
            }
            for (index, small) in resized.enumerated() {
                guard let data = encoded(small, as: variantFormat, quality: quality ?? 0) else {
                    image.problem = .damaged(Vips.lastError())
                    return image
                }
                let file = folder.appendingPathComponent("\(widths[index]).\(variantFormat.fileExtension)")
                do {
                    try data.write(to: file)
                } catch {
                    image.problem = .unreadable("the image cache cannot be written: \(error.localizedDescription)")
                    return image
                }
                image.variants.append(
                    ImageVariant(
                        path: name(widths[index], variantFormat), file: file,
                        width: small.width, height: small.height, format: variantFormat, bytes: data.count,
                        quality: quality))
            }
        }
        if let phoneBytes = image.phoneVariant(slot: settings.phoneSlot)?.bytes, phoneBytes > settings.phoneBudget {
            image.problem = .overBudget(bytes: phoneBytes, budget: settings.phoneBudget)
        }
        return image
    }

    static func encoded(_ image: VipsImageRef, as format: PublishedImage.Format, quality: Int) -> Data? {
        switch format {
        case .webp: image.webp(quality: quality)
        case .jpeg: image.jpeg(quality: quality)
        case .png: image.png()
        case .svg: nil
        }
    }

    /// The 1200x630 JPEG shown where a page is shared, cropped around what draws the eye,
    /// written to `file`; the best quality within `ImageSettings.sharingBudget`.
    static func sharing(
        _ url: URL, format: PublishedImage.Format, settings: ImageSettings, to file: URL,
        publishedAs path: String
    ) -> SharingImage? {
        guard case .success = header(of: url, format: format, settings: settings),
            case .success(let pixels) = decode(url)
        else { return nil }
        let (width, height) = ImageSettings.sharingSize
        guard let cover = pixels.apply({ bamaso_vips_cover($0, $1, Int32(width), Int32(height)) })?.inMemory()
        else { return nil }
        var chosen: Data?
        for quality in [82, 72, 62, 52, 42] {
            guard let data = cover.jpeg(quality: quality) else { return nil }
            chosen = data
            if data.count <= ImageSettings.sharingBudget { break }
        }
        guard let chosen, (try? chosen.write(to: file)) != nil else { return nil }
        return SharingImage(path: path, file: file, width: cover.width, height: cover.height, bytes: chosen.count)
    }
}
