import BamasoDiagnostics
import Yams

/// `content/site.yml`: what the whole site shares.
public struct SiteConfig: Sendable, Equatable {
    /// The site's title per language; a language that has none shows its fallback's.
    public var title: [Language: String]
    public var description: [Language: String]
    /// The languages in the order the site shows them; the first is the default.
    public var languages: [Language]
    /// Where `languages` was written, for error messages.
    public var languagesLocation: FileLocation?
    /// What `site.yml` says of a language beyond its code; ICU's defaults for the others.
    public var languageSettings: [Language: LanguageSettings] = [:]
    /// Section folders under `content/`, in menu order.
    public var sections: [String]
    /// Where `sections` was written, for error messages.
    public var sectionsLocation: FileLocation?
    /// Where the site will be published, such as `https://example.org/bamaso/`, or `/`.
    public var baseURL: String
    /// The organisation (an ID in `contacts.yml`) whose phone the help strip on every page
    /// shows, if any.
    public var helpContact: String?
    /// Where `helpContact` was written, for error messages.
    public var helpContactLocation: FileLocation?
    /// The section the help strip's "Where to get help" leads to (`help: pages:`).
    public var helpPages: String?
    /// The section of the safety page, linked next to the quick exit (`help: safety:`).
    public var safetyPage: String?
    /// Where the "leave this site quickly" link on every page leads, per language
    /// (`quick_exit:`): a light, neutral page on another site.
    public var quickExit: [Language: String] = [:]
    /// The language pages are first written in (`translation_source:`); the others are their
    /// translations. nil: the default language.
    public var translationSourceSetting: Language?
    /// Whether pages tell visitors that their translation is a draft or outdated.
    public var translationNotices: Bool = false
    /// The picture a shared page shows when neither it nor its section has one (`image:`), as
    /// written: `/media/campaign.jpg`; and where it was written.
    public var image: String?
    public var imageLocation: FileLocation?
    /// The most, in kilobytes, the image a 360 px phone downloads may weigh (`images: phone_budget_kb:`).
    public var phoneBudgetKB = 45

    public init(
        title: [Language: String], description: [Language: String] = [:],
        languages: [Language], sections: [String], baseURL: String = "/",
        helpContact: String? = nil, helpContactLocation: FileLocation? = nil
    ) {
        self.title = title
        self.description = description
        self.languages = languages
        self.sections = sections
        self.baseURL = baseURL
        self.helpContact = helpContact
        self.helpContactLocation = helpContactLocation
    }

    /// The first language: first on the landing page and the target of `x-default`.
    public var defaultLanguage: Language { languages.first ?? Language("und") }

    /// The language pages are first written in; the others are their translations.
    public var translationSource: Language {
        get { translationSourceSetting ?? defaultLanguage }
        set { translationSourceSetting = newValue }
    }

    /// The settings of `language`: `site.yml`'s, else ICU's defaults.
    public func settings(of language: Language) -> LanguageSettings {
        languageSettings[language] ?? LanguageSettings(language)
    }

    /// Every language with its settings, in the site's order.
    public var languageList: [LanguageSettings] { languages.map(settings(of:)) }

    /// The language's name in itself: "Ikinyarwanda", "Français".
    public func name(of language: Language) -> String { settings(of: language).name }

    /// Where a page missing in `language` is looked for, best first: the language itself, the
    /// fallbacks `site.yml` names for it, then every other language in the site's order, so
    /// that a page that exists in any language is shown in every one.
    public func fallbackChain(of language: Language) -> [Language] {
        var chain = [language]
        for other in settings(of: language).fallback + languages where !chain.contains(other) {
            chain.append(other)
        }
        return chain
    }

    /// `values` with a text for every language: a language without one takes the first of its
    /// fallback chain that has one.
    public func completed(_ values: [Language: String]) -> [Language: String] {
        guard !values.isEmpty else { return values }
        var completed: [Language: String] = [:]
        for language in languages {
            if let text = fallbackChain(of: language).lazy.compactMap({ values[$0] }).first {
                completed[language] = text
            }
        }
        return completed
    }

