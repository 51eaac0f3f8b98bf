import BamasoDiagnostics
import BamasoLoad
import BamasoParse
import Foundation
import Testing

/// What cmark's safe mode would drop without a word is an error the editor sees.
@Suite struct UnpublishedContentTests {
    static let path = "content/risks/fake-job-offers.en.md"
    static let html =
        "write it in Markdown, or with a component (table, callout, contact, audio); to show HTML code as text, "
        + "put it between backticks"

    func check(_ body: String) -> [Diagnostic] {
        parse(Self.path, "---\ntitle: A\nkey_message: B\n---\n" + body).diagnostics
    }

    @Test("raw HTML, a block or inline, is an error at its line; a closing tag is not reported again")
    func rawHTML() {
        #expect(
            check("<div class=\"box\">\nText\n</div>\n\nA <b>bold</b> word.\n") == [
                .error(
                    at: FileLocation(path: Self.path, line: 5, column: 1),
                    "HTML is not published, only Markdown: '<div class=\"box\">'", hint: Self.html),
                .error(
                    at: FileLocation(path: Self.path, line: 9, column: 3),
                    "HTML is not published, only Markdown: '<b>'", hint: Self.html),
            ])
    }

    @Test("a long piece of HTML is quoted shortly")
    func longHTML() {
        let tag = "<iframe src=\"https://www.youtube.com/embed/abcdefghijk\" width=\"560\">"
        #expect(
            check(tag + "</iframe>\n").map(\.message)
                == ["HTML is not published, only Markdown: '<iframe src=\"https://www.youtube.com/emb…'"])
    }

    @Test(
        "comments, autolinks and HTML shown as code are fine",
        arguments: [
            "<!-- a note for other editors -->\n",
            "Text <!-- inline note --> more.\n",
            "<!--\nseveral\nlines\n-->\n",
            "See <https://www.iom.int/> or <iomrwanda@iom.int>.\n",
            "Write `<b>` for bold.\n",
            "```\n<script>alert(1)</script>\n```\n",
            "    <p>indented code</p>\n",
            "5 < 6 and a<b.\n",
        ])
    func allowed(body: String) {
        #expect(check(body) == [])
    }

    @Test(
        "links that could run code or point at one computer's files are errors",
        arguments: [
            (
                "[a](javascript:alert(1))",
                "'javascript:alert(1)' is not published: a 'javascript:' link could run a program in the visitor's "
                    + "browser"
            ),
            (
                "[a](JaVaScRiPt:alert(1))",
                "'JaVaScRiPt:alert(1)' is not published: a 'javascript:' link could run a program in the visitor's "
                    + "browser"
            ),
            (
                "![A photo](vbscript:x)",
                "'vbscript:x' is not published: a 'vbscript:' link could run a program in the visitor's browser"
            ),
            (
                "[a](file:///C:/Users/a.pdf)",
                "'file:///C:/Users/a.pdf' is not published: visitors cannot open a 'file:' link"
            ),
            (
                "[a](data:text/html;base64,PHNjcmlwdD4=)",
                "'data:text/html;base64,PHNjcmlwdD4=' is not published: visitors cannot open a 'data:' link"
            ),
        ])
    func unsafeLinks(link: String, message: String) {
        #expect(check(link + "\n").map(\.message) == [message])
    }

    @Test(
        "ordinary links and inline images are left alone",
        arguments: [
            "[a](https://www.iom.int/)", "[a](mailto:iomrwanda@iom.int)", "[a](tel:+250788311120)",
            "![A dot](data:image/png;base64,iVBORw0KGgo=)", "[a](@/risks)", "[a](/media/leaflet.pdf)",
            "[javascript](https://example.org/javascript:)",
        ])
    func safeLinks(link: String) {
        #expect(check(link + "\n") == [])
    }

    @Test(
        "a key that sets an address elsewhere says that the address comes from the file name",
        arguments: ["url", "slug", "permalink"])
    func addressKeys(key: String) {
        let (_, diagnostics) = parse(Self.path, "---\ntitle: A\nkey_message: B\n\(key): ../../index\n---\n")
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: Self.path, line: 4, column: 1),
                    "unknown key '\(key)' in the front matter of this risk message",
                    hint: "a page's address comes from its folder and file name; to change it, rename the file "
                        + "(lowercase letters, digits and hyphens)")
            ])
    }
}

