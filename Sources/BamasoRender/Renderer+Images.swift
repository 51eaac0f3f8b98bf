import BamasoImages
import BamasoMarkdown
import BamasoResolve
import Foundation

/// Pictures: a photo or poster of `content/media/` as a `<picture>` of WebP and its own format
/// at several widths, and the files that go with it.
extension Renderer {
    /// How wide an image shows, for the browser to choose a width before it has the stylesheet:
    /// the text column (42rem with 1rem margins), or the screen less its margins on a phone.
    static let pictureSizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"

    /// A `<picture>` of `image` on the page published at `from`: the browser downloads the
    /// narrowest file at least as wide as the image shows (on a 360 px phone, 480 px of WebP).
    /// `lazy` for all but the first image of a page, which is usually in view at once.
    func picture(_ image: PublishedImage, alt: String, from: String, lazy: Bool) -> String {
        func srcset(_ variants: [ImageVariant]) -> String {
            variants.map { "\(Escape.html(urls.link($0.path, from: from))) \($0.width)w" }.joined(separator: ", ")
        }
        let webp = image.variants(in: .webp)
        let fallback = image.format == .webp ? webp : image.variants(in: image.format)
        guard let largest = fallback.last,
            let src = fallback.first(where: { $0.width >= ImageSettings().phoneSlot }) ?? fallback.last
        else { return "" }
        var html = "<picture>"
        if image.format != .webp {
            html += "<source type=\"image/webp\" srcset=\"\(srcset(webp))\" sizes=\"\(Self.pictureSizes)\">"
        }
        html += "<img src=\"\(Escape.html(urls.link(src.path, from: from)))\" srcset=\"\(srcset(fallback))\""
        html += " sizes=\"\(Self.pictureSizes)\" width=\"\(largest.width)\" height=\"\(largest.height)\""
        html += " alt=\"\(Escape.html(alt))\"" + (lazy ? " loading=\"lazy\"" : "") + " decoding=\"async\"></picture>"
        return html
    }

    /// The picture at the top of a page, from its front matter, published at `from`.
    func pageImage(of resolved: ResolvedPage, from: String) -> String? {
        resolved.image.map { picture($0.image, alt: $0.alt, from: from, lazy: false) }
    }

    /// The index of the image of a body that is not loaded lazily: the first, unless the page
    /// shows its own picture above the text.
    static func eagerImage(of resolved: ResolvedPage) -> Int? {
        guard resolved.image == nil else { return nil }
        return resolved.page.markdown.links.firstIndex { $0.kind == .image }
    }

    /// The `og:image` values of a page, with its full address: for the site's base URL only.
    func sharingValues(of resolved: ResolvedPage) -> TemplateValues? {
        guard let sharing = resolved.sharing else { return nil }
        return [
            "url": urls.absolute(sharing.path), "width": String(sharing.width), "height": String(sharing.height),
            "type": "image/jpeg",
        ]
    }

    /// The encoded files the pages use (every variant of each picture, the sharing pictures),
    /// copied from the image cache, once each, and the media to copy as they are: every file
    /// but the photos and posters published as pictures, whose originals (full size, with their
    /// camera's metadata) are published only where a page links to them for download.
    static func mediaFiles(of site: ResolvedSite) -> [OutputFile] {
        var encoded: [String: OutputFile] = [:]
        var linked = Set<String>()
        func note(_ links: [ResolvedLink?], _ written: [MarkdownLink]) {
            for (index, link) in links.enumerated() {
                guard let link else { continue }
                if let image = link.image {
                    for variant in image.variants {
                        encoded[variant.path] = OutputFile(
                            path: variant.path, contents: .copy(variant.file), source: "content/" + image.path)
                    }
                } else if index < written.count, written[index].kind == .link {
                    linked.insert(link.path)
                }
            }
        }
        for page in site.pages {
            if page.linksToMedia {
                note(page.links, page.page.markdown.links)
                for case .callout(_, _, let body, let links)? in page.components {
                    note(links, body.links)
                }
            }
            if let image = page.image?.image {
                for variant in image.variants {
                    encoded[variant.path] = OutputFile(
                        path: variant.path, contents: .copy(variant.file), source: "content/" + image.path)
                }
            }
            if let sharing = page.sharing {
                encoded[sharing.path] = OutputFile(path: sharing.path, contents: .copy(sharing.file))
            }
        }
        var files = encoded.values.sorted { $0.path < $1.path }
        for (path, url) in site.project.media.sorted(by: { $0.key < $1.key }) {
            let isPicture = ImageStore.isImage(path) && !path.lowercased().hasSuffix(".svg")
            if isPicture && !linked.contains(path) { continue }
            files.append(OutputFile(path: path, contents: .copy(url), source: "content/" + path))
        }
        return files
    }
}
