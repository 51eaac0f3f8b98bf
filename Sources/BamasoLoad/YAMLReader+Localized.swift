import BamasoDiagnostics
import Yams

extension YAMLReader {
    /// A text per language: `title: { rw: "...", en: "..." }`. With the site's `languages`, each
    /// key must be one of them and the first (the default language) is required; the others
    /// fall back (`SiteConfig.completed`). Without them, any language code is taken.
    /// `keys` receives where each language's text was written.
    public func localized(
        _ field: Field, languages: [Language]?, keys: inout [Language: FileLocation],
        into diagnostics: inout [Diagnostic]
    ) -> [Language: String]? {
        guard let fields = fields(of: field.value, what: "'\(field.key)'", into: &diagnostics) else { return nil }
        let before = diagnostics.errorCount
        var values: [Language: String] = [:]
        for item in fields {
            let codes = languages?.map(\.code) ?? []
            let list = languages?.codeList ?? ""
            if !Language.isValidCode(item.key) || languages.map({ !$0.contains(Language(item.key)) }) == true {
                guard languages != nil else {
                    diagnostics.append(
                        .error(
                            at: item.location, "'\(item.key)' is not a language code",
                            hint: "write the code of one of the site's languages before each text, such as 'rw:'"))
                    continue
                }
                let hint =
                    Suggestion.didYouMean(item.key, in: codes)
                    ?? "the site's languages are \(list) (site.yml's 'languages')"
                diagnostics.append(
                    .error(at: item.location, "'\(item.key)' is not one of the site's languages", hint: hint))
                continue
            }
            if let text = string(item, into: &diagnostics) {
                values[Language(item.key)] = text
                keys[Language(item.key)] = item.location
            }
        }
        if let first = languages?.first, values[first] == nil, diagnostics.errorCount == before {
            diagnostics.append(
                .error(
                    at: field.location, "'\(field.key)' has no text in \(first.code), the site's first language",
                    hint: "add a line '\(first.code): ...' below '\(field.key):'; other languages fall back to it"))
        }
        return diagnostics.errorCount == before ? values : nil
    }

    /// `localized(_:languages:keys:into:)` when where each text was written does not matter.
    public func localized(
        _ field: Field, languages: [Language]?, into diagnostics: inout [Diagnostic]
    ) -> [Language: String]? {
        var keys: [Language: FileLocation] = [:]
        return localized(field, languages: languages, keys: &keys, into: &diagnostics)
    }
}
