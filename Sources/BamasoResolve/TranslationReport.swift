import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import BamasoSupport

/// Where every page stands in every language: the original, a translation that is up to
/// date, a draft, outdated (its original changed since it was translated), or missing.
public struct TranslationReport: Sendable, Equatable {
    public enum State: String, Sendable, Equatable, CaseIterable {
        /// The original the other languages are translated from.
        case source
        /// A translation that matches its original.
        case present
        /// A translation no native speaker has reviewed yet (`translation: draft`).
        case draft
        /// A translation whose original changed after it was last brought up to date.
        case outdated
        case missing
    }

    public struct Status: Sendable, Equatable {
        public var state: State
        /// The file, or for a missing translation the file it would be.
        public var path: String
        public var words: Int
        /// A draft can also be outdated; `state` then says `outdated`.
        public var isDraft: Bool
    }

    public struct Entry: Sendable, Equatable {
        /// `risks/fake-job-offers`; `` for the home page.
        public var key: String
        public var source: Language
        public var statuses: [Language: Status]
    }

    public struct Coverage: Sendable, Equatable {
        /// Pages that exist in this language and are not outdated (originals included).
        public var pages: Int
        public var totalPages: Int
        /// Words of the originals of those pages, against the words of all originals.
        public var words: Int
        public var totalWords: Int
        public var draft: Int
        public var outdated: Int
        public var missing: Int

        public init(pages: Int, totalPages: Int, words: Int, totalWords: Int, draft: Int, outdated: Int, missing: Int) {
            self.pages = pages
            self.totalPages = totalPages
            self.words = words
            self.totalWords = totalWords
            self.draft = draft
            self.outdated = outdated
            self.missing = missing
        }
    }

    public var entries: [Entry]
    public var coverage: [Language: Coverage]
    /// The site's languages, in its order, with their names in themselves.
    public var languages: [LanguageSettings]

    /// Works out the report for `pages`. A pair whose two files name different originals
    /// (`translation_source`) is reported as an error.
    public static func make(
        pages: [Page], site: SiteConfig, into diagnostics: inout [Diagnostic]
    ) -> TranslationReport {
        let entries = versions(of: pages).compactMap { key, versions in
            entry(key: key, versions: versions, site: site, into: &diagnostics)
        }
        return TranslationReport(
            entries: entries, coverage: coverage(of: entries, site: site),
            languages: site.languageList)
    }

    /// The versions of each key (its pages, one per language), sorted by key: the items of
    /// the report. The pages of a key are next to each other when `pages` is sorted by path,
    /// as a parsed site's are, and are then grouped without a table per key.
    public static func versions(of pages: [Page]) -> [(key: String, versions: [Page])] {
        var groups: [(key: String, versions: [Page])] = []
        for page in pages {
            if let last = groups.last, last.key == page.key {
                groups[groups.count - 1].versions.append(page)
            } else {
                groups.append((page.key, [page]))
            }
        }
        groups.sort { $0.key < $1.key }
        // Pages of one key that were not next to each other are now in neighbouring groups.
        var merged: [(key: String, versions: [Page])] = []
        merged.reserveCapacity(groups.count)
        for group in groups {
            if let last = merged.last, last.key == group.key {
                merged[merged.count - 1].versions += group.versions
            } else {
                merged.append(group)
            }
        }
        return merged
    }

    /// Where one page stands in each language, from the versions that exist (one page per
    /// language); nil when there are none.
    public static func entry(
        key: String, versions pages: [Page], site: SiteConfig, into diagnostics: inout [Diagnostic]
    ) -> Entry? {
        let versions = Dictionary(pages.map { ($0.language, $0) }, uniquingKeysWith: { first, _ in first })
        let overrides = site.languages.compactMap { versions[$0]?.frontMatter.translationSource }
        if Set(overrides).count > 1, let page = versions.values.sorted(by: { $0.path < $1.path }).last {
            diagnostics.append(
                .error(
                    at: FileLocation(path: page.path),
                    "the languages of this page disagree about which one is the original",
                    hint: "give 'translation_source' the same value in every file of the page, or remove it"))
        }
        let preferred = overrides.first ?? site.translationSource
        let source = versions[preferred] != nil ? preferred : site.languages.first { versions[$0] != nil } ?? preferred
        guard let original = versions[source] else { return nil }
        let fingerprint = original.translationFingerprint
        var statuses: [Language: Status] = [:]
        for language in site.languages {
            guard let page = versions[language] else {
                statuses[language] = Status(
                    state: .missing, path: translationPath(of: original, in: language),
                    words: 0, isDraft: false)
                continue
            }
            let isDraft = page.frontMatter.translation == .draft
            let state: State =
                language == source
                ? .source
                : page.frontMatter.translatedFrom != fingerprint
                    ? .outdated
                    : isDraft ? .draft : .present
            statuses[language] = Status(state: state, path: page.path, words: page.markdown.wordCount, isDraft: isDraft)
        }
        return Entry(key: key, source: source, statuses: statuses)
    }

    /// Pages and words per language, over every entry.
    static func coverage(of entries: [Entry], site: SiteConfig) -> [Language: Coverage] {
        var coverage: [Language: Coverage] = [:]
        for language in site.languages {
            var total = Coverage(
                pages: 0, totalPages: entries.count, words: 0, totalWords: 0, draft: 0, outdated: 0, missing: 0)
            for entry in entries {
                guard let status = entry.statuses[language] else { continue }
                let sourceWords = entry.statuses[entry.source]?.words ?? 0
                total.totalWords += sourceWords
                switch status.state {
                case .source, .present, .draft:
                    total.pages += 1
                    total.words += sourceWords
                case .outdated: total.outdated += 1
                case .missing: total.missing += 1
                }
                if status.isDraft { total.draft += 1 }
            }
            coverage[language] = total
        }
        return coverage
    }

    /// `content/risks/fake-job-offers.en.md` for the English translation of a Kinyarwanda page.
    static func translationPath(of page: Page, in language: Language) -> String {
        let suffix = ".\(page.language.code).md"
        return String(page.path.dropLast(suffix.count)) + ".\(language.code).md"
    }

    /// `--strict`: a missing or outdated translation is an error, for a release build; in
    /// `only` those languages, or in every one.
    public func strictDiagnostics(only: Set<Language>? = nil) -> [Diagnostic] {
        entries.flatMap { entry -> [Diagnostic] in
            let original = entry.statuses[entry.source]?.path ?? ""
            return languages.compactMap { settings in
                let (language, name) = (settings.language, settings.name)
                guard let status = entry.statuses[language], only?.contains(language) ?? true else { return nil }
                switch status.state {
                case .missing:
                    return .error(
                        at: FileLocation(path: original), "this page has no \(name) translation",
                        hint: "write \(status.path), or build without --strict")
                case .outdated:
                    return .error(
                        at: FileLocation(path: status.path),
                        "this translation is outdated: \(original) changed after it was translated",
                        hint: "bring it up to date, then run 'bamaso translations --ack \(status.path)'")
                case .source, .present, .draft:
                    return nil
                }
            }
        }
    }
}
