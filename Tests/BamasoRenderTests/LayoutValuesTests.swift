import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import BamasoResolve
import Foundation
import Testing

@testable import BamasoRender

/// The theme and the page contexts agree: every value a layout names at its top level (outside
/// any section, where a name is the page's) is one that pages of its kind have. A name no page
/// has renders as nothing, silently: a misspelt `{{titel}}`, or a value renamed in the code.
@Suite struct LayoutValuesTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The contexts of every page of the repository's own site and of the basic fixture (which
    /// has a recording and every kind of component), by kind, with the feeds' address known.
    static func contexts() throws -> (
        theme: Theme, pages: [PageKind: [TemplateValues]], made: [String: [TemplateValues]]
    ) {
        var pages: [PageKind: [TemplateValues]] = [:]
        var made: [String: [TemplateValues]] = [:]
        var theme: Theme?
        for content in ["content", "Tests/BamasoSiteTests/Fixtures/basic/content"] {
            var diagnostics: [Diagnostic] = []
            let root = try fixture(content: content)
            defer { try? FileManager.default.removeItem(at: root) }
            let project = try #require(ProjectLoader.load(root: root, into: &diagnostics))
            let parsed = PageParser.parse(project, into: &diagnostics)
            let site = Resolver.resolve(parsed, into: &diagnostics)
            let loaded = try #require(
                Theme.load(
                    ThemeFiles(project), languages: site.site.languageList, into: &diagnostics
                ))
            #expect(diagnostics.filter { $0.severity == .error } == [])
            let environment = RenderEnvironment(
                site: site, theme: loaded, options: .init(baseURL: "https://example.org/"))
            let renderer = Renderer(environment, log: nil)
            for page in site.pages { pages[page.page.kind, default: []].append(renderer.context(for: page)) }
            for language in site.site.languages {
                if let path = renderer.feeds(language).booklet {
                    made["layouts.booklet", default: []].append(
                        Booklet(renderer: renderer, language: language).values(at: path))
                }
            }
            made["layouts.landing", default: []].append(renderer.landingContext())
            made["layouts.404", default: []].append(renderer.notFoundContext())
            theme = loaded
        }
        return (try #require(theme), pages, made)
    }

    /// A project folder with the repository's templates and `content`.
    static func fixture(content: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent(content),
            to: root.appendingPathComponent("content"))
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("templates"),
            to: root.appendingPathComponent("templates"))
        return root
    }

    /// The names `template` reads at its top level, with where, through the partials and the
    /// parent it includes there.
    static func topLevelNames(of template: String, in files: [String: SourceFile]) -> [(name: String, at: String)] {
        var names: [(String, String)] = []
        var visited = Set<String>()
        func visit(_ name: String) {
            guard visited.insert(name).inserted, let file = files[name] else { return }
            for tag in TemplateTag.scan(file.text) ?? [] where tag.depth == 0 {
                switch tag.sigil {
                case ">", "<": visit(tag.name)
                case nil, "&", "{", "#", "^":
                    // `{{#empty(date)}}` reads `date`; `{{t.menu}}` reads `t`.
                    var read = Substring(tag.name)
                    if let open = read.firstIndex(of: "("), read.last == ")" {
                        read = read[read.index(after: open)..<read.index(before: read.endIndex)]
                    }
                    if let first = read.split(separator: ".").first, read != "." {
                        names.append((String(first), "\(file.path):\(tag.line): \(tag.spelling)"))
                    }
                default: continue
                }
            }
        }
        visit(template)
        return names
    }

    @Test("every value a context has is declared for its layout")
    func contextsHaveOnlyDeclaredValues() throws {
        let (_, pages, made) = try Self.contexts()
        #expect(Set(pages.keys) == Set(PageKind.allCases), "every kind of page is in the sites the test renders")
        var layouts = made
        for (kind, contexts) in pages { layouts[TemplateSet.layout(for: kind), default: []] += contexts }
        for (layout, contexts) in layouts.sorted(by: { $0.key < $1.key }) {
            let declared = try #require(LayoutValues.names(ofLayout: layout))
            let undeclared = Set(contexts.flatMap(\.values.keys)).subtracting(declared)
            #expect(undeclared == [], "\(layout): add them to LayoutValues")
        }
    }

    @Test("every value a template names at its top level is one some page of a layout using it may have")
    func templatesNameOnlyDeclaredValues() throws {
        let (theme, _, _) = try Self.contexts()
        let files = Dictionary(
            uniqueKeysWithValues: theme.files.templates.map { file in
                (
                    String(file.path.dropFirst("templates/".count).dropLast(".mustache".count))
                        .replacingOccurrences(of: "/", with: "."), file
                )
            })
        // Each name at each place, with the values of every layout that reaches it: a partial
        // shared by all layouts may name a value only contact pages have.
        var reaching: [String: (name: String, declared: Set<String>)] = [:]
        for layout in TemplateSet.requiredNames where layout.hasPrefix("layouts.") && layout != "layouts.base" {
            let declared = try #require(LayoutValues.names(ofLayout: layout))
            for (name, place) in Self.topLevelNames(of: layout, in: files) {
                reaching[place, default: (name, [])].declared.formUnion(declared)
            }
        }
        for (place, use) in reaching.sorted(by: { $0.key < $1.key }) where !use.declared.contains(use.name) {
            Issue.record("\(place): no page of a layout that uses it has a value '\(use.name)'")
        }
        #expect(!reaching.isEmpty)
    }

    @Test("a misspelt name in a layout is found")
    func misspeltNameIsFound() {
        let files = [
            "layouts.risk": SourceFile(
                path: "templates/layouts/risk.mustache",
                text: "{{<layouts.base}}{{$main}}<h1>{{titel}}</h1>{{/main}}{{/layouts.base}}"),
            "layouts.base": SourceFile(
                path: "templates/layouts/base.mustache",
                text: "<title>{{head_title}}</title>{{#children}}{{x}}{{/children}}"),
        ]
        let names = Self.topLevelNames(of: "layouts.risk", in: files).map(\.name)
        #expect(names.sorted() == ["children", "head_title", "titel"])
    }
}
