import BamasoDiagnostics
import BamasoLoad
import BamasoQRCode
import BamasoResolve

/// The QR code a printable page carries on paper (the booklet; a page whose front matter says
/// `printable: true`), so a printed sheet leads back to the site. Its address is the page's
/// full one, from the site's full base URL (site.yml's `base_url` or `--base-url`), even in a
/// `--portable` build: a file:// address means nothing on paper.
extension Renderer {
    /// The width and height the SVG asks for; print styles make it 30 mm.
    static let printCodePixels = 128

    /// The code of the page published at site path `path`, with the text under it in
    /// `language`; nil when the site's full address is not known.
    func printCode(for path: String, in language: Language) -> TemplateValues? {
        guard urls.isAbsolute else { return nil }
        let address = urls.absolute(path)
        guard let code = QRCode(address) else { return nil }
        let label = strings(language)["print_code_label"]
        return ["svg": code.svg(pixels: Self.printCodePixels, label: label), "address": address]
    }
}

extension RenderEnvironment {
    /// A warning for each page that asks to be printable in a build that does not know the
    /// site's full address, which its QR code needs. The booklet is printable without asking,
    /// so it goes without a code silently.
    public var printCodeWarnings: [Diagnostic] {
        guard !urls.isAbsolute else { return [] }
        return site.pages.compactMap { resolved in
            let page = resolved.page
            guard page.frontMatter.printable else { return nil }
            return .warning(
                at: FileLocation(path: page.path, line: page.frontMatter.lines["printable"] ?? 1),
                "'printable: true': the printed page has no QR code, because the site's full address is not known",
                hint: "set base_url in content/site.yml to the address the site is published at "
                    + "(https://example.org/), or build with --base-url https://...")
        }
    }
}