/// Files the loader refuses before reading them.
@Suite struct ProjectFileTests {
    func project(_ change: (URL) throws -> Void) throws -> (diagnostics: [Diagnostic], paths: [String]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-load-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let site = "title: { rw: A, en: A }\nsections: [risks]\nquick_exit: { rw: https://a.rw, en: https://a.rw }\n"
        for (path, text) in [
            "content/site.yml": site,
            "templates/i18n/rw.yml": "a: b\n", "templates/i18n/en.yml": "a: b\n",
        ] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("content/risks"), withIntermediateDirectories: true)
        try change(root)
        var diagnostics: [Diagnostic] = []
        let project = ProjectLoader.load(root: root, into: &diagnostics)
        return (diagnostics, project?.contentFiles.map(\.path) ?? [])
    }

    @Test("a text file larger than the limit is refused without being read")
    func tooLarge() throws {
        let (diagnostics, paths) = try project { root in
            let url = root.appendingPathComponent("content/risks/big.en.md")
            #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: UInt64(SourceFile.maximumBytes + 1))  // a sparse file: no time, no disk
            try handle.close()
        }
        #expect(
            diagnostics.map(\.description) == [
                "content/risks/big.en.md:1:1: error: this file is 5.0 MB; bamaso reads text files of up to 5 MB; "
                    + "split the text into several pages, and put long documents in content/media/ as PDF files "
                    + "linked from a page"
            ])
        #expect(paths == [])
    }

    @Test("content files are found in nested folders; hidden files and folders, and pipes, are left out")
    func listing() throws {
        let (diagnostics, paths) = try project { root in
            let risks = root.appendingPathComponent("content/risks")
            for path in ["b.en.md", "a.rw.md", "deep/er/c.en.md", ".hidden.en.md", ".git/x.en.md", "deep/.y.en.md"] {
                let url = risks.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data("---\ntitle: A\n---\n".utf8).write(to: url)
            }
            #expect(mkfifo(risks.appendingPathComponent("pipe.en.md").path, 0o644) == 0)
        }
        #expect(diagnostics.map(\.description) == [])
        #expect(paths == ["content/risks/a.rw.md", "content/risks/b.en.md", "content/risks/deep/er/c.en.md"])
    }

    @Test("a file whose name is not UTF-8 is an error naming it, not a page left out unsaid")
    func nameNotUTF8() throws {
        let (diagnostics, paths) = try project { root in
            let name = Array(root.appendingPathComponent("content/risks/bad").path.utf8) + [0xFF] + Array(".en.md".utf8)
            let descriptor = open((name + [0]).map { CChar(bitPattern: $0) }, O_CREAT | O_WRONLY, 0o644)
            #expect(descriptor >= 0)
            close(descriptor)
        }
        #expect(
            diagnostics.map(\.description) == [
                "content/risks/bad\u{FFFD}.en.md:1:1: error: this name is not UTF-8 text, so it cannot be read; "
                    + "rename it, using lowercase letters a-z, digits and single hyphens"
            ])
        #expect(paths == [])
    }

    @Test("a folder that cannot be opened is an error naming it, not pages left out unsaid")
    func unreadableFolder() throws {
        // Root opens any folder whatever its permissions (and tests run as root in CI), so the
        // folder here is one whose path is longer than the system takes: made a level at a time.
        let level = String(repeating: "d", count: 200)
        var made: (root: URL, risks: URL)?
        defer {
            if let made {
                let risks = open(made.risks.path, O_RDONLY | O_DIRECTORY)
                Self.removeTree(level, in: risks)
                close(risks)
                try? FileManager.default.removeItem(at: made.root)
            }
        }
        let (diagnostics, _) = try project { root in
            let risks = root.appendingPathComponent("content/risks")
            made = (root, risks)
            try Data("---\ntitle: A\n---\n".utf8).write(to: risks.appendingPathComponent("a.en.md"))
            var folder = open(risks.path, O_RDONLY | O_DIRECTORY)
            for _ in 0..<(Int(PATH_MAX) / level.count + 1) {
                #expect(mkdirat(folder, level, 0o755) == 0)
                let next = openat(folder, level, O_RDONLY | O_DIRECTORY)
                close(folder)
                folder = next
            }
            close(openat(folder, "b.en.md", O_CREAT | O_WRONLY, 0o644))
            close(folder)
        }
        #expect(diagnostics.count == 1)
        let problem = try #require(diagnostics.first)
        #expect(problem.severity == .error)
        #expect(problem.location.path.hasPrefix("content/risks/" + level + "/" + level + "/"))
        #expect(problem.location.path.hasSuffix(level + "/"))
        #expect(
            problem.message == "this folder cannot be read (file name too long), so its files are not in the site")
    }

    /// Removes the folder `name` in the open folder `parent`, and all it holds, however deep
    /// (Foundation's `removeItem` works with whole paths, which stop at `PATH_MAX`).
    static func removeTree(_ name: String, in parent: Int32) {
        let folder = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
        if folder >= 0, let directory = fdopendir(folder) {
            var names: [String] = []
            while let item = readdir(directory) {
                let entry = withUnsafePointer(to: item.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
                }
                if entry != "." && entry != ".." { names.append(entry) }
            }
            for entry in names where unlinkat(folder, entry, 0) != 0 { removeTree(entry, in: folder) }
            closedir(directory)
        }
        unlinkat(parent, name, AT_REMOVEDIR)
    }

    @Test("links that lead nowhere, to themselves, outside, or to something that is not a file are errors")
    func links() throws {
        let (diagnostics, paths) = try project { root in
            let risks = root.appendingPathComponent("content/risks")
            try Data("---\ntitle: A\n---\n".utf8).write(to: risks.appendingPathComponent("real.en.md"))
            let links = [
                "gone.en.md": "nothing.en.md", "loop.en.md": "loop.en.md", "passwd.en.md": "/etc/passwd",
                "alias.en.md": "real.en.md", "device.en.md": "/dev/null", "folder.en.md": ".",
            ]
            for (name, target) in links {
                try FileManager.default.createSymbolicLink(
                    atPath: risks.appendingPathComponent(name).path, withDestinationPath: target)
            }
            try FileManager.default.createSymbolicLink(
                atPath: risks.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        }
        #expect(
            diagnostics.sortedForReport().map(\.description) == [
                "content/risks/device.en.md:1:1: error: this is a link to /dev/null, outside the project; copy the "
                    + "file into the project instead of linking to it",
                "content/risks/etc:1:1: error: this is a link to /etc, outside the project; copy the folder into "
                    + "the project instead of linking to it",
                "content/risks/gone.en.md:1:1: error: this is a link to a file that does not exist; replace the "
                    + "link with the file itself",
                "content/risks/loop.en.md:1:1: error: this link leads back to itself through other links; replace "
                    + "the link with the file itself",
                "content/risks/passwd.en.md:1:1: error: this is a link to /etc/passwd, outside the project; copy "
                    + "the file into the project instead of linking to it",
            ])
        #expect(paths == ["content/risks/alias.en.md", "content/risks/real.en.md"])
    }

    @Test("a social account's address must be a web address, never javascript:")
    func socialURL() {
        var diagnostics: [Diagnostic] = []
        let text =
            "iom:\n  name: { rw: IOM, en: IOM }\n  source: report\n  as_of: 2012-11\n  social:\n    - { network: X, "
            + "handle: \"@iom\", url: \"javascript:alert(1)\" }\n    - { network: Y, handle: \"@iom\", url: "
            + "\"HTTPS://example.org/iom\" }\n"
        let contacts = Contact.parse(SourceFile(path: "content/contacts.yml", text: text), into: &diagnostics)
        #expect(
            diagnostics.map(\.description) == [
                "content/contacts.yml:6:42: error: 'javascript:alert(1)' is not a web address; write the full "
                    + "address, starting with https://, such as 'https://twitter.com/IOMRwanda'"
            ])
        #expect(contacts["iom"]?.social.map(\.url) == [nil, "HTTPS://example.org/iom"])
    }
}

@Suite struct DeepYAMLTests {
    @Test("YAML nested deeper than libyaml allows is an error in plain words, not a crash")
    func tooDeep() {
        let (_, diagnostics) = parse(
            "content/risks/a.en.md",
            "---\ntitle: " + String(repeating: "[", count: 5000) + "\nkey_message: B\n---\n")
        #expect(
            diagnostics.map(\.description) == [
                "content/risks/a.en.md:2:9: error: this value is nested more than 1000 levels deep; write it as "
                    + "text, or as a list of texts"
            ])
    }
}
