import BamasoDiagnostics
import BamasoImages
import BamasoLoad
import BamasoParse
import Foundation

/// What the build says of an image that cannot be published as it is, where a page uses it,
/// and a page's own pictures: its `image:` and the one shown where it is shared.
enum ImageReport {
    static func diagnostic(_ problem: ImageProblem, image: String, at location: FileLocation) -> Diagnostic {
        let ext = (image as NSString).pathExtension
        switch problem {
        case .unreadable(let reason):
            return .error(
                at: location, "'\(image)' cannot be read: \(reason)",
                hint: "copy the file into content/media/ again, and check that it opens")
        case .notTheFormat(let named, let found):
            let actually = found.map { " (it is a \($0) file)" } ?? ""
            return .error(
                at: location,
                "'\(image)' is not a \(named.rawValue.uppercased()) image, although its name ends in "
                    + ".\(ext)\(actually)",
                hint: "save or export it again as JPEG or PNG, or give the file the ending of its real type")
        case .damaged(let reason):
            return .error(
                at: location, "'\(image)' cannot be read as an image: it is damaged or cut short (\(reason))",
                hint: "copy it again from the camera or phone it came from; a copy cut short often shows grey at "
                    + "the bottom")
        case .noImageLibrary(let reason):
            return .error(
                at: location, "'\(image)' cannot be published: \(reason)",
                hint: "install libvips (Debian and Ubuntu: sudo apt-get install libvips42), then build again")
        case .tooManyPixels(let width, let height, let limit):
            return .error(
                at: location,
                "'\(image)' is \(width) x \(height) pixels, more than the \(limit / 1_000_000) million the build opens",
                hint: "make it smaller (4000 pixels wide is plenty) and save it again")
        case .svgScript(let what):
            return .error(
                at: location,
                "'\(image)' is an SVG drawing with a script (\(what)), which could run in visitors' browsers",
                hint: "save the drawing again without scripts or event attributes, or export it as PNG")
        case .overBudget(let bytes, let budget):
            return .warning(
                at: location,
                "'\(image)': the picture a phone downloads weighs \(kilobytes(bytes)) KB even at the lowest "
                    + "quality, over the budget of \(kilobytes(budget)) KB",
                hint: "crop the photo to what matters, or raise 'images: phone_budget_kb:' in site.yml")
        }
    }

    static func kilobytes(_ bytes: Int) -> Int { (bytes + 1023) / 1024 }

    /// `media/umuganda.jpg` from what an editor writes (`/media/umuganda.jpg`, `media/…`,
    /// `@/media/…`); nil for anything else.
    static func mediaKey(_ written: String) -> String? {
        var key = Substring(written.trimmingCharacters(in: .whitespaces))
        if key.hasPrefix("@/") { key = key.dropFirst(2) }
        key = key.drop { $0 == "/" }
        guard key.hasPrefix("media/"), !key.split(separator: "/").contains("..") else { return nil }
        return String(key)
    }

    /// A page's own picture: its front matter's `image:`, checked and published.
    static func pageImage(of page: Page, reader: SiteReader, into diagnostics: inout [Diagnostic]) -> PageImage? {
        guard let written = page.frontMatter.image else { return nil }
        let location = FileLocation(path: page.path, line: page.frontMatter.lines["image"] ?? 1)
        guard let key = mediaKey(written), ImageStore.isImage(key) else {
            diagnostics.append(
                .error(
                    at: location, "'image: \(written)' is not a picture in content/media/",
                    hint: "name a JPEG, PNG, WebP or SVG file in content/media/, such as '/media/umuganda.jpg'"))
            return nil
        }
        guard reader.mediaExists(key) else {
            diagnostics.append(
                .error(
                    at: location, "'\(written)' is an image that does not exist",
                    hint: "put the file in content/\(key), or correct the name"))
            return nil
        }
        guard let image = reader.image(key) else { return nil }
        if let problem = image.problem {
            diagnostics.append(diagnostic(problem, image: written, at: location))
            guard case .overBudget = problem else { return nil }
        }
        guard image.format != .svg else { return nil }
        let alt = page.frontMatter.imageAlt ?? ""
        return PageImage(image: image, alt: alt.lowercased() == "decorative" ? "" : alt)
    }

