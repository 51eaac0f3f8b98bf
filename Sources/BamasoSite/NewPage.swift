import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import Foundation
import Mustache

/// `bamaso new SECTION SLUG`: starts a page in every language from the theme's skeleton for
/// the section's kind (`templates/archetypes/KIND.md`), so editors never have to remember
/// the front-matter fields.
public enum NewPage {
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
    /// Returns the paths written, relative to `root`, in the site's language order; or why
    /// nothing was written, each problem at the file it is about (site.yml for an unknown
    /// section, the skeleton, the page that exists).
    public static func create(section: String, slug: String, root: URL) -> Result<[String], DiagnosticList> {
        let root = root.standardizedFileURL
        let site: SiteConfig
        switch SiteConfig.read(root: root) {
        case .success(let config): site = config
        case .failure(let problems): return .failure(problems)
        }
        let folder = "content/\(section)/"
        var problems: [Diagnostic] = []
        if !Slug.isValid(slug) {
            let suggestion = suggestedSlug(for: slug)
            problems.append(
                .error(
                    at: FileLocation(path: folder), "'\(slug)' cannot be part of a web address",
                    hint: "use lowercase letters a-z, digits and single hyphens"
                        + (suggestion.isEmpty ? ", such as 'fake-job-offers'" : ", such as '\(suggestion)'")))
        }
        if !site.sections.contains(section) {
            let sections = site.sections.joined(separator: ", ")
            let hint =
                Suggestion.didYouMean(section, in: site.sections).map { "\($0) (the sections are: \(sections))" }
                ?? "the sections are: \(sections) (to start a new section, add it to this list first)"
            problems.append(
                .error(
                    at: site.sectionsLocation ?? FileLocation(path: "content/site.yml"),
                    "'\(section)' is not a section of this site", hint: hint))
        }
        guard problems.isEmpty else { return .failure(DiagnosticList(problems)) }

        let archetype = "templates/archetypes/\(archetypeName(forSection: section)).md"
        let template: MustacheTemplate
        switch loadArchetype(root.appendingPathComponent(archetype), path: archetype, section: section) {
        case .success(let loaded): template = loaded
        case .failure(let problems): return .failure(problems)
        }

        let files = site.languages.map { language in
            (path: "content/\(section)/\(slug).\(language.code).md", language: language)
        }
        let existing = files.map(\.path).filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path)
        }
        guard existing.isEmpty else {
            return .failure(
                DiagnosticList(
                    existing.map { path in
                        .error(
                            at: FileLocation(path: path), "this page already exists",
                            hint: "nothing was written; open the existing page, or choose another name")
                    }))
        }

        let contents = files.map { file in
            template.render(context(section: section, slug: slug, language: file.language, site: site))
        }
        var written: [URL] = []
        var writing = folder
        do {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder),
                withIntermediateDirectories: true)
            for (file, text) in zip(files, contents) {
                writing = file.path
                let url = root.appendingPathComponent(file.path)
                // `withoutOverwriting`: a file that appeared since the check above is never replaced.
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
                written.append(url)
            }
        } catch {
            for url in written { try? FileManager.default.removeItem(at: url) }
            return .failure(
                DiagnosticList([
                    .error(
                        at: FileLocation(path: writing), "cannot write the new page: \(error.localizedDescription)",
                        hint: "check that you may write to \(root.appendingPathComponent(folder).path); nothing was "
                            + "written")
                ]))
        }
        return .success(files.map(\.path))
    }

    static func context(section: String, slug: String, language: Language, site: SiteConfig) -> [String: Any] {
        [
            "title": title(fromSlug: slug),
            "slug": slug,
            "section": section,
            "language": language.code,
            "language_name": site.name(of: language),
            "default_language": language == site.defaultLanguage,
            // Every language but the one pages are first written in gets a draft translation.
            "translation": language != site.translationSource,
        ]
    }

    /// The archetype's text as a Mustache template that leaves the values as they are:
    /// front matter is YAML, not HTML, so nothing is escaped.
    private static func loadArchetype(
        _ url: URL, path: String, section: String
    ) -> Result<MustacheTemplate, DiagnosticList> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(
                DiagnosticList([
                    .error(
                        at: FileLocation(path: path), "the skeleton for new pages of '\(section)' is missing",
                        hint: "restore \(path) from git; each kind of page has a skeleton in templates/archetypes/")
                ]))
        }
        do {
            let text = "{{% CONTENT_TYPE: TEXT }}\n" + String(decoding: data, as: UTF8.self)
            return .success(try MustacheTemplate(string: text))
        } catch let error as MustacheTemplate.ParserError {
            // The first line of the template is the one added above.
            let location = FileLocation(
                path: path, line: error.context.lineNumber - 1,
                column: error.context.columnNumber)
            return .failure(
                DiagnosticList([
                    .error(
                        at: location, "the skeleton is not a valid Mustache template (\(error.error))",
                        hint: "correct it, or restore it from git")
                ]))
        } catch {
            return .failure(
                DiagnosticList([
                    .error(
                        at: FileLocation(path: path), "the skeleton is not a valid Mustache template (\(error))",
                        hint: "correct it, or restore it from git")
                ]))
        }
    }
}
