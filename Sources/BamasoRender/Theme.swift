import BamasoDiagnostics
import BamasoLoad
import BamasoResolve

/// The files a theme is made of: the templates and the interface strings.
public struct ThemeFiles: Equatable, Sendable {
    /// Every `.mustache` file under `templates/`, sorted by path.
    public var templates: [SourceFile]
    /// `templates/i18n/LANG.yml`, by language.
    public var strings: [Language: SourceFile]

    public init(_ project: LoadedProject) {
        templates = project.templates
        strings = project.strings
    }
}

/// The theme as rendering uses it: the templates compiled and the strings of every language,
/// checked against each other before anything is rendered.
public final class Theme: Sendable, Equatable {
    public let files: ThemeFiles
    public let templates: TemplateSet
    public let strings: [Language: StringTable]

    init(files: ThemeFiles, templates: TemplateSet, strings: [Language: StringTable]) {
        self.files = files
        self.templates = templates
        self.strings = strings
    }

    /// Two themes are the same when they come from the same files.
    public static func == (lhs: Theme, rhs: Theme) -> Bool {
        lhs === rhs || lhs.files == rhs.files
    }

    /// The strings the code itself asks for, besides the templates' `{{t.key}}`.
    static let stringsOfTheCode =
        [
            "notice_draft", "notice_outdated", "notice_original", "booklet_title",
            "booklet_description", "download_pages_one", "download_pages_other",
        ]
        + ResolvedComponent.calloutKinds.map { "callout_" + $0 }

    /// Compiles the templates and reads the strings; nil when a template cannot be compiled, or
    /// a language has no string file (which the loader reports). Every string a template or the code asks for that a
    /// language lacks is an error, at the template line that asks for it: a missing string
    /// would render as nothing.
    public static func load(
        _ files: ThemeFiles, languages settings: [LanguageSettings], into diagnostics: inout [Diagnostic]
    ) -> Theme? {
        let languages = settings.map(\.language)
        let strings = StringTable.load(files.strings, languages: settings, into: &diagnostics)
        let templates = TemplateSet.load(files.templates, into: &diagnostics)
        for (key, location) in stringUses(files.templates) {
            for language in languages {
                guard let table = strings[language], table.strings[key] == nil else { continue }
                diagnostics.append(
                    .error(
                        at: location ?? FileLocation(path: files.strings[language]?.path ?? ""),
                        location == nil
                            ? "bamaso needs the string '\(key)', which is not in "
                                + "templates/i18n/\(language.code).yml"
                            : "the template uses the string '\(key)', which is not in "
                                + "templates/i18n/\(language.code).yml",
                        hint: "add '\(key): ...' to every file in templates/i18n/, or correct the name"))
            }
        }
        // A language without its file is reported by the loader.
        guard let templates, languages.allSatisfy({ strings[$0] != nil }) else { return nil }
        return Theme(files: files, templates: templates, strings: strings)
    }

    /// Every string key asked for, each once, with the first template line that asks for it
    /// (`{{t.key}}`, `{{#t.key}}`...); nil for the keys only the code asks for.
    static func stringUses(_ templates: [SourceFile]) -> [(key: String, location: FileLocation?)] {
        var uses: [(key: String, location: FileLocation?)] = []
        var seen = Set<String>()
        for file in templates {
            for tag in TemplateTag.scan(file.text) ?? []
            where tag.sigil != "/" && tag.sigil != "!"
                && tag.name.hasPrefix("t.")
            {
                let key = String(tag.name.dropFirst(2))
                if seen.insert(key).inserted {
                    uses.append((key, FileLocation(path: file.path, line: tag.line, column: tag.column)))
                }
            }
        }
        for key in stringsOfTheCode where seen.insert(key).inserted { uses.append((key, nil)) }
        return uses
    }
}
