import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import Foundation
import Mustache

/// `bamaso new SECTION SLUG`: starts a page in every language from the theme's skeleton for
/// the section's kind (`templates/archetypes/KIND.md`), so editors never have to remember
/// the front-matter fields.
public enum NewPage {
    /// Why no page was written, in words an editor can act on.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var hint: String?

        public var description: String { hint.map { "\(message); \($0)" } ?? message }
    }

    /// The skeleton a section's pages start from: `templates/archetypes/NAME.md`.
    public static func archetypeName(forSection section: String) -> String {
        switch PageKind.ofPages(inSection: section) {
        case .risk: "risk"
        case .school: "school"
        case .radio: "radio"
        case .contact: "contact"
        case .home, .section, .plain: "page"
        }
    }

    /// A readable title from a slug, as a placeholder: `fake-job-offers` → `Fake job offers`.
    public static func title(fromSlug slug: String) -> String {
        let words = slug.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// A slug close to what was typed: `Fake Job_Offers!` → `fake-job-offers`.
    public static func suggestedSlug(for name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var slug = ""
        for character in folded {
            if ("a"..."z").contains(character) || ("0"..."9").contains(character) {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }

    /// Writes `content/SECTION/SLUG.LANG.md` for every language of the site, or nothing at all.
    /// Returns the paths written, relative to `root`, in the site's language order.
    public static func create(section: String, slug: String, root: URL) -> Result<[String], Failure> {
        let root = root.standardizedFileURL
        guard Slug.isValid(slug) else {
            let suggestion = suggestedSlug(for: slug)
            return .failure(Failure(
                message: "'\(slug)' cannot be part of a web address",
                hint: "use lowercase letters a-z, digits and single hyphens"
                    + (suggestion.isEmpty ? ", such as 'fake-job-offers'" : ", such as '\(suggestion)'")))
        }
        let site: SiteConfig
        switch readSite(root: root) {
        case .success(let config): site = config
        case .failure(let failure): return .failure(failure)
        }
        guard site.sections.contains(section) else {
            let sections = site.sections.joined(separator: ", ")
            let hint = Suggestion.didYouMean(section, in: site.sections).map { "\($0) (the sections are: \(sections))" }
                ?? "the sections are: \(sections) (listed in content/site.yml)"
            return .failure(Failure(message: "'\(section)' is not a section of this site", hint: hint))
        }

        let archetype = "templates/archetypes/\(archetypeName(forSection: section)).md"
        let template: MustacheTemplate
        switch loadArchetype(root.appendingPathComponent(archetype), path: archetype) {
        case .success(let loaded): template = loaded
        case .failure(let failure): return .failure(failure)
        }

        let files = site.languages.map { language in
            (path: "content/\(section)/\(slug).\(language.rawValue).md", language: language)
        }
        let existing = files.map(\.path).filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
        guard existing.isEmpty else {
            return .failure(Failure(
                message: "\(existing.joined(separator: " and ")) already \(existing.count == 1 ? "exists" : "exist")",
                hint: "nothing was written; open the existing page, or choose another name"))
        }

        let contents = files.map { file in
            template.render(context(section: section, slug: slug, language: file.language, site: site))
        }
        let folder = root.appendingPathComponent("content/\(section)")
        var written: [URL] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (file, text) in zip(files, contents) {
                let url = root.appendingPathComponent(file.path)
                // `withoutOverwriting`: a file that appeared since the check above is never replaced.
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
                written.append(url)
            }
        } catch {
            for url in written { try? FileManager.default.removeItem(at: url) }
            return .failure(Failure(message: "cannot write the new page: \(error.localizedDescription)",
                                    hint: "check that you may write to \(folder.path); nothing was written"))
        }
        return .success(files.map(\.path))
    }

    static func context(section: String, slug: String, language: Language, site: SiteConfig) -> [String: Any] {
        [
            "title": title(fromSlug: slug),
            "slug": slug,
            "section": section,
            "language": language.rawValue,
            "language_name": language.nativeName,
            "default_language": language == site.defaultLanguage,
            "rw": language == .rw,
            "en": language == .en,
        ]
    }

    private static func readSite(root: URL) -> Result<SiteConfig, Failure> {
        var diagnostics: [Diagnostic] = []
        let url = root.appendingPathComponent("content/site.yml")
        guard FileManager.default.fileExists(atPath: url.path) else {
            return .failure(Failure(message: "there is no content/site.yml in \(root.path)",
                                    hint: "run bamaso in the project folder, or pass --root FOLDER"))
        }
        if let file = SourceFile.read(url, path: "content/site.yml", into: &diagnostics),
           let site = SiteConfig.parse(file, into: &diagnostics) {
            return .success(site)
        }
        let first = diagnostics.sortedForReport().first.map(\.description) ?? "content/site.yml cannot be read"
        return .failure(Failure(message: first, hint: "fix content/site.yml first: it lists the sections"))
    }

    /// The archetype's text as a Mustache template that leaves the values as they are:
    /// front matter is YAML, not HTML, so nothing is escaped.
    private static func loadArchetype(_ url: URL, path: String) -> Result<MustacheTemplate, Failure> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(Failure(message: "the theme has no \(path)",
                                    hint: "restore it from git; each kind of page has a skeleton in templates/archetypes/"))
        }
        do {
            return .success(try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}\n" + String(decoding: data, as: UTF8.self)))
        } catch let error as MustacheTemplate.ParserError {
            return .failure(Failure(message: "\(path):\(error.context.lineNumber - 1):\(error.context.columnNumber): "
                                    + "error: the skeleton is not a valid Mustache template (\(error.error))"))
        } catch {
            return .failure(Failure(message: "\(path): error: the skeleton is not a valid Mustache template (\(error))"))
        }
    }
}
