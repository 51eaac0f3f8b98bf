import Testing

@testable import BamasoServe

@Suite struct ContentTypeTests {
    @Test(
        "each kind of file a site holds gets the type a browser expects",
        arguments: [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("data.json", "application/json; charset=utf-8"),
            ("logo.svg", "image/svg+xml"),
            ("photo.PNG", "image/png"),
            ("photo.jpg", "image/jpeg"),
            ("photo.webp", "image/webp"),
            ("talk-show-1.mp3", "audio/mpeg"),
            ("talk.ogg", "audio/ogg"),
            ("talk.m4a", "audio/mp4"),
            ("leaflet.pdf", "application/pdf"),
            ("iom-rwanda.vcf", "text/vcard; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("archive.bin", "application/octet-stream"),
        ])
    func contentType(name: String, expected: String) {
        #expect(ContentType.forFile(named: name) == expected)
    }
}
