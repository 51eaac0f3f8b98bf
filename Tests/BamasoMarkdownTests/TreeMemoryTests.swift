import BamasoMarkdown
import Foundation
import Testing

/// cmark keeps each tree in memory of the thread that reads it, taken back when the tree is done.
/// Whatever the size of a body, and when a component's body is rendered while the page's tree is
/// still being worked on, the HTML must be what cmark writes.
@Suite struct TreeMemoryTests {
    /// A body of `count` paragraphs, with the HTML cmark writes for it.
    private func body(paragraphs count: Int) -> (markdown: String, html: String) {
        var markdown = ""
        var html = ""
        for index in 0..<count {
            markdown += "Paragraph \(index) is *about* [item \(index)](https://example.org/\(index)) & more.\n\n"
            html += "<p>Paragraph \(index) is <em>about</em> <a href=\"https://example.org/\(index)\">item \(index)</a>"
            html += " &amp; more.</p>\n"
        }
        return (markdown, html)
    }

    @Test("a small body and one of several hundred kilobytes come out as cmark writes them", arguments: [1, 40, 6_000])
    func sizes(paragraphs: Int) {
        let (markdown, html) = body(paragraphs: paragraphs)
        let document = Markdown.scan(markdown)
        #expect(document.links.count == paragraphs)
        #expect(Markdown.render(document, link: { _ in nil }, component: { _ in "" }) == html)
        #expect(Markdown.renderTree(document, link: { _ in nil }, component: { _ in "" }) == html)
    }

    @Test(
        "a component's body rendered while the page's tree is worked on leaves the page's tree whole",
        arguments: [(3, 60), (3_000, 2)])
    func nested(noteParagraphs: Int, pageParagraphs: Int) {
        let (inner, innerHTML) = body(paragraphs: noteParagraphs)
        let (after, afterHTML) = body(paragraphs: pageParagraphs)
        let page = Markdown.scan("Before.\n\n```note\n```\n\n" + after)
        let note = Markdown.scan(inner)
        let html = Markdown.renderTree(
            page, link: { _ in nil },
            component: { _ in Markdown.renderTree(note, link: { _ in nil }, component: { _ in "" }) })
        #expect(html == "<p>Before.</p>\n" + innerHTML + afterHTML)
    }

    @Test("bodies read at once on several threads each come out whole")
    func threads() async {
        let bodies = (1...8).map { body(paragraphs: $0 * 300) }
        await withTaskGroup(of: Bool.self) { group in
            for (markdown, html) in bodies {
                group.addTask {
                    Markdown.render(Markdown.scan(markdown), link: { _ in nil }, component: { _ in "" }) == html
                }
            }
            for await same in group { #expect(same) }
        }
    }
}
