import BamasoSite
import Foundation
import Testing

/// A fixture project copied into a temporary folder together with the repository's real theme,
/// so tests build exactly what staff would build.
struct FixtureSite {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    let root: URL

    /// Copies `Fixtures/NAME/content` (or the repository's own `content/` when `name` is nil)
    /// and the repository's `templates/` into a new temporary folder.
    init(_ name: String?) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("bamaso-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let content =
            name.map { Self.testsFolder.appendingPathComponent("Fixtures/\($0)/content") }
            ?? Self.repositoryRoot.appendingPathComponent("content")
        try FileManager.default.copyItem(at: content, to: root.appendingPathComponent("content"))
        try FileManager.default.copyItem(
            at: Self.repositoryRoot.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        // A fixture's own templates (the string files of its other languages) are laid over the theme.
        if let name {
            try Self.overlay(Self.testsFolder.appendingPathComponent("Fixtures/\(name)/templates"), on: root)
        }
    }

    /// Copies every file under `templates` to the same place under `root`'s `templates/`.
    static func overlay(_ templates: URL, on root: URL) throws {
        let files = FileManager.default
        guard let enumerator = files.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey])
        else { return }
        let prefix = templates.standardizedFileURL.path + "/"
        while let url = enumerator.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            let target = root.appendingPathComponent("templates/" + relative)
            try files.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? files.removeItem(at: target)
            try files.copyItem(at: url, to: target)
        }
    }

    var output: URL { root.appendingPathComponent("public") }

    func build(baseURL: String? = nil, includeDrafts: Bool = false) -> BuildReport {
        Site.build(BuildOptions(root: root, baseURL: baseURL, includeDrafts: includeDrafts))
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Every file of the output, by path relative to it, sorted.
    func outputFiles() -> [String] {
        let prefix = output.path + "/"
        let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: [.isRegularFileKey])
        var paths: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                paths.append(String(url.standardizedFileURL.path.dropFirst(prefix.count)))
            }
        }
        return paths.sorted()
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// The values of every `href` and `src` attribute in an HTML text, with the character
    /// references Mustache writes (`&amp;`, `&#39;`, `&quot;`) decoded.
    static func links(in html: String) -> [String] {
        let pattern = /(?:href|src)="([^"]*)"/
        return html.matches(of: pattern).map {
            String($0.output.1).replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(
                of: "&quot;", with: "\""
            )
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        }
    }
}
