import Foundation

/// A language of the site, named by its BCP 47 code: `rw`, `en`, `fr`, `sw`, `pt-BR`.
///
/// A language is its code and nothing else. Which languages a site has, in which order, their
/// names, text directions and fallbacks are settings of `site.yml` (`SiteConfig.languages`,
/// `SiteConfig.settings(of:)`), so that no code but the configuration loader names one.
public struct Language: Hashable, Sendable, CustomStringConvertible {
    /// The BCP 47 code, as `site.yml` writes it.
    public let code: String

    public init(_ code: String) { self.code = code }

    /// BCP 47 tag for `lang`, `hreflang` and date formatting.
    public var tag: String { code }

    public var description: String { code }

    /// Whether `code` is a BCP 47 tag of the shape sites use: a language of 2 or 3 letters, then
    /// optional subtags of letters and digits (`pt-BR`, `sr-Latn`), in lowercase for the language.
    public static func isValidCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
            first.allSatisfy({ ("a"..."z").contains($0) })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}

/// What `site.yml` says of one language, with defaults from ICU.
public struct LanguageSettings: Sendable, Hashable {
    public var language: Language
    /// The language's name in itself, for the language switcher: "Ikinyarwanda", "Français".
    public var name: String
    /// `rtl` for Arabic script and Hebrew, else `ltr`.
    public var direction: TextDirection
    /// The languages a page missing in this one is shown in, in order of preference.
    public var fallback: [Language]
    /// The language and country for Open Graph's `og:locale`: `rw_RW`, `en_GB`.
    public var locale: String

    public enum TextDirection: String, Sendable, Hashable {
        case ltr, rtl
    }

    /// Defaults from ICU: the language's own name for itself, capitalized as a menu entry is,
    /// and its script's direction. No fallback.
    public init(_ language: Language) {
        let locale = Locale(identifier: language.code)
        let name = locale.localizedString(forIdentifier: language.code) ?? language.code
        self.language = language
        self.name = name.prefix(1).uppercased(with: locale) + name.dropFirst()
        self.direction = Locale.Language(identifier: language.code).characterDirection == .rightToLeft ? .rtl : .ltr
        self.fallback = []
        // ICU's likeliest script and country: rw-Latn-RW, fr-Latn-FR, sw-Latn-TZ.
        let likely = Locale.Language(identifier: language.code).maximalIdentifier.split(separator: "-")
        let region = likely.dropFirst().first { $0.count == 2 && $0.allSatisfy(\.isUppercase) }
        self.locale = language.code.split(separator: "-")[0] + (region.map { "_" + $0 } ?? "")
    }
}

extension [Language] {
    /// The codes for a message: "rw and en", "rw, en, fr and sw".
    public var codeList: String {
        let codes = map(\.code)
        guard let last = codes.last, codes.count > 1 else { return codes.first ?? "" }
        return codes.dropLast().joined(separator: ", ") + " and " + last
    }
}
