/// Turns site paths (`rw/risks/fake-job-offers/`) into the URLs pages use, for a site
/// published at `baseURL` (`https://example.org/bamaso/` or just `/bamaso/`).
public struct URLBuilder: Sendable, Equatable {
    /// Always ends with `/`.
    public let baseURL: String
    /// The path part of `baseURL`, starting and ending with `/`: `/bamaso/`.
    public let basePath: String

    public init(baseURL: String) {
        var base = baseURL.isEmpty ? "/" : baseURL
        if !base.hasSuffix("/") { base += "/" }
        self.baseURL = base
        if let scheme = base.range(of: "://") {
            let afterHost = base[scheme.upperBound...].firstIndex(of: "/") ?? base.endIndex
            let path = String(base[afterHost...])
            self.basePath = path.isEmpty ? "/" : path
        } else {
            self.basePath = base.hasPrefix("/") ? base : "/" + base
        }
    }

    /// True when the base is a full URL (`https://…`), which feeds, the sitemap and share
    /// links need.
    public var isAbsolute: Bool { baseURL.contains("://") }

    /// For links and assets inside the site: `/bamaso/rw/risks/`.
    public func link(_ path: String) -> String {
        basePath + path.drop { $0 == "/" }
    }

    /// For canonical URLs, `hreflang` alternates and anything read outside the site.
    public func absolute(_ path: String) -> String {
        baseURL + path.drop { $0 == "/" }
    }
}
