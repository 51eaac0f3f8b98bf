import Foundation

/// An image of `content/media/` as the site publishes it: its size once turned upright, and
/// the files made from it, or why it cannot be published.
public struct PublishedImage: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable, CaseIterable {
        case jpeg, png, webp, svg

        /// The MIME type of a `<source type="…">`.
        public var mimeType: String { self == .svg ? "image/svg+xml" : "image/\(rawValue)" }
        var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    }

    /// Path from the site root of the original: `media/umuganda.jpg`.
    public var path: String
    public var format: Format
    /// Pixels, after the photo's orientation was applied; 0 for an SVG.
    public var width: Int
    public var height: Int
    /// The files a page offers: WebP and the original's format at each width, narrowest first.
    /// Empty for an SVG (published as it is) and for an image with a problem.
    public var variants: [ImageVariant]
    /// What is wrong; a published image can still be over its budget.
    public var problem: ImageProblem?

    public init(
        path: String, format: Format, width: Int, height: Int, variants: [ImageVariant] = [],
        problem: ImageProblem? = nil
    ) {
        self.path = path
        self.format = format
        self.width = width
        self.height = height
        self.variants = variants
        self.problem = problem
    }

    /// The widths offered, narrowest first.
    public var widths: [Int] { Array(Set(variants.map(\.width))).sorted() }

    /// The variants in `format`, narrowest first.
    public func variants(in format: Format) -> [ImageVariant] { variants.filter { $0.format == format } }

    /// What a phone `slot` CSS pixels wide downloads (at one device pixel per CSS pixel): the
    /// narrowest WebP at least that wide, else the widest.
    public func phoneVariant(slot: Int) -> ImageVariant? {
        let webp = variants(in: .webp)
        return webp.first { $0.width >= slot } ?? webp.last
    }
}

/// One encoded file of a published image.
public struct ImageVariant: Sendable, Equatable, Codable {
    /// Where it is published, from the site root: `media/umuganda-480.1a2b3c4d.webp`.
    public var path: String
    /// Where the encoded bytes are (in the cache), to copy into the site.
    public var file: URL
    public var width: Int
    public var height: Int
    public var format: PublishedImage.Format
    public var bytes: Int
    /// The encoder's quality, for JPEG and WebP.
    public var quality: Int?
}

extension PublishedImage.Format: Codable {}

/// Why an image cannot be published as it is.
public enum ImageProblem: Error, Sendable, Equatable {
    /// The file cannot be read: the system's reason.
    case unreadable(String)
    /// Named like `named`, but its contents are `found` (or nothing an image library knows: nil).
    case notTheFormat(named: PublishedImage.Format, found: String?)
    /// Decoding failed: cut short or damaged (libvips's words).
    case damaged(String)
    /// libvips cannot be loaded or started on this machine: why.
    case noImageLibrary(String)
    /// More pixels than the build will decode.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// An SVG with a script or an event attribute (`onload=`): it could run code.
    case svgScript(String)
    /// The variant a phone downloads is over the budget even at the lowest quality; the image
    /// is published anyway.
    case overBudget(bytes: Int, budget: Int)
}

/// The picture shown where a page is shared (Open Graph, Twitter cards): 1200x630 JPEG.
public struct SharingImage: Sendable, Equatable, Codable {
    /// From the site root: `media/umuganda-share.1a2b3c4d.jpg`.
    public var path: String
    public var file: URL
    public var width: Int
    public var height: Int
    public var bytes: Int
}

/// What a build asks of its images; part of every cache key.
public struct ImageSettings: Sendable, Equatable, Hashable {
    /// The most the image a phone downloads may weigh, in bytes.
    public var phoneBudget: Int
    /// The widths offered, when the original is at least as wide.
    public var widths: [Int]
    /// How wide, in CSS pixels, an image shows on a 360 px phone (the text column without its margins).
    public var phoneSlot: Int
    /// The most pixels an image may have (width times height) to be decoded at all.
    public var pixelLimit: Int

    public static let standardWidths = [320, 480, 768, 1024]

    public init(
        phoneBudget: Int = 45 * 1024, widths: [Int] = standardWidths, phoneSlot: Int = 328,
        pixelLimit: Int = 50_000_000
    ) {
        self.phoneBudget = phoneBudget
        self.widths = widths
        self.phoneSlot = phoneSlot
        self.pixelLimit = pixelLimit
    }

    /// The most a sharing image may weigh: WhatsApp shows no preview of a larger one.
    public static let sharingBudget = 300 * 1024
    public static let sharingSize = (width: 1200, height: 630)
}
