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
    /// The templates `specialized(sharing:)` may change.
    let specializable: [String: Specializable]

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

    /// What every template is compiled behind: escaping by `TemplateEscaping`. On a line of its
    /// own, which the parser drops as it drops any standalone tag, so the template's own text is
    /// read exactly as before; only its line numbers move by one.
    static let pragma = "{{% CONTENT_TYPE: \(TemplateEscaping.name)}}\n"

    /// Compiles every template; syntax errors are reported at their file, line and column.
    public static func load(_ project: LoadedProject, into diagnostics: inout [Diagnostic]) -> TemplateSet? {
        load(project.templates, into: &diagnostics)
    }

    /// Compiles `files`, the `.mustache` files under `templates/`.
    public static func load(_ files: [SourceFile], into diagnostics: inout [Diagnostic]) -> TemplateSet? {
        var library = MustacheLibrary()
        var names = Set<String>()
        var paths: [String: String] = [:]
        var sources: [String: String] = [:]
        var ok = true
        for file in files {
            let name = String(file.path.dropFirst("templates/".count).dropLast(".mustache".count))
                .replacingOccurrences(of: "/", with: ".")
            do {
                library.register(try MustacheTemplate(string: Self.pragma + file.text), named: name)
                names.insert(name)
                paths[name] = file.path
                sources[name] = file.text
            } catch let error as MustacheTemplate.ParserError {
                // The pragma's line is not the editor's: lines count from the one after it.
                var location = FileLocation(
                    path: file.path, line: error.context.lineNumber - 1, column: error.context.columnNumber)
                var (message, hint) = describe(error.error)
                // The parser notices a missing {{/name}} only at the end of the file; point at
                // the section that is never closed instead.
                if case .expectedSectionEnd = error.error as? MustacheTemplate.Error,
                    let open = TemplateTag.scan(file.text).flatMap(TemplateTag.unclosedSection(in:))
                {
                    location = FileLocation(path: file.path, line: open.line, column: open.column)
                    message = "\(open.spelling) opens a section that is never closed"
                    hint = "add {{/\(open.name)}} where the section ends"
                }
                // Say which section is still open where another one is closed.
                if case .sectionCloseNameIncorrect = error.error as? MustacheTemplate.Error,
                    let (close, open) = TemplateTag.scan(file.text).flatMap(TemplateTag.mismatchedClose(in:))
                {
                    location = FileLocation(path: file.path, line: close.line, column: close.column)
                    message =
                        "\(close.spelling) closes a section, but \(open.spelling) from line \(open.line) is still open"
                    hint = "add {{/\(open.name)}} before it, or correct the name"
                }
                diagnostics.append(.error(at: location, "template syntax error: \(message)", hint: hint))
                ok = false
            } catch {
                diagnostics.append(.error(at: FileLocation(path: file.path), "template syntax error: \(error)"))
                ok = false
            }
        }
        // A partial or parent that does not exist renders as nothing: report it instead.
        for file in files {
            for tag in TemplateTag.scan(file.text) ?? []
            where (tag.sigil == ">" || tag.sigil == "<")
                && !tag.name.hasPrefix("*") && !names.contains(tag.name)
            {
                let path = "templates/" + tag.name.replacingOccurrences(of: ".", with: "/") + ".mustache"
                diagnostics.append(
                    .error(
                        at: FileLocation(path: file.path, line: tag.line, column: tag.column),
                        "\(tag.spelling) names the template \(path), which does not exist",
                        hint: Suggestion.didYouMean(tag.name, in: names) ?? "restore it from git, or correct the name"))
                ok = false
            }
        }
        for name in requiredNames where !names.contains(name) {
            let path = "templates/" + name.replacingOccurrences(of: ".", with: "/") + ".mustache"
            if diagnostics.contains(where: { $0.location.path == path }) { continue }
            diagnostics.append(
                .error(
                    at: FileLocation(path: path), "the template \(path) is missing",
                    hint: "restore it from git: every build needs it"))
            ok = false
        }
        return ok
            ? TemplateSet(
                library: library, names: names, paths: paths,
                specializable: specializable(sources, layouts: PageKind.allCases.map(layout(for:)))) : nil
    }

    /// What is wrong, and how to fix it.
    private static func describe(_ error: Error) -> (String, String) {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect:
            (
                "a section is closed with a different name than it was opened with",
                "close each section with the name it was opened with: {{#name}} ... {{/name}}"
            )
        case .unfinishedName: ("a tag is not finished; it needs }}", "end the tag with }}")
        case .expectedSectionEnd:
            ("a section is never closed", "check that every {{#section}} and {{$block}} is closed with {{/name}}")
        case .invalidSetDelimiter: ("the delimiter change is badly written", "write it as {{=<% %>=}}")
        case .some(let other): ("\(other)", "check the {{...}} tags on this line")
        case nil: ("\(error)", "check the {{...}} tags on this line")
        }
    }

    /// Renders the template `name` (`layouts.risk`); "" when there is no such template.
    public func render(_ context: [String: Any], with name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    func render(_ values: TemplateValues, with name: String) -> String {
        library.render(values, withTemplate: name) ?? ""
    }
}
