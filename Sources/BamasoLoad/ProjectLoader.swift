import BamasoDiagnostics
import BamasoSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

/// Walks a folder of the project, refusing anything that leads outside it.
public struct ProjectFiles: ProjectFileSource {
    public let root: URL

    /// - Parameter root: the project folder, symbolic links resolved.
    public init(root: URL) {
        self.root = root
    }

    func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Regular files under `folder` by path relative to it, sorted; hidden files are skipped.
    ///
    /// Read with `readdir`, whose entries say which are plain files and folders: Foundation's
    /// enumerator made a URL of every entry and `entry` looked at each with `lstat`, on one core
    /// while the other waited, 50 ms for the 10,000 pages of the largest benchmark site.
    /// Links go through `entry`; on file systems whose entries do not say, `lstat` tells.
    public func list(_ folder: URL, into diagnostics: inout [Diagnostic]) -> [(String, URL)] {
        var found: [(String, URL)] = []
        walk(folder.path, relative: "", in: folder, into: &found, diagnostics: &diagnostics)
        return found.sorted { $0.0 < $1.0 }
    }

    /// Adds the files of the folder at `path` (`relative` inside `folder`) and its subfolders.
    private func walk(
        _ path: String, relative: String, in folder: URL, into found: inout [(String, URL)],
        diagnostics: inout [Diagnostic]
    ) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let item = readdir(directory) {
            let type = Int32(item.pointee.d_type)
            // Hidden, and `.` and `..`.
            guard item.pointee.d_name.0 != CChar(UInt8(ascii: ".")) else { continue }
            let (name, shown) = withUnsafePointer(to: item.pointee.d_name) { name in
                name.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { name in
                    String(validatingCString: name).map { ($0, $0) } ?? (nil, String(cString: name))
                }
            }
            guard let name else {
                // A name that is not UTF-8 cannot be written into a page or a web address.
                let projectPath = String((path + "/" + shown).dropFirst(root.path.count + 1))
                diagnostics.append(
                    .error(
                        at: FileLocation(path: projectPath), "this name is not UTF-8 text, so it cannot be read",
                        hint: "rename it, using lowercase letters a-z, digits and single hyphens"))
                continue
            }
            let full = path + "/" + name
            switch type == Int32(DT_UNKNOWN) ? Self.type(of: full) : type {
            case Int32(DT_DIR):
                walk(full, relative: relative + name + "/", in: folder, into: &found, diagnostics: &diagnostics)
            case Int32(DT_REG):
                found.append((relative + name, URL(fileURLWithPath: full, isDirectory: false)))
            case Int32(DT_LNK):
                if let entry = entry(URL(fileURLWithPath: full, isDirectory: false), in: folder, into: &diagnostics) {
                    found.append(entry)
                }
            default:
                continue  // sockets, pipes, devices
            }
        }
    }

    /// The `d_type` that `readdir` gives on file systems that say, from `lstat`.
    private static func type(of path: String) -> Int32 {
        var status = stat()
        guard lstat(path, &status) == 0 else { return Int32(DT_UNKNOWN) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return Int32(DT_DIR)
        case S_IFREG: return Int32(DT_REG)
        case S_IFLNK: return Int32(DT_LNK)
        default: return Int32(DT_UNKNOWN)
        }
    }

    /// The file at `url` (inside `folder`) as `list` gives it, or nil when `list` leaves it out:
    /// a folder, or a link that is broken, loops, or leads outside the project or to a folder.
    /// A link that cannot be followed is reported.
    public func entry(_ url: URL, in folder: URL, into diagnostics: inout [Diagnostic]) -> (String, URL)? {
        let prefix = folder.path + "/"
        let rootPath = root.path + "/"
        let path = url.path
        guard path.hasPrefix(prefix) else { return nil }
        let relative = String(path.dropFirst(prefix.count))
        let projectPath = String(path.dropFirst(rootPath.count))
        // `lstat` rather than `URL.resourceValues`, which cost as much as reading the file.
        var entry = stat()
        guard lstat(path, &entry) == 0 else { return nil }
        if entry.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                let looped = errno == ELOOP
                diagnostics.append(
                    .error(
                        at: FileLocation(path: projectPath),
                        looped
                            ? "this link leads back to itself through other links"
                            : "this is a link to a file that does not exist",
                        hint: "replace the link with the file itself"))
                return nil
            }
            let target = String(cString: resolved)
            free(resolved)
            let folder = isDirectory(URL(fileURLWithPath: target))
            if !target.hasPrefix(rootPath) {
                diagnostics.append(
                    .error(
                        at: FileLocation(path: projectPath), "this is a link to \(target), outside the project",
                        hint: "copy the \(folder ? "folder" : "file") into the project instead of linking to it"))
                return nil
            }
            if folder { return nil }  // the enumerator does not follow it; its files are elsewhere
            var status = stat()
            guard stat(target, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                diagnostics.append(
                    .error(
                        at: FileLocation(path: projectPath), "this is a link to \(target), which is not a file",
                        hint: "replace the link with the file itself"))
                return nil
            }
        } else if entry.st_mode & S_IFMT != S_IFREG {
            return nil
        }
        return (relative, url)
    }

    public func read(_ url: URL, path: String, into diagnostics: inout [Diagnostic]) -> SourceFile? {
        SourceFile.read(url, path: path, into: &diagnostics)
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
