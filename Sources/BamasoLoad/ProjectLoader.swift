import BamasoDiagnostics
import BamasoSupport
import Foundation

/// Everything a build reads, before any of it is interpreted.
public struct LoadedProject: Sendable {
    public var root: URL
    public var site: SiteConfig
    public var contacts: [String: Contact]
    /// Every `.md` file under `content/`, sorted by path.
    public var contentFiles: [SourceFile]
    /// Files under `content/media/`, by path relative to `content/` (`media/report.pdf`).
    public var media: [String: URL]
    /// Every `.mustache` file under `templates/`, sorted by path.
    public var templates: [SourceFile]
    /// `templates/i18n/LANG.yml`, by language.
    public var strings: [Language: SourceFile]
    /// Files under `templates/static/`, by path relative to that folder.
    public var staticFiles: [String: URL]

    public init(
        root: URL, site: SiteConfig, contacts: [String: Contact] = [:], contentFiles: [SourceFile],
        media: [String: URL] = [:], templates: [SourceFile], strings: [Language: SourceFile],
        staticFiles: [String: URL] = [:]
    ) {
        self.root = root
        self.site = site
        self.contacts = contacts
        self.contentFiles = contentFiles
        self.media = media
        self.templates = templates
        self.strings = strings
        self.staticFiles = staticFiles
    }
}

/// Stage 1: finds and reads the project's files.
public enum ProjectLoader {
    /// - Parameter source: lists and reads the files; by default the disk, every time.
    public static func load(
        root: URL, source: (any ProjectFileSource)? = nil, into diagnostics: inout [Diagnostic]
    ) -> LoadedProject? {
        let root = root.standardizedFileURL.resolvingSymlinksInPath()
        let disk = ProjectFiles(root: root)
        let files = source ?? disk
        let contentFolder = root.appendingPathComponent("content")
        let templatesFolder = root.appendingPathComponent("templates")
        for (folder, hint) in [
            (contentFolder, "run bamaso in the project folder, or pass --root FOLDER"),
            (templatesFolder, "the theme lives in templates/; restore it from git"),
        ]
        where !disk.isDirectory(folder) {
            diagnostics.append(
                .error(
                    at: FileLocation(path: folder.lastPathComponent + "/"),
                    "there is no \(folder.lastPathComponent)/ folder in \(root.path)", hint: hint))
        }
        if diagnostics.hasErrors { return nil }

        var site: SiteConfig?
        var contacts: [String: Contact] = [:]
        var contentFiles: [SourceFile] = []
        var media: [String: URL] = [:]
        let listed = files.list(contentFolder, into: &diagnostics)
        // Reading and checking the pages is most of the loading: it is done first, many at once
        // (`diskMap`), and what each read found is reported below in the order of the listing.
        let pages = listed.filter { relative, _ in !relative.hasPrefix("media/") && relative.hasSuffix(".md") }
        let pageReads = pages.diskMap { relative, url in
            var found: [Diagnostic] = []
            let file = files.read(url, path: "content/" + relative, into: &found)
            return (file: file, diagnostics: found)
        }
        var nextPage = pages.startIndex
        for (relative, url) in listed {
            let path = "content/" + relative
            if relative.hasPrefix("media/") {
                media[relative] = url
            } else if relative == "site.yml" {
                site = files.read(url, path: path, into: &diagnostics)
                    .flatMap { SiteConfig.parse($0, into: &diagnostics) }
            } else if relative == "contacts.yml" {
                if let file = files.read(url, path: path, into: &diagnostics) {
                    contacts = Contact.parse(file, into: &diagnostics)
                }
            } else if nextPage < pages.endIndex, pages[nextPage].0 == relative {
                diagnostics += pageReads[nextPage].diagnostics
                if let file = pageReads[nextPage].file { contentFiles.append(file) }
                nextPage += 1
            } else {
                diagnostics.append(
                    .warning(
                        at: FileLocation(path: path), "this file is not a page and is not published",
                        hint: "pages end in .LANG.md; images, audio and PDFs go in content/media/"))
            }
        }
        if site == nil, !diagnostics.contains(where: { $0.location.path == "content/site.yml" }) {
            diagnostics.append(
                .error(
                    at: FileLocation(path: "content/site.yml"), "content/site.yml is missing",
                    hint: "it gives the site's title, languages and sections"))
        }

        var templates: [SourceFile] = []
        var strings: [Language: SourceFile] = [:]
        var staticFiles: [String: URL] = [:]
        for (relative, url) in files.list(templatesFolder, into: &diagnostics) {
            let path = "templates/" + relative
            if relative.hasPrefix("static/") {
                staticFiles[String(relative.dropFirst("static/".count))] = url
            } else if relative.hasSuffix(".mustache") {
                if let file = files.read(url, path: path, into: &diagnostics) { templates.append(file) }
            } else if relative.hasPrefix("i18n/"), relative.hasSuffix(".yml") {
                let name = String(relative.dropFirst("i18n/".count).dropLast(".yml".count))
                strings[Language(name)] = files.read(url, path: path, into: &diagnostics)
            }
        }
        guard let site else { return nil }
        contacts = Contact.completed(contacts, for: site, into: &diagnostics)
        checkStringFiles(strings, for: site, into: &diagnostics)
        return LoadedProject(
            root: root, site: site, contacts: contacts, contentFiles: contentFiles.sorted { $0.path < $1.path },
            media: media, templates: templates.sorted { $0.path < $1.path }, strings: strings,
            staticFiles: staticFiles)
    }
}

extension ProjectLoader {
    /// One string file per language of the site, and none for another language.
    static func checkStringFiles(
        _ strings: [Language: SourceFile], for site: SiteConfig, into diagnostics: inout [Diagnostic]
    ) {
        let codes = site.languages.map(\.code)
        for language in site.languages
        where strings[language] == nil
            && !diagnostics.contains(where: { $0.location.path == "templates/i18n/\(language.code).yml" })
        {
            let model = site.languages.first { strings[$0] != nil }.map { "templates/i18n/\($0.code).yml" }
            diagnostics.append(
                .error(
                    at: FileLocation(path: "templates/i18n/\(language.code).yml"),
                    "the interface strings for '\(language.code)' (\(site.name(of: language))) are missing",
                    hint: model.map { "copy \($0) to templates/i18n/\(language.code).yml and translate it" }
                        ?? "write templates/i18n/\(language.code).yml"))
        }
        for language in strings.keys.sorted(by: { $0.code < $1.code }) where !site.languages.contains(language) {
            diagnostics.append(
                .error(
                    at: FileLocation(path: "templates/i18n/\(language.code).yml"),
                    "'\(language.code)' is not one of the site's languages (\(site.languages.codeList))",
                    hint: Suggestion.didYouMean(language.code, in: codes).map { "\($0) (rename the file)" }
                        ?? "add '\(language.code)' to 'languages' in content/site.yml, or delete this file"))
        }
    }
}
