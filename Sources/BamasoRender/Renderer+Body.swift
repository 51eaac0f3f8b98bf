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
        return Markdown.render(
            resolved.page.markdown, headings: headings,
            link: { rewrite(link: $0, of: resolved.links, from: from) },
            component: { index in
                guard index < resolved.components.count, let value = resolved.components[index] else { return "" }
                return renderComponent(value, in: resolved, from: from)
            })
    }

    /// Link `index` of a body whose links lead to `links`.
    private func rewrite(link index: Int, of links: [ResolvedLink?], from: String) -> LinkRewrite? {
        guard index < links.count, let target = links[index] else { return nil }
        var url = urls.link(target.path, from: from)
        if let fragment = target.fragment, !fragment.isEmpty { url += "#" + fragment }
        let note = target.fallbackLanguage.map { language in
            "<span class=\"lang-note\" lang=\"\(language.tag)\">(\(language.nativeName))</span>"
        }
        return LinkRewrite(url: url, htmlAfter: note.map { " " + $0 })
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
                body, link: { rewrite(link: $0, of: links, from: from) }, component: { _ in "" })
        case .audio(let audio):
            name = "components.audio"
            context.merge(audioContext(audio, from: from))
        }
        return templates.render(context, with: name)
    }

    func audioContext(_ audio: AudioFile, from: String) -> TemplateValues {
        var context: TemplateValues = [
            "url": urls.link(audio.path, from: from),
            "type": audio.type,
            "format": (audio.path as NSString).pathExtension.uppercased(),
            "size": ByteCountFormatter.string(fromByteCount: Int64(audio.bytes), countStyle: .file),
        ]
        if let seconds = audio.seconds {
            context["duration"] = String(format: "%d:%02d", seconds / 60, seconds % 60)
        }
        return context
    }
}