    static let keys = [
        "title", "description", "languages", "sections", "base_url", "help", "translation_source",
        "translation_notices", "quick_exit", "image", "images",
    ]

    /// Reads `site.yml`; problems become diagnostics and nil.
    public static func parse(_ file: SourceFile, into diagnostics: inout [Diagnostic]) -> SiteConfig? {
        let reader = YAMLReader(path: file.path)
        let start = FileLocation(path: file.path)
        guard let root = reader.compose(file.text, into: &diagnostics) else {
            if !diagnostics.hasErrors {
                diagnostics.append(
                    .error(at: start, "site.yml is empty", hint: "give the site a title and its sections"))
            }
            return nil
        }
        guard let fields = reader.fields(of: root, what: "site.yml", into: &diagnostics) else { return nil }
        let before = diagnostics.errorCount
        reader.checkKeys(
            fields, allowed: keys, required: ["title", "sections"], what: "site.yml",
            at: start, into: &diagnostics)
        if !fields.contains(where: { $0.key == "quick_exit" }) {
            diagnostics.append(
                .error(
                    at: start, "site.yml has no 'quick_exit': every page needs a link that leaves the site quickly",
                    hint: "add 'quick_exit: { rw: \"https://...\", en: \"https://...\" }' with a light, neutral page "
                        + "of another site for each language"))
        }
        var config = SiteConfig(title: [:], languages: [], sections: [])
        // Every other setting may name languages: they are read first. (A title that is not a
        // mapping is reported below, with the title.)
        var ignored: [Diagnostic] = []
        if let field = fields.first(where: { $0.key == "languages" }) {
            config.languagesLocation = reader.location(of: field.value)
            for settings in parseLanguages(field, reader: reader, into: &diagnostics) {
                config.languages.append(settings.language)
                config.languageSettings[settings.language] = settings
            }
        } else if let title = fields.first(where: { $0.key == "title" }),
            let texts = reader.fields(of: title.value, what: "'title'", into: &ignored)
        {
            // Without a list, the languages are those of the title, in its order.
            config.languages = texts.map { Language($0.key) }.filter { Language.isValidCode($0.code) }
            // ICU's defaults, worked out once rather than at every `settings(of:)`.
            for language in config.languages { config.languageSettings[language] = LanguageSettings(language) }
        }
        if config.languages.isEmpty, diagnostics.errorCount == before {
            diagnostics.append(
                .error(
                    at: start, "site.yml names no language",
                    hint: "list the site's languages, the default first, such as 'languages: [rw, en]'"))
        }
        let languages = config.languages.isEmpty ? nil : config.languages
        // The help pages name sections, checked once all of site.yml is read.
        var sectionNames: [(key: String, name: String, location: FileLocation)] = []
        for field in fields {
            switch field.key {
            case "title": config.title = reader.localized(field, languages: languages, into: &diagnostics) ?? [:]
            case "description":
                config.description = reader.localized(field, languages: languages, into: &diagnostics) ?? [:]
            case "base_url":
                if let url = reader.string(field, into: &diagnostics) {
                    config.baseURL = url.hasSuffix("/") ? url : url + "/"
                }
            case "languages": break
            case "sections":
                guard let names = reader.strings(field, into: &diagnostics) else { break }
                for name in names where !Slug.isValid(name) {
                    diagnostics.append(
                        .error(
                            at: reader.location(of: field.value), "section name '\(name)' is not a valid folder name",
                            hint: "use lowercase letters, digits and hyphens, such as 'risks'"))
                }
                config.sections = names
                config.sectionsLocation = reader.location(of: field.value)
            case "translation_source":
                guard let text = reader.string(field, into: &diagnostics) else { break }
                if config.languages.contains(Language(text)) {
                    config.translationSource = Language(text)
                } else if !config.languages.isEmpty {
                    let codes = config.languages.codeList
                    diagnostics.append(
                        .error(
                            at: reader.location(of: field.value),
                            "'translation_source' must be one of the site's languages (\(codes)), not '\(text)'",
                            hint: "write the language pages are first written in"))
                }
            case "translation_notices":
                config.translationNotices = reader.bool(field, into: &diagnostics) ?? false
            case "image":
                config.image = reader.string(field, into: &diagnostics)
                config.imageLocation = reader.location(of: field.value)
            case "images":
                guard let items = reader.fields(of: field.value, what: "'images'", into: &diagnostics) else { break }
                reader.checkKeys(
                    items, allowed: ["phone_budget_kb"], required: [], what: "'images'", at: field.location,
                    into: &diagnostics)
                for item in items where item.key == "phone_budget_kb" {
                    guard let budget = reader.int(item, into: &diagnostics) else { continue }
                    if budget < 5 {
                        diagnostics.append(
                            .error(
                                at: reader.location(of: item.value), "'phone_budget_kb' must be at least 5",
                                hint: "45 keeps a photo light on a phone; no photo is readable under 5 KB"))
                    } else {
                        config.phoneBudgetKB = budget
                    }
                }
            case "help":
                guard let helpFields = reader.fields(of: field.value, what: "'help'", into: &diagnostics) else { break }
                reader.checkKeys(
                    helpFields, allowed: ["contact", "pages", "safety"], required: [], what: "'help'",
                    at: field.location, into: &diagnostics)
                for help in helpFields {
                    switch help.key {
                    case "contact":
                        config.helpContact = reader.string(help, into: &diagnostics)
                        config.helpContactLocation = reader.location(of: help.value)
                    case "pages", "safety":
                        guard let name = reader.string(help, into: &diagnostics) else { break }
                        if help.key == "pages" { config.helpPages = name } else { config.safetyPage = name }
                        sectionNames.append((help.key, name, reader.location(of: help.value)))
                    default: break
                    }
                }
            case "quick_exit":
                guard let urls = reader.localized(field, languages: languages, into: &diagnostics),
                    let items = reader.fields(of: field.value, what: "'quick_exit'", into: &diagnostics)
                else { break }
                config.quickExit = urls
                // A plain link that every visitor may click in a hurry: only another site's web address.
                for item in items {
                    guard let url = urls[Language(item.key)],
                        !["https://", "http://"].contains(where: { url.lowercased().hasPrefix($0) })
                    else { continue }
                    diagnostics.append(
                        .error(
                            at: reader.location(of: item.value),
                            "the quick exit leads to '\(url)', which is not a web address",
                            hint: "write the full address of a light, neutral page of another site, "
                                + "starting with https://"))
                }
            default: break
            }
        }
        for (key, name, location) in sectionNames where !config.sections.contains(name) {
            diagnostics.append(
                .error(
                    at: location, "'help: \(key)' names '\(name)', which is not a section",
                    hint: "name one of the sections listed in 'sections': \(config.sections.joined(separator: ", "))"))
        }
        config.title = config.completed(config.title)
        config.description = config.completed(config.description)
        config.quickExit = config.completed(config.quickExit)
        return diagnostics.errorCount == before ? config : nil
    }
}

/// Names that become part of a URL: lowercase ASCII letters, digits and single hyphens.
public enum Slug {
    public static func isValid(_ name: some StringProtocol) -> Bool {
        // In ASCII every byte is a character: the bytes give the same answer, without the
        // cost of comparing characters (a build checks every page's name).
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(name.utf8)
            let hyphen = UInt8(ascii: "-")
            guard let first = bytes.first, let last = bytes.last, first != hyphen, last != hyphen else { return false }
            return !zip(bytes, bytes.dropFirst()).contains { $0 == hyphen && $1 == hyphen }
                && bytes.allSatisfy {
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == hyphen
                }
        }
        guard let first = name.first, let last = name.last, first != "-", last != "-" else { return false }
        return !name.contains("--")
            && name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
