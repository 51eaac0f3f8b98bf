/// Turns site paths (`rw/risks/fake-job-offers/`) into the URLs pages use, for a site
/// published at `baseURL` (`https://example.org/bamaso/` or just `/bamaso/`), or, when
/// `portable`, opened from a folder (a USB stick) with every link relative and naming its file.
public struct URLBuilder: Sendable, Equatable {
    /// Links relative to the page and ending in `index.html`, for file:// browsing.
    public let portable: Bool
    /// Always ends with `/`.
    public let baseURL: String
    /// The path part of `baseURL`, starting and ending with `/`: `/bamaso/`.
    public let basePath: String
    /// True when the base is a full URL (`https://…`), which feeds, the sitemap and share
    /// links need.
    public let isAbsolute: Bool

    public init(baseURL: String, portable: Bool = false) {
        self.portable = portable
        var base = baseURL.isEmpty ? "/" : baseURL
        if !base.hasSuffix("/") { base += "/" }
        self.baseURL = base
        self.isAbsolute = base.contains("://")
        if let scheme = base.range(of: "://") {
            let afterHost = base[scheme.upperBound...].firstIndex(of: "/") ?? base.endIndex
            let path = String(base[afterHost...])
            self.basePath = path.isEmpty ? "/" : path
        } else {
            self.basePath = base.hasPrefix("/") ? base : "/" + base
        }
    }

    /// For links and assets inside the site, on the page published at site path `page`:
    /// `/bamaso/rw/risks/`, or when portable `../../rw/risks/index.html`.
    public func link(_ path: String, from page: String) -> String {
        let path = path.drop { $0 == "/" }
        guard portable else { return basePath + path }
        let target = (path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path).split(separator: "/")
        let folder = page.split(separator: "/")
        let common = zip(folder, target.dropLast()).prefix { $0 == $1 }.count
        return String(repeating: "../", count: folder.count - common) + target.dropFirst(common).joined(separator: "/")
    }

    /// Whether pages name their canonical address and translations in their head. A portable
    /// build without a full site address leaves them out: from a USB stick they mean nothing.
    public var hasReferences: Bool { isAbsolute || !portable }

    /// For canonical URLs and `hreflang` alternates: the full address when the base is one;
    /// otherwise what `link` gives, so a portable site never points at the disk's root.
    public func reference(_ path: String, from page: String) -> String {
        isAbsolute ? absolute(path) : link(path, from: page)
    }

    /// For canonical URLs, `hreflang` alternates and anything read outside the site.
    public func absolute(_ path: String) -> String {
        baseURL + path.drop { $0 == "/" }
    }
}
