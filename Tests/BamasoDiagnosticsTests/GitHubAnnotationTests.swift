import BamasoDiagnostics
import Testing

@Suite struct GitHubAnnotationTests {
    @Test("an error becomes ::error with file, line and column, the hint on a second line")
    func errorWithHint() {
        let diagnostic = Diagnostic.error(
            at: FileLocation(path: "content/risks/fake-job-offers.en.md", line: 7, column: 12),
            "'@/risks/forced-labor' links to a page that does not exist",
            hint: "did you mean '@/risks/forced-labour'?")
        #expect(
            diagnostic.githubAnnotation() == "::error file=content/risks/fake-job-offers.en.md,line=7,col=12::"
                + "'@/risks/forced-labor' links to a page that does not exist%0Adid you mean '@/risks/forced-labour'?")
    }

    @Test("a warning becomes ::warning; the project folder is put before the path")
    func warningWithPrefix() {
        let diagnostic = Diagnostic.warning(
            at: FileLocation(path: "content/notes.txt"),
            "this file is not a page and is not published")
        #expect(
            diagnostic.githubAnnotation(pathPrefix: "site/")
                == "::warning file=site/content/notes.txt,line=1,col=1::this file is not a page and is not published")
    }

    @Test("%, CR and LF are escaped in the message; in the file name also : and ,")
    func escaping() {
        let diagnostic = Diagnostic.error(
            at: FileLocation(path: "content/a:b,c%.en.md", line: 2, column: 3), "100% wrong\r\nreally")
        #expect(
            diagnostic.githubAnnotation()
                == "::error file=content/a%3Ab%2Cc%25.en.md,line=2,col=3::100%25 wrong%0D%0Areally")
    }
}
