import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoParse
import Foundation

/// Resolves the links of one page: `@/section/slug#fragment` to the page in the same
/// language (or its translation), `/media/...` and `@/media/...` to a checked media file, with
/// what the label of a download says of it (a link's, not an image's).
struct Linker {
    let reader: SiteReader
    let from: Page

    init(reader: SiteReader, from page: Page) {
        self.reader = reader
        self.from = page
    }

    /// Where each of `links` leads, in their order; nil for a link that is not a page or media
    /// address, or that leads nowhere.
    mutating func resolve(_ links: [MarkdownLink], into diagnostics: inout [Diagnostic]) -> [ResolvedLink?] {
        links.map { link in
            let location = FileLocation(path: from.path, line: link.line, column: link.column)
            return resolve(
                link.destination, kind: link.kind, thumbnail: link.title == Self.thumbnailTitle ? link.text : nil,
                at: location,
                into: &diagnostics)
        }
    }

    /// The title by which a link to a PDF asks for a picture of its first page:
    /// `[Leaflet](/media/leaflet.pdf "thumbnail")`.
    static let thumbnailTitle = "thumbnail"

    private mutating func resolve(
        _ destination: String, kind: MarkdownLink.Kind, thumbnail alt: String? = nil, at location: FileLocation,
        into diagnostics: inout [Diagnostic]
    ) -> ResolvedLink? {
        var target: Substring
        if destination.hasPrefix("@/") {
            target = destination.dropFirst(2)
        } else if destination.hasPrefix("/media/") || destination.hasPrefix("media/") {
            target = destination.drop { $0 == "/" }
        } else {
            if destination.hasPrefix("@") {
                diagnostics.append(
                    .error(
                        at: location, "'\(destination)' is not a page address",
                        hint: "links to pages start with '@/', such as '@/risks/fake-job-offers'"))
            }
            return nil
        }
        var fragment: String?
        if let hash = target.isASCII ? target.utf8.firstIndex(of: UInt8(ascii: "#")) : target.firstIndex(of: "#") {
            fragment = String(target[target.utf8.index(after: hash)...])
            target = target[..<hash]
        }
        while target.hasSuffix("/") { target = target.dropLast() }
        let key = String(target)

        if key.hasParentFolderPart {
            diagnostics.append(
                .error(
                    at: location, "'\(destination)' climbs out with '..', which a link cannot do",
                    hint: key.hasPrefix("media/")
                        ? "name a file inside content/media/, such as '/media/leaflet.pdf'"
                        : "write the section and the page name, such as '@/risks/fake-job-offers'"))
            return nil
        }
        if key.hasPrefix("media/") {
            guard reader.mediaExists(key) else {
                diagnostics.append(
                    .error(
                        at: location, "'\(destination)' links to a media file that does not exist",
                        hint: "put the file in content/\(key), or correct the name"))
                return nil
            }
            if kind == .image { return image(key, destination: destination, at: location, into: &diagnostics) }
            guard let download = reader.download(key) else { return ResolvedLink(path: key) }
            switch download.problem {
            case .unreadable(let reason):
                diagnostics.append(
                    .error(
                        at: location, "'\(destination)' cannot be read: \(reason)",
                        hint: "copy the file into content/\(key) again, and check that it opens"))
                return ResolvedLink(path: key)
            case .notPDF:
                diagnostics.append(
                    .error(
                        at: location,
                        download.bytes == 0
                            ? "'\(destination)' is empty, so it is not a PDF file"
                            : "'\(destination)' is not a PDF file, although its name ends in .pdf",
                        hint: "save or export the document again as PDF, or give the file the ending of its real type"))
                return ResolvedLink(path: key)
            case .noPageCounter, nil:
                var resolved = ResolvedLink(path: key, download: download)
                if let alt {
                    resolved.thumbnail = thumbnail(of: key, destination, at: location, into: &diagnostics)
                    resolved.thumbnail?.alt = alt
                }
                return resolved
            }
        }
        if key.containsTwoDots || key.hasSuffix(".md") {
            diagnostics.append(
                .error(
                    at: location, "'\(destination)' is not a page address",
                    hint: "write the section and the page name without '.md', such as '@/risks/fake-job-offers'"))
            return nil
        }
        guard let page = reader.target(key, from: from.language) else {
            if reader.isDraft(key) {
                diagnostics.append(
                    .error(
                        at: location, "'\(destination)' links to a draft, which is not published",
                        hint: "remove 'draft: true' from that page, or remove this link"))
            } else {
                let suggestion = reader.suggestion(for: key).map { "did you mean '@/\($0)'?" }
                diagnostics.append(
                    .error(
                        at: location, "'\(destination)' links to a page that does not exist",
                        hint: suggestion ?? "check the section and the file name (without its .LANG.md)"))
            }
            return nil
        }
        if let fragment, !fragment.isEmpty, !page.headings.contains(fragment) {
            diagnostics.append(
                .warning(
                    at: location, "'\(destination)': the page has no heading with the id '\(fragment)'",
                    hint: page.headings.isEmpty
                        ? "link to the page without '#\(fragment)'"
                        : "its headings are: " + page.headings.map { "#\($0)" }.joined(separator: ", ")))
        }
        return ResolvedLink(
            path: SiteIndex.path(of: key, in: page.language), fragment: fragment,
            fallbackLanguage: page.language == from.language ? nil : page.language)
    }
}

