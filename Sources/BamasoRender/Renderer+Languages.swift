import BamasoLoad
import BamasoResolve

/// What a page shows of the site's other languages: the switcher and the menu, each leading to
/// a page in its own language or, when there is none, in its fallback.
extension Renderer {
    /// The language switcher: every language, leading to this page in that language, or to
    /// the nearest page that exists (the section, then the home page) when it is not translated.
    func switcher(for resolved: ResolvedPage, from: String) -> [TemplateValues] {
        config.languages.map { language in
            var item: TemplateValues = [
                "lang": language.tag, "name": config.name(of: language),
                "current": language == resolved.page.language,
            ]
            if let path = resolved.alternates[language] {
                item["url"] = urls.link(path, from: from)
            } else {
                // The section's page in that language, if it has one, else its home page.
                let section = menu(language).first { $0.section == resolved.page.section && $0.fallbackLanguage == nil }
                item["url"] = urls.link(section?.path ?? "\(language.code)/", from: from)
                item["missing"] = true
            }
            return item
        }
    }

    /// Where the menu of `language` leads for `section`: its page in that language, or in the
    /// fallback the menu shows; the home page if the section has no page at all.
    func sectionPath(_ section: String, in language: Language) -> String {
        menu(language).first { $0.section == section }?.path ?? "\(language.code)/"
    }

    func menu(language: Language, current: String?, from: String) -> [TemplateValues] {
        menu(language).map { link in
            var item: TemplateValues = [
                "title": link.title, "url": urls.link(link.path, from: from), "current": link.section == current,
            ]
            if let other = link.fallbackLanguage {
                item["fallback"] = ["lang": other.tag, "name": config.name(of: other)] as TemplateValues
            }
            return item
        }
    }
}
