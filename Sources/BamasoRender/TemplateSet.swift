import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import Foundation
import Mustache

/// The theme's Mustache templates, compiled, by name: `layouts.risk`, `partials.head`,
/// `components.table` (the path under `templates/` without `.mustache`, `/` written as `.`,
/// because swift-mustache does not allow `/` in the name that closes `{{<layouts.base}}`).
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    public let names: Set<String>
    /// Which file each template came from, for error messages.
    public let paths: [String: String]

    /// The layout each kind of page is rendered with.
    public static func layout(for kind: PageKind) -> String {
        switch kind {
        case .home: "layouts.home"
        case .section: "layouts.section"
        case .risk: "layouts.risk"
        case .school: "layouts.school"
        case .radio: "layouts.radio"
        case .contact: "layouts.contact"
        case .plain: "layouts.page"
        }
    }

    public static var requiredNames: [String] {
        ["layouts.base", "layouts.landing", "layouts.404", "layouts.booklet"] + PageKind.allCases.map(layout(for:))
            + ["components.table", "components.contact", "components.callout", "components.audio"]
    }

    /// Compiles every template; syntax errors are reported at their file, line and column.
    public static func load(_ project: LoadedProject, into diagnostics: inout [Diagnostic]) -> TemplateSet? {
        var library = MustacheLibrary()
        var names = Set<String>()
        var paths: [String: String] = [:]
        var ok = true
        for file in project.templates {
            let name = String(file.path.dropFirst("templates/".count).dropLast(".mustache".count))
                .replacingOccurrences(of: "/", with: ".")
            do {
                library.register(try MustacheTemplate(string: file.text), named: name)
                names.insert(name)
                paths[name] = file.path
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error(
                    at: FileLocation(path: file.path, line: error.context.lineNumber, column: error.context.columnNumber),
                    "template syntax error: \(describe(error.error))",
                    hint: "check that every {{#section}} and {{$block}} is closed with {{/name}} of the same name"))
                ok = false
            } catch {
                diagnostics.append(.error(at: FileLocation(path: file.path), "template syntax error: \(error)"))
                ok = false
            }
        }
        for name in requiredNames where !names.contains(name) {
            let path = "templates/" + name.replacingOccurrences(of: ".", with: "/") + ".mustache"
            if diagnostics.contains(where: { $0.location.path == path }) { continue }
            diagnostics.append(.error(at: FileLocation(path: path), "the template \(path) is missing",
                                      hint: "restore it from git: every build needs it"))
            ok = false
        }
        return ok ? TemplateSet(library: library, names: names, paths: paths) : nil
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
        case .unfinishedName: "a tag is not finished; it needs }}"
        case .expectedSectionEnd: "a section is never closed"
        case .invalidSetDelimiter: "the delimiter change is badly written"
        case .some(let other): "\(other)"
        case nil: "\(error)"
        }
    }

    /// Renders the template `name` (`layouts.risk`); "" when there is no such template.
    public func render(_ context: [String: Any], with name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
