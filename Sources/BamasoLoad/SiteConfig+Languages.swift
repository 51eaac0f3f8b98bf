import BamasoDiagnostics
import Yams

extension SiteConfig {
    static let languageKeys = ["code", "name", "direction", "fallback", "locale"]

    /// `languages:` of `site.yml`: a list of BCP 47 codes, the default first, each either a code
    /// alone (`- rw`) or a mapping that overrides ICU's defaults:
    ///
    /// ```yaml
    /// languages:
    ///   - rw
    ///   - en
    ///   - code: fr
    ///     name: Français
    ///     fallback: [en, rw]
    /// ```
    ///
    /// `locale` (`en_GB`) is the Open Graph locale, when ICU's likeliest country is not the one.
    static func parseLanguages(
        _ field: YAMLReader.Field, reader: YAMLReader, into diagnostics: inout [Diagnostic]
    ) -> [LanguageSettings] {
        guard case .sequence(let items) = field.value, !items.isEmpty else {
            diagnostics.append(
                .error(
                    at: reader.location(of: field.value), "'languages' must be a list of language codes",
                    hint: "list the site's languages, the default first, such as 'languages: [rw, en]'"))
            return []
        }
        var all: [LanguageSettings] = []
        var fallbacks: [(Language, [String], FileLocation)] = []
        for item in items {
            let location = reader.location(of: item)
            var code: String?
            var settings: [YAMLReader.Field] = []
            switch item {
            case .scalar(let scalar): code = scalar.string
            case .mapping:
                guard let fields = reader.fields(of: item, what: "a language", into: &diagnostics) else { continue }
                reader.checkKeys(
                    fields, allowed: languageKeys, required: ["code"], what: "a language of 'languages'",
                    at: location, into: &diagnostics)
                code = fields.first { $0.key == "code" }.flatMap { reader.string($0, into: &diagnostics) }
                settings = fields
            default:
                diagnostics.append(
                    .error(
                        at: location, "each item of 'languages' must be a language code or its settings",
                        hint: "write '- fr', or '- code: fr' with 'name:', 'direction:' or 'fallback:' below it"))
            }
            guard let code else { continue }
            guard Language.isValidCode(code) else {
                diagnostics.append(
                    .error(
                        at: location, "'\(code)' is not a language code",
                        hint: "write the language's BCP 47 code in lowercase, such as 'rw', 'en', 'fr' or 'sw'"))
                continue
            }
            let language = Language(code)
            guard !all.contains(where: { $0.language == language }) else {
                diagnostics.append(
                    .error(at: location, "'\(code)' is listed twice in 'languages'", hint: "list each language once"))
                continue
            }
            var languageSettings = LanguageSettings(language)
            for setting in settings {
                switch setting.key {
                case "name": reader.string(setting, into: &diagnostics).map { languageSettings.name = $0 }
                case "locale": reader.string(setting, into: &diagnostics).map { languageSettings.locale = $0 }
                case "direction":
                    guard let text = reader.string(setting, into: &diagnostics) else { break }
                    if let direction = LanguageSettings.TextDirection(rawValue: text) {
                        languageSettings.direction = direction
                    } else {
                        diagnostics.append(
                            .error(
                                at: reader.location(of: setting.value), "'direction' must be ltr or rtl, not '\(text)'",
                                hint: "write 'rtl' for a language written from right to left, else leave it out"))
                    }
                case "fallback":
                    guard let codes = reader.strings(setting, into: &diagnostics) else { break }
                    fallbacks.append((language, codes, reader.location(of: setting.value)))
                default: break
                }
            }
            all.append(languageSettings)
        }
        // Fallbacks name languages of the list, which is complete only now.
        let codes = all.map(\.language.code)
        for (language, names, location) in fallbacks {
            for name in names where !codes.contains(name) || name == language.code {
                let message =
                    name == language.code
                    ? "'\(language.code)' cannot fall back to itself"
                    : "'\(name)' in the fallbacks of '\(language.code)' is not one of the site's languages"
                diagnostics.append(
                    .error(
                        at: location, message,
                        hint: Suggestion.didYouMean(name, in: codes)
                            ?? "name languages of 'languages': \(codes.joined(separator: ", "))"))
            }
            if let position = all.firstIndex(where: { $0.language == language }) {
                all[position].fallback = names.filter { codes.contains($0) && $0 != language.code }.map(Language.init)
            }
        }
        return all
    }
}
