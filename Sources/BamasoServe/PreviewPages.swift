import BamasoDiagnostics
import BamasoRender

/// The pages the preview server makes itself: the list of a failed build's problems, and a
/// 404 page for a site that has none of its own.
enum PreviewPages {
    /// Shown instead of any page while the latest build has errors. Each problem gives the
    /// file, line, column and message; the page reloads by itself once the file is fixed.
    static func errorPage(_ diagnostics: [Diagnostic], generation: Int) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let warnings = diagnostics.filter { $0.severity == .warning }
        let heading = errors.count == 1 ? "The site has 1 error" : "The site has \(errors.count) errors"
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(heading): not rebuilt</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 50rem; padding: 1rem; \
            line-height: 1.5; color: #1a1a1a; }
            h1 { color: #a4000f; font-size: 1.6rem; }
            li { margin-bottom: 1rem; }
            .where { font-family: ui-monospace, monospace; font-weight: bold; }
            .error .severity { color: #a4000f; }
            .warning .severity { color: #7a4d00; }
            .hint { color: #3d3d3d; }
            </style>
            </head>
            <body>
            <main>
            <h1>\(heading)</h1>
            <p>The preview still shows the last good build for images and styles, but no page until every error is \
            fixed. Fix the file and save it: this page reloads by itself.</p>

            """
        html += list(errors)
        if !warnings.isEmpty {
            html += "<h2>\(warnings.count == 1 ? "1 warning" : "\(warnings.count) warnings")</h2>\n" + list(warnings)
        }
        html += "</main>\n" + LiveReload.script(generation: generation) + "</body>\n</html>\n"
        return html
    }

    private static func list(_ diagnostics: [Diagnostic]) -> String {
        var html = "<ol>\n"
        for diagnostic in diagnostics {
            let location = diagnostic.location
            html += "<li class=\"\(diagnostic.severity.rawValue)\">"
            html += "<p class=\"where\">\(escape(location.path)), line \(location.line), column \(location.column)</p>"
            html +=
                "<p><span class=\"severity\">\(diagnostic.severity.rawValue):</span> \(escape(diagnostic.message))</p>"
            if let hint = diagnostic.hint { html += "<p class=\"hint\">\(escape(hint))</p>" }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }

    /// For a site without its own `404.html` (the build writes one, so only before the first
    /// build): the preview's own words, in English, with a way back to the landing page.
    static func notFoundPage(generation: Int) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Page not found</title>
        <style>body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; \
        line-height: 1.5; }</style>
        </head>
        <body>
        <main>
        <h1>Page not found</h1>
        <p><a href="/">Choose a language</a></p>
        </main>
        \(LiveReload.script(generation: generation))</body>
        </html>

        """
    }

    /// Text safe inside HTML elements and attribute values.
    static func escape(_ text: String) -> String { Escape.html(text) }
}
