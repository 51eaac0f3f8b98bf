import BamasoLoad
import BamasoSite
import BamasoSupport
import Foundation
import Testing

@testable import BamasoServe

/// The preview server over real HTTP on a free loopback port.
@Suite(.serialized) struct PreviewServerTests {
    /// The theme's stylesheet as published: its name carries its contents' fingerprint.
    static func stylesheet(of preview: RunningPreview) -> String {
        let css = (try? Data(contentsOf: preview.root.appendingPathComponent("templates/static/style.css"))) ?? Data()
        return "/style.\(Fingerprint.hex(of: css).prefix(8)).css"
    }

    /// Starts a preview, runs `body`, and always stops the preview.
    func withPreview(_ body: (RunningPreview) async throws -> Void) async throws {
        let preview = try await RunningPreview.start()
        do {
            try await body(preview)
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    @Test("pages, folders, styles and audio are served as a web server would")
    func servesTheSite() async throws {
        try await withPreview { preview in
            let output = try #require(preview.output)

            let page = try await preview.get("/en/")
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.text.contains("<html lang=\"en\">"))
            // The reload script is in what the browser gets, before </body>, never in the built file.
            let built = try String(contentsOf: output.appendingPathComponent("en/index.html"), encoding: .utf8)
            #expect(!built.contains("EventSource"))
            #expect(page.text.contains("new EventSource(\"/__bamaso/live-reload?since=1\")"))
            #expect(page.text.hasSuffix("</script>\n</body>\n</html>\n"))
            #expect(page.text.replacingOccurrences(of: LiveReload.script(generation: 1), with: "") == built)

            let landing = try await preview.get("/")
            #expect(landing.status == 200)
            #expect(landing.text.contains("href=\"/rw/\""))

            let folder = try await preview.get("/en/risks")
            #expect(folder.status == 301)
            #expect(folder.headers["location"] == "/en/risks/")
            #expect(try await preview.get("/en/risks?page=2").headers["location"] == "/en/risks/?page=2")
            // Never a protocol-relative address, which would lead to another site.
            #expect(try await preview.get("//en").headers["location"] == "/en/")

            let stylesheet = Self.stylesheet(of: preview)
            let style = try await preview.get(stylesheet)
            #expect(style.status == 200)
            #expect(style.headers["content-type"] == "text/css; charset=utf-8")
            #expect(
                style.body == (try Data(contentsOf: preview.root.appendingPathComponent("templates/static/style.css"))))

            let audio = try await preview.get("/media/talk-show-1.mp3")
            #expect(audio.status == 200)
            #expect(audio.headers["content-type"] == "audio/mpeg")
            #expect(
                audio.body
                    == (try Data(contentsOf: preview.root.appendingPathComponent("content/media/talk-show-1.mp3"))))

            let head = try await preview.get("/en/", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == String(page.body.count))
            #expect(head.body.isEmpty)
            #expect(try await preview.get("/en/", method: "POST").status == 405)

            // The preview builds into its own folder: the project's public/ is never touched.
            #expect(!FileManager.default.fileExists(atPath: preview.root.appendingPathComponent("public").path))
        }
    }

    @Test("a missing page answers 404 with the site's 404.html, or a page in both languages")
    func notFound() async throws {
        try await withPreview { preview in
            let output = try #require(preview.output)
            let response = try await preview.get("/en/no-such-page/")
            #expect(response.status == 404)
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.text.contains("EventSource"))
            if let own = try? String(contentsOf: output.appendingPathComponent("404.html"), encoding: .utf8) {
                #expect(response.text.replacingOccurrences(of: LiveReload.script(generation: 1), with: "") == own)
            } else {
                #expect(response.text.contains("<h1>Page not found</h1>"))
                #expect(response.text.contains("<a href=\"/\">"))
            }
            #expect(try await preview.get(Self.stylesheet(of: preview) + "/").status == 404)
        }
    }

    @Test("no path leads outside the built site: .., %2e%2e, backslashes, NUL, links pointing out")
    func refusesTraversal() async throws {
        try await withPreview { preview in
            let output = try #require(preview.output)
            let secret = "TOP SECRET \(UUID().uuidString)"
            let outside = output.deletingLastPathComponent()
            try secret.write(to: outside.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
            let files = FileManager.default
            try files.createSymbolicLink(
                at: output.appendingPathComponent("link-out.txt"),
                withDestinationURL: outside.appendingPathComponent("secret.txt"))
            try files.createSymbolicLink(at: output.appendingPathComponent("en/link-up"), withDestinationURL: outside)

            let attempts = [
                "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/en/../../secret.txt",
                "/en/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/.%2e/secret.txt",
                "/..%5csecret.txt", "/%5c..%5csecret.txt", "/secret.txt%00.html", "/en%00/",
                "/link-out.txt", "/en/link-up/secret.txt", "/en/link-up/",
                "/../../../../../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            ]
            for path in attempts {
                let response = try await preview.get(path)
                #expect([400, 403, 404].contains(response.status), "\(path) answered \(response.status)")
                #expect(!response.text.contains(secret), "\(path) served the file outside the site")
                #expect(!response.text.contains("root:x:0:0"), "\(path) served /etc/passwd")
            }
        }
    }

    @Test("a saved change to a content file is on the page after the rebuild, which reads only that file")
    func changeIsReflected() async throws {
        try await withPreview { preview in
            let path = "/en/risks/fake-job-offers/"
            #expect(try await preview.get(path).text.contains("<h1>Fake job offers</h1>"))

            try preview.edit(
                "content/risks/fake-job-offers.en.md",
                replacing: "title: \"Fake job offers\"", with: "title: \"Job offers that lie\"")

            try await preview.waitUntil("the page shows the new title") {
                try await preview.get(path).text.contains("<h1>Job offers that lie</h1>")
            }
            try await preview.waitUntil("the rebuild is reported") { preview.builds.count == 2 }
            let rebuild = try #require(preview.builds.last)
            #expect(rebuild.statistics.computed == 1)
            #expect(rebuild.statistics.reused == (preview.builds.first?.statistics.computed ?? 0) - 1)
        }
    }

    @Test("the event stream tells open pages to reload after a rebuild")
    func eventStreamSendsReload() async throws {
        try await withPreview { preview in
            let http = preview.http
            let stream = try http.open("/__bamaso/live-reload?since=1")
            defer { stream.disconnect() }
            #expect(try await offThePool { stream.waitFor("retry: 1000", timeout: .seconds(10)) })
            #expect(stream.receivedText.lowercased().contains("content-type: text/event-stream"))
            #expect(!stream.receivedText.contains("event: reload"))

            try preview.edit("content/risks/forced-labour.en.md", replacing: "title:", with: "title: Changed")
            #expect(try await offThePool { stream.waitFor("event: reload\ndata: 2\n\n", timeout: .seconds(20)) })

            // A page from before the latest build is told to reload at once.
            let late = try http.open("/__bamaso/live-reload?since=1")
            defer { late.disconnect() }
            #expect(try await offThePool { late.waitFor("event: reload\ndata: 2\n\n", timeout: .seconds(10)) })
        }
    }

    @Test("a bad edit shows each error with file, line and message; fixing it brings the page back")
    func errorPage() async throws {
        try await withPreview { preview in
            let file = "content/risks/fake-job-offers.en.md"
            let path = "/en/risks/fake-job-offers/"
            try preview.edit(
                file, replacing: "title: \"Fake job offers\"",
                with: "title: \"Fake job offers\"\n<b>weight</b>: 3")

            try await preview.waitUntil("the page is replaced by the errors") {
                try await preview.get(path).status == 500
            }
            let page = try await preview.get(path)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.text.contains("<h1>The site has 1 error</h1>"))
            #expect(page.text.contains("<p class=\"where\">content/risks/fake-job-offers.en.md, line 3, column 1</p>"))
            // The editor's text is shown, never run as HTML.
            #expect(page.text.contains("unknown key &#39;&lt;b&gt;weight&lt;/b&gt;&#39;"))
            #expect(!page.text.contains("<b>weight</b>"))
            #expect(page.text.contains("EventSource"))
            // Any other page shows the errors too; styles and media come from the last good build.
            #expect(try await preview.get("/rw/").status == 500)
            #expect(try await preview.get(Self.stylesheet(of: preview)).status == 200)

            try preview.edit(file, replacing: "\n<b>weight</b>: 3", with: "")
            try await preview.waitUntil("the page is back") {
                let response = try await preview.get(path)
                return response.status == 200 && response.text.contains("<h1>Fake job offers</h1>")
            }
        }
    }

    @Test("stopping ends open event streams and removes the private build folder")
    func stopsCleanly() async throws {
        let preview = try await RunningPreview.start()
        let output = try #require(preview.output)
        let stream = try preview.http.open("/__bamaso/live-reload")
        defer { stream.disconnect() }
        #expect(try await offThePool { stream.waitFor("retry: 1000", timeout: .seconds(10)) })

        let started = ContinuousClock.now
        await preview.stop()

        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(try await offThePool { stream.waitForClose(timeout: .seconds(5)) })
        #expect(!FileManager.default.fileExists(atPath: output.deletingLastPathComponent().path))
    }
}