    /// The picture a shared link to the page shows: from the page's `image:`, else from its
    /// section page's, else from site.yml's `image:`.
    static func sharingImage(of page: Page, reader: SiteReader, site: SiteConfig) -> SharingImage? {
        var candidates = [page.frontMatter.image]
        if let section = page.section, page.slug != nil {
            candidates.append(reader.pageImage(section, in: page.language))
        }
        candidates.append(site.image)
        for case let written? in candidates {
            guard let key = mediaKey(written), ImageStore.isImage(key), !key.lowercased().hasSuffix(".svg"),
                reader.mediaExists(key)
            else { continue }
            return reader.sharingImage(key)
        }
        return nil
    }
}

extension SiteIndex {
    /// Publishes every image the pages use, on every core, before the pages are resolved one
    /// by one (each then finds its images done): the photos, and the sharing pictures.
    public func prepareImages() {
        var photos = Set<String>()
        var sharing = Set<String>()
        func key(_ written: String?) -> String? {
            guard let written, let key = ImageReport.mediaKey(written), ImageStore.isImage(key),
                project.media[key] != nil
            else { return nil }
            return key
        }
        let siteImage = key(site.image)
        for page in published {
            if page.showsImages {
                for link in page.markdown.links where link.kind == .image {
                    if let found = key(link.destination) { photos.insert(found) }
                }
            }
            let own = key(page.frontMatter.image)
            if let own { photos.insert(own) }
            let section = page.section.flatMap { page.slug == nil ? nil : key(pages.image(of: $0, in: page.language)) }
            if let chosen = own ?? section ?? siteImage { sharing.insert(chosen) }
        }
        if let siteImage { photos.insert(siteImage) }
        // The photos, then the sharing pictures: never one original decoded on two cores at
        // once, since libvips keeps one error text for all threads, and a damaged file's
        // message must not depend on which thread read it first.
        for (work, isSharing) in [(photos, false), (sharing, true)] {
            _ = work.sorted().concurrentMap { path in
                guard let url = project.media[path] else { return false }
                if isSharing { return images.sharing(url, path: path, settings: imageSettings) != nil }
                return images.image(url, path: path, settings: imageSettings) != nil
            }
        }
        images.keepFingerprints(of: Set(project.media.keys))
    }
}

extension Linker {
    /// An image of `content/media/` (`media/umuganda.jpg`): published as a picture when it is
    /// a photo or poster bamaso encodes, as it is otherwise (an SVG, once checked).
    func image(
        _ key: String, destination: String, at location: FileLocation, into diagnostics: inout [Diagnostic]
    ) -> ResolvedLink {
        guard ImageStore.isImage(key), let image = reader.image(key) else { return ResolvedLink(path: key) }
        if let problem = image.problem {
            diagnostics.append(ImageReport.diagnostic(problem, image: destination, at: location))
            guard case .overBudget = problem else { return ResolvedLink(path: key) }
        }
        return ResolvedLink(path: key, image: image.format == .svg ? nil : image)
    }
}

extension SiteIndex {
    /// The answer to `.image`, `.sharingImage` and `.pageImage`.
    func imageAnswer(_ read: SiteRead) -> SiteAnswer {
        switch read {
        case .image(let path):
            .image(project.media[path].flatMap { images.image($0, path: path, settings: imageSettings) })
        case .sharingImage(let path):
            .sharingImage(project.media[path].flatMap { images.sharing($0, path: path, settings: imageSettings) })
        case .pageImage(let key, let language): .key(pages.image(of: key, in: language))
        default: preconditionFailure("not a read of an image")
        }
    }
}

extension SiteReader {
    func image(_ path: String) -> PublishedImage? {
        guard case .image(let image) = ask(.image(path)) else { unexpected() }
        return image
    }

    func sharingImage(_ path: String) -> SharingImage? {
        guard case .sharingImage(let image) = ask(.sharingImage(path)) else { unexpected() }
        return image
    }

    func pageImage(_ key: String, in language: Language) -> String? {
        guard case .key(let image) = ask(.pageImage(key: key, language: language)) else { unexpected() }
        return image
    }
}

extension PageIndex {
    /// The `image:` of `key`'s page in `language`, else of its page in the default language.
    func image(of key: String, in language: Language) -> String? {
        page(key, language)?.frontMatter.image ?? anyPage(key)?.frontMatter.image
    }
}
