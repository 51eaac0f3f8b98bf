import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoParse
import BamasoResolve
import Foundation

/// A page's body: its Markdown's HTML with each link, component and recording filled in.
extension Renderer {
    func body(of resolved: ResolvedPage, at location: String? = nil, headings: HeadingStyle = HeadingStyle()) -> String
    {
        let from = location ?? resolved.path
        let language = resolved.page.language
        let eager = Self.eagerImage(of: resolved)
        let written = resolved.page.markdown.links
        return Markdown.render(
            resolved.page.markdown, headings: headings,
            link: { index in
                withPicture(
                    rewrite(link: index, of: resolved.links, from: from, in: language), index, of: resolved.links,
                    written: written, from: from, lazy: index != eager)
            },
            component: { index in
                guard index < resolved.components.count, let value = resolved.components[index] else { return "" }
                return renderComponent(value, in: resolved, from: from)
            })
    }

    /// Link `index` of a body in `language` whose links lead to `links`.
    private func rewrite(link index: Int, of links: [ResolvedLink?], from: String, in language: Language)
        -> LinkRewrite?
    {
        guard index < links.count, let target = links[index] else { return nil }
        var url = urls.link(target.path, from: from)
        if let fragment = target.fragment, !fragment.isEmpty { url += "#" + fragment }
        let note = target.fallbackLanguage.map { language in
            "<span class=\"lang-note\" lang=\"\(language.tag)\">(\(config.name(of: language)))</span>"
        }
        // In the body's language, which the element around the body declares.
        let label = target.download.map { download in
            "<span class=\"download\">(\(Escape.html(downloadLabel(download, in: language))))</span>"
        }
        // Lazy, so a phone that never scrolls to it does not pay for it; sized, so nothing moves.
        let thumbnail = target.thumbnail.map { picture in
            "<img class=\"download-thumbnail\" src=\"\(Escape.html(urls.link(picture.path, from: from)))\" "
                + "width=\"\(picture.width)\" height=\"\(picture.height)\" alt=\"\(Escape.html(picture.alt))\" "
                + "loading=\"lazy\">"
        }
        let after = [note, label, thumbnail].compactMap { $0 }
        return LinkRewrite(url: url, htmlAfter: after.isEmpty ? nil : " " + after.joined(separator: " "))
    }

    /// `rewrite` with, for an image published as a picture, the `<picture>` that replaces it.
    private func withPicture(
        _ rewrite: LinkRewrite?, _ index: Int, of links: [ResolvedLink?], written: [MarkdownLink], from: String,
        lazy: Bool
    ) -> LinkRewrite? {
        guard var rewrite, index < links.count, index < written.count, let image = links[index]?.image else {
            return rewrite
        }
        let alt = written[index].isDecorative ? "" : written[index].text
        rewrite.replacement = picture(image, alt: alt, from: from, lazy: lazy)
        return rewrite
    }

    /// What a download link's label says: "PDF, 4 pages, 1.2 MB" ("PDF, impapuro 4, 1,2 MB"), the
    /// numbers as ICU writes them in `language`, the pages in the words of `templates/i18n/`.
    func downloadLabel(_ download: Download, in language: Language) -> String {
        var parts = download.format.isEmpty ? [] : [download.format]
        if let pages = download.pages {
            // One form for one page and one for every other count: how English, Kinyarwanda,
            // French and Swahili count pages (a PDF has at least one).
            let words = strings(language)[pages == 1 ? "download_pages_one" : "download_pages_other"]
            parts.append(words.replacingOccurrences(of: "{count}", with: dates.number(pages, in: language)))
        }
        parts.append(dates.fileSize(download.bytes, in: language))
        return parts.joined(separator: ", ")
    }

    private func renderComponent(_ component: ResolvedComponent, in resolved: ResolvedPage, from: String) -> String {
        let language = resolved.page.language
        var context: TemplateValues = ["t": strings(language), "lang": language.tag]
        let name: String
        switch component {
        case .table(let caption, let header, let rows):
            name = "components.table"
            context["caption"] = caption
            context["header"] = header
            context["rows"] = rows.map { cells -> TemplateValues in
                ["first": cells.first ?? "", "rest": Array(cells.dropFirst())]
            }
        case .contact(let contact):
            name = "components.contact"
            context.merge(contactCard(contact, language: language, from: from))
        case .callout(let kind, let title, let body, let links):
            name = "components.callout"
            context["kind"] = kind
            // The box is named for screen readers by its kind; a visible title only when the
            // editor wrote one, since the text before a callout usually says what it is.
            context["label"] = title.isEmpty ? strings(language)["callout_\(kind)"] : title
            if !title.isEmpty { context["title"] = title }
            context["body"] = Markdown.render(
                body,
                link: {
                    withPicture(
                        rewrite(link: $0, of: links, from: from, in: language), $0, of: links, written: body.links,
                        from: from, lazy: true)
                }, component: { _ in "" })
        case .audio(let audio):
            name = "components.audio"
            context.merge(audioContext(audio, from: from, in: language))
        }
        return templates.render(context, with: name)
    }

    func audioContext(_ audio: AudioFile, from: String, in language: Language) -> TemplateValues {
        var context: TemplateValues = [
            "url": urls.link(audio.path, from: from),
            "type": audio.type,
            "format": (audio.path as NSString).pathExtension.uppercased(),
            "size": dates.fileSize(audio.bytes, in: language),
        ]
        if let seconds = audio.seconds {
            context["duration"] = String(format: "%d:%02d", seconds / 60, seconds % 60)
        }
        return context
    }
}
