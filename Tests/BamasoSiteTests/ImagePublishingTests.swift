import BamasoDiagnostics
import BamasoImages
import BamasoSite
import Foundation
import Testing

/// Photos, posters and icons as a visitor's phone receives them, in every kind of build: the
/// `<picture>`, the files it names, their weight and size, no metadata, nothing encoded twice.
@Suite struct ImagePublishingTests {
    /// The basic fixture with a large photo, a portrait photo held upright (EXIF orientation 6),
    /// a PNG with transparency, a tiny icon and a poster offered for download.
    static func site() throws -> FixtureSite {
        let site = try FixtureSite("basic")
        let media = site.root.appendingPathComponent("content/media")
        try #require(ImageSynthesis.photo(width: 2400, height: 1600)).write(
            to: media.appendingPathComponent("umuganda.jpg"))
        try #require(ImageSynthesis.photo(width: 750, height: 500, orientation: 6))
            .write(to: media.appendingPathComponent("club.jpg"))
        try #require(ImageSynthesis.photo(width: 600, height: 400, transparent: true))
            .write(to: media.appendingPathComponent("map.png"))
        try #require(ImageSynthesis.photo(width: 48, height: 48, transparent: true))
            .write(to: media.appendingPathComponent("icon.png"))
        try #require(ImageSynthesis.photo(width: 900, height: 600)).write(
            to: media.appendingPathComponent("poster.jpg"))
        try append(
            "\n![Neighbours clear a path during Umuganda](/media/umuganda.jpg)\n\n![A school club "
                + "meets](/media/club.jpg)"
                + "\n\n![](/media/icon.png \"decorative\") ![The districts](/media/map.png)\n\n"
                + "Print [the poster](/media/poster.jpg).\n",
            to: "content/risks/fake-job-offers.en.md", in: site)
        try append(
            "image: /media/poster.jpg\nimage_alt: decorative\n", frontMatterOf: "content/risks/_index.en.md", in: site)
        return site
    }

    static func append(_ text: String, to path: String, in site: FixtureSite) throws {
        let url = site.root.appendingPathComponent(path)
        try (String(contentsOf: url, encoding: .utf8) + text).write(to: url, atomically: true, encoding: .utf8)
    }

    static func append(_ lines: String, frontMatterOf path: String, in site: FixtureSite) throws {
        let url = site.root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        try ("---\n" + lines + text.dropFirst(4)).write(to: url, atomically: true, encoding: .utf8)
    }

    static func build(_ site: FixtureSite, baseURL: String? = nil, portable: Bool = false) -> BuildReport {
        Site.build(BuildOptions(root: site.root, baseURL: baseURL, portable: portable))
    }

    /// Every `<picture>` of a page.
    static func pictures(in html: String) -> [String] {
        html.matches(of: /<picture>.*?<\/picture>/).map { String($0.output) }
    }

    /// The files of a `srcset`, by URL, with the width each claims.
    static func candidates(in picture: String) -> [(url: String, width: Int)] {
        picture.matches(of: /srcset="([^"]*)"/).flatMap { match in
            match.output.1.split(separator: ",").map { candidate in
                let parts = candidate.split(separator: " ")
                return (String(parts[0]), Int(parts[1].dropLast()) ?? 0)
            }
        }
    }

    @Test(
        "every mode: a <picture> of WebP and the original's format, each file published, upright, light, bare",
        arguments: [(nil, false), ("/sub/", false), (nil, true)] as [(String?, Bool)])
    func pictures(baseURL: String?, portable: Bool) throws {
        let site = try Self.site()
        defer { site.remove() }
        let report = Self.build(site, baseURL: baseURL, portable: portable)
        #expect(report.diagnostics == [])
        let page = "en/risks/fake-job-offers/" + (portable ? "index.html" : "index.html")
        let html = try site.read(page)
        let pictures = Self.pictures(in: html)
        #expect(pictures.count == 4)
        let prefix = portable ? "../../../media/" : baseURL == "/sub/" ? "/sub/media/" : "/bamaso/media/"
        let pageFolder = site.output.appendingPathComponent("en/risks/fake-job-offers")
        for picture in pictures {
            for candidate in Self.candidates(in: picture) {
                #expect(candidate.url.hasPrefix(prefix), "\(candidate.url)")
                let file =
                    portable
                    ? pageFolder.appendingPathComponent(candidate.url)
                    : site.output.appendingPathComponent(String(candidate.url.dropFirst(prefix.count - 6)))
                let data = try Data(contentsOf: file)
                let inspection = try #require(ImageSynthesis.inspect(data))
                #expect(inspection.width == candidate.width)
                #expect(inspection.metadata.isEmpty, "\(candidate.url) keeps \(inspection.metadata)")
            }
        }
        // The large photo: four widths; a 360 px phone takes the 480 px WebP, within 45 KB.
        let photo = pictures[0]
        #expect(photo.hasPrefix("<picture><source type=\"image/webp\" srcset=\""))
        #expect(Self.candidates(in: photo).map(\.width) == [320, 480, 768, 1024, 320, 480, 768, 1024])
        #expect(photo.contains("sizes=\"(min-width: 42rem) 40rem, calc(100vw - 2rem)\""))
        #expect(photo.contains("width=\"1024\" height=\"683\" alt=\"Neighbours clear a path during Umuganda\""))
        #expect(!photo.contains("loading=\"lazy\""))
        let phone = try #require(Self.candidates(in: photo).first { $0.width == 480 })
        let phoneFile =
            portable
            ? pageFolder.appendingPathComponent(phone.url)
            : site.output.appendingPathComponent(String(phone.url.dropFirst(prefix.count - 6)))
        #expect(try Data(contentsOf: phoneFile).count <= 45 * 1024)
        // The portrait photo stands upright; the others load lazily; the decorative icon is
        // described as nothing, at its own width.
        #expect(pictures[1].contains("width=\"480\" height=\"720\" alt=\"A school club meets\" loading=\"lazy\""))
        #expect(pictures[2].contains("width=\"48\" height=\"48\" alt=\"\" loading=\"lazy\""))
        #expect(Self.candidates(in: pictures[2]).map(\.width) == [48, 48])
        #expect(pictures[3].contains("srcset=\"\(prefix)map-320.") && pictures[3].contains(".png 320w"))
        // Originals are published only where a page offers them for download.
        let files = site.outputFiles()
        #expect(!files.contains("media/umuganda.jpg") && files.contains("media/poster.jpg"))
        #expect(html.contains("the poster</a> <span class=\"download\">(JPG,"))
    }

    @Test("a shared page shows a 1200x630 JPEG from its own image, else its section's, else the site's")
    func sharing() throws {
        let site = try Self.site()
        defer { site.remove() }
        try Self.append("\nimage: /media/umuganda.jpg\n", to: "content/site.yml", in: site)
        #expect(Self.build(site).diagnostics == [])
        let home = try site.read("en/index.html")
        #expect(home.contains("<meta property=\"og:image\" content=\"https://example.org/bamaso/media/umuganda-share."))
        let section = try site.read("en/risks/index.html")
        #expect(section.contains("<figure class=\"page-image\"><picture>"))
        let page = try site.read("en/risks/fake-job-offers/index.html")
        let found = try #require(
            page.firstMatch(of: /<meta property="og:image" content="https:\/\/example.org\/bamaso\/(media\/[^"]*)">/))
        #expect(String(found.output.1).hasPrefix("media/poster-share."))
        #expect(page.contains("<meta property=\"og:image:width\" content=\"1200\">"))
        #expect(page.contains("<meta property=\"og:image:height\" content=\"630\">"))
        #expect(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
        let data = try Data(contentsOf: site.output.appendingPathComponent(String(found.output.1)))
        let image = try #require(ImageSynthesis.inspect(data))
        #expect((image.width, image.height, image.format) == (1200, 630, "JPEG") && data.count <= 300 * 1024)
        #expect(image.metadata.isEmpty)
    }

    @Test("a second build encodes nothing, and writes the same bytes")
    func rebuild() throws {
        let site = try Self.site()
        defer { site.remove() }
        #expect(Self.build(site).diagnostics == [])
        let cache = site.root.appendingPathComponent(".bamaso-cache/images")
        func snapshot(_ folder: URL) throws -> [String: Data] {
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if let data = try? Data(contentsOf: url) { files[url.path] = data }
            }
            return files
        }
        func times(_ folder: URL) -> [String: Date] {
            var times: [String: Date] = [:]
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.contentModificationDateKey])
            while let url = enumerator?.nextObject() as? URL {
                times[url.path] = try? url.resourceValues(forKeys: [.contentModificationDateKey])
                    .contentModificationDate
            }
            return times
        }
        // The list of fingerprints is left out: a fingerprint is kept only once its original is
        // two seconds old (`ImageStore.settle`), which, when the machine is busy, the originals
        // made just before the first build become by the second, which then writes the list.
        let fingerprints = cache.appendingPathComponent("fingerprints").path
        let before = times(cache).filter { $0.key != fingerprints }
        #expect(before.count > 10)
        let output = try snapshot(site.output)
        #expect(Self.build(site).diagnostics == [])
        #expect(times(cache).filter { $0.key != fingerprints } == before)
        #expect(try snapshot(site.output) == output)
        // The same site built from an empty cache: the same bytes again.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent(".bamaso-cache"))
        #expect(Self.build(site).diagnostics == [])
        #expect(try snapshot(site.output) == output)
    }

    @Test("bad media: each error names the image and the page line that uses it")
    func badMedia() throws {
        let site = try FixtureSite("basic")
        defer { site.remove() }
        let media = site.root.appendingPathComponent("content/media")
        try Data("Hello".utf8).write(to: media.appendingPathComponent("note.jpg"))
        let whole = try #require(ImageSynthesis.photo(width: 800, height: 600))
        try whole.prefix(whole.count / 2).write(to: media.appendingPathComponent("cut.jpg"))
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)
            .write(to: media.appendingPathComponent("logo.svg"))
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>".utf8)
            .write(to: media.appendingPathComponent("dot.svg"))
        try Self.append(
            "\n![A note](/media/note.jpg)\n\n![A cut photo](/media/cut.jpg)\n\n![The logo](/media/logo.svg)\n\n"
                + "![A dot](/media/dot.svg)\n",
            to: "content/risks/fake-job-offers.en.md", in: site)
        let report = Self.build(site)
        let text = try String(
            contentsOf: site.root.appendingPathComponent("content/risks/fake-job-offers.en.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(of needle: String) -> Int { (lines.firstIndex { $0.contains(needle) } ?? -1) + 1 }
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(
            errors.map(\.location)
                == ["note.jpg", "cut.jpg", "logo.svg"].map {
                    FileLocation(path: "content/risks/fake-job-offers.en.md", line: line(of: $0), column: 1)
                })
        #expect(errors[0].message == "'/media/note.jpg' is not a JPEG image, although its name ends in .jpg")
        #expect(errors[1].message.hasPrefix("'/media/cut.jpg' cannot be read as an image: it is damaged or cut short"))
        #expect(errors[2].message.hasPrefix("'/media/logo.svg' is an SVG drawing with a script (<script>)"))
        #expect(report.hasErrors && report.filesWritten == 0)
    }
}
