import BamasoLoad
import Foundation

/// The page the build makes for addresses that do not exist.
extension Renderer {
    /// Served for any address that does not exist, so it says everything in every language
    /// and links with root-based addresses.
    func notFoundContext() -> TemplateValues {
        var context = languageValues(config.defaultLanguage, from: "")
        context["entries"] = config.languages.map { language -> TemplateValues in
            var entry: TemplateValues = [
                "lang": language.tag, "t": strings(language),
                "url": urls.link("\(language.code)/", from: ""),
            ]
            if config.sections.contains("contact") {
                entry["help_url"] = urls.link(sectionPath("contact", in: language), from: "")
            }
            return entry
        }
        return context
    }
}