extension Linker {
    /// The picture of the first page of the PDF `key` that a link asks for; nil, with a warning
    /// (the link still works), when there can be none.
    fileprivate func thumbnail(
        of key: String, _ destination: String, at location: FileLocation, into diagnostics: inout [Diagnostic]
    ) -> PDFThumbnail? {
        guard key.lowercased().hasSuffix(".pdf") else {
            diagnostics.append(
                .warning(
                    at: location, "'\(destination)' asks for a thumbnail, which only a PDF file can have",
                    hint: "remove \"thumbnail\" after the address"))
            return nil
        }
        let problem: String
        switch reader.thumbnail(key) {
        case .drawn(let thumbnail): return thumbnail
        case nil: return nil
        case .noRenderer:
            problem = "poppler's pdftoppm is not installed"
        case .failed:
            problem = "poppler could not draw its first page"
        case .tooLarge(let bytes):
            problem = "its first page is \(bytes / 1000) kB even at the lowest quality, over the 15 kB budget"
        }
        diagnostics.append(
            .warning(
                at: location, "'\(destination)' is shown without a thumbnail: \(problem)",
                hint: problem.hasPrefix("poppler's")
                    ? "install it (apt-get install poppler-utils) to show the thumbnail"
                    : "check that the PDF opens, or remove \"thumbnail\" after the address"))
        return nil
    }
}

extension StringProtocol {
    // On ASCII text, which nearly every address is, every byte is a character and none
    // combines with `/`, `.` or `#`: comparing bytes gives what the character by character
    // `firstIndex(of:)` and `split` and Foundation's `contains` give, at a small part of
    // their cost, which was most of resolving a link. Other text is compared as before.

    fileprivate var isASCII: Bool {
        utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
    }

    /// `split(separator: "/").contains("..")`
    fileprivate var hasParentFolderPart: Bool {
        guard isASCII else { return split(separator: "/").contains("..") }
        return utf8.withContiguousStorageIfAvailable { bytes in
            var partStart = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                if end - partStart == 2, bytes[partStart] == UInt8(ascii: "."),
                    bytes[partStart + 1] == UInt8(ascii: ".")
                {
                    return true
                }
                partStart = end + 1
            }
            return false
        } ?? split(separator: "/").contains("..")
    }

    /// `contains("..")`
    fileprivate var containsTwoDots: Bool {
        guard isASCII else { return contains("..") }
        return utf8.withContiguousStorageIfAvailable { bytes in
            bytes.indices.dropFirst().contains { bytes[$0] == UInt8(ascii: ".") && bytes[$0 - 1] == UInt8(ascii: ".") }
        } ?? contains("..")
    }
}
