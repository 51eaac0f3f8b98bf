import Foundation
import Testing

@testable import BamasoServe

@Suite struct OutputLookupTests {
    /// A built site: `index.html`, `en/index.html`, `style.css`, and an empty folder.
    static func site() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-lookup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("en/empty"), withIntermediateDirectories: true)
        for path in ["index.html", "en/index.html", "style.css"] {
            try Data(path.utf8).write(to: folder.appendingPathComponent(path))
        }
        return folder
    }

    @Test("a folder with a slash gives its index.html; without one, a redirect to the slash form")
    func folders() throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let real = try #require(OutputLookup.realPath(site.path))
        #expect(OutputLookup.resolve("/", in: site) == .file(URL(fileURLWithPath: real + "/index.html")))
        #expect(OutputLookup.resolve("/en/", in: site) == .file(URL(fileURLWithPath: real + "/en/index.html")))
        #expect(OutputLookup.resolve("/en", query: "a=1", in: site) == .redirect(location: "/en/?a=1"))
        #expect(OutputLookup.resolve("/en/empty/", in: site) == .notFound)
        #expect(OutputLookup.resolve("/st%79le.css", in: site) == .file(URL(fileURLWithPath: real + "/style.css")))
    }

    @Test(
        "anything that climbs out, or hides, is not found",
        arguments: [
            "/..", "/../", "/en/..", "/%2e%2e/", "/.%2E/", "/en/%2e%2e%2f%2e%2e%2f", "/.hidden", "/en\\..\\",
            "/en%5c..%5c", "/style.css%00", "/%ZZ", "relative",
        ])
    func refused(path: String) throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        try Data("secret".utf8).write(to: site.appendingPathComponent(".hidden"))
        #expect(OutputLookup.resolve(path, in: site) == .notFound)
    }
}

@Suite struct LiveReloadTests {
    @Test("the script goes just before the last </body>, whatever its case, or at the end")
    func injection() {
        let script = LiveReload.script(generation: 7)
        #expect(
            LiveReload.inject(into: "<p>a</p></BODY></html>", generation: 7) == "<p>a</p>" + script + "</BODY></html>")
        #expect(LiveReload.inject(into: "<p>no body</p>", generation: 7) == "<p>no body</p>" + script)
        #expect(script.contains("new EventSource(\"/__bamaso/live-reload?since=7\")"))
    }

    @Test("every subscriber hears a reload; a finished stream ends")
    func broadcast() async {
        let reload = LiveReload()
        let first = reload.subscribe()
        let second = reload.subscribe()
        #expect(reload.subscriberCount == 2)
        reload.send(.reload(generation: 3))
        reload.finishAll()
        var heard: [[LiveReload.Message]] = []
        for stream in [first, second] {
            var messages: [LiveReload.Message] = []
            for await message in stream { messages.append(message) }
            heard.append(messages)
        }
        #expect(heard == [[.reload(generation: 3)], [.reload(generation: 3)]])
        #expect(LiveReload.event(.reload(generation: 3)) == "event: reload\ndata: 3\n\n")
    }
}

@Suite struct PreviewPagesTests {
    @Test("the error page escapes what the editor wrote, and keeps listening for the fix")
    func errorPageEscapes() {
        let html = PreviewPages.errorPage(
            [
                .error(
                    at: .init(path: "content/risks/<a>.en.md", line: 4, column: 2), "unknown key '<script>'",
                    hint: "use \"title\" & co"),
                .warning(at: .init(path: "content/notes.txt"), "this file is not a page"),
            ], generation: 5)
        #expect(html.contains("<h1>The site has 1 error</h1>"))
        #expect(html.contains("<p class=\"where\">content/risks/&lt;a&gt;.en.md, line 4, column 2</p>"))
        #expect(html.contains("unknown key &#39;&lt;script&gt;&#39;"))
        #expect(html.contains("use &quot;title&quot; &amp; co"))
        #expect(html.contains("<h2>1 warning</h2>"))
        #expect(!html.contains("<script>'"))
        #expect(html.contains("live-reload?since=5"))
    }
}
