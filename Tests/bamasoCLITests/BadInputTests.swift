import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every mistake an editor can make, and everything a contribution to the content repository
/// can try, run through the real `bamaso` binary on a small valid project changed for each
/// case. Each case says exactly what is printed and the exit status, and checks that the
/// previous build in `public/` is byte-for-byte what it was whenever the build fails.
@Suite struct BadInputTests {
    @Test(
        "a bad input is reported with file, line, what is wrong and how to fix it; public/ is left as it was",
        arguments: BadInput.catalogue)
    func badInput(_ input: BadInput) throws {
        let project = try ValidProject()
        defer { project.remove() }
        let before = try project.snapshot("public")
        let keptBefore = try Self.stagingFolders(project.root)
        try input.change(project)

        let run = try BuildCommandTests.run(input.arguments, in: project.root)

        let expected = input.errors.map { project.expand($0) }
        #expect(
            run.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                == expected + [""], "\(run.standardError)")
        #expect(run.status == input.status)
        if input.status != 0 {
            #expect(run.standardOutput.hasPrefix("Not built: "), "\(run.standardOutput)")
            #expect(try project.snapshot("public") == before, "public/ was changed")
        }
        try input.check?(project)
        // No half-written folder is left beside the output: a failed build leaves what was there,
        // a build that succeeds at most the one folder it keeps for the next build.
        if input.status != 0 {
            #expect(try Self.stagingFolders(project.root) == keptBefore)
        } else {
            #expect(try Self.stagingFolders(project.root).count <= 1)
        }
    }

    /// The staging folders beside `public/` in `root`; each must be recorded in the lock file.
    static func stagingFolders(_ root: URL) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains(".staging-") }
        let records = (try? String(contentsOf: root.appendingPathComponent(".public.lock"), encoding: .utf8)) ?? ""
        for name in names { #expect(records.split(separator: "\n").contains(Substring(name)), "\(name) not recorded") }
        return names.sorted()
    }

    @Test("the catalogue has at least 30 cases, with unique names")
    func catalogueSize() {
        #expect(BadInput.catalogue.count >= 30)
        #expect(Set(BadInput.catalogue.map(\.name)).count == BadInput.catalogue.count)
    }

    /// Two staff members, or a preview server and a build, writing the same output at once.
    @Test("two builds at once on the same output: no crash, at most one is refused, the result is one whole site")
    func concurrentBuilds() throws {
        let project = try ValidProject()
        defer { project.remove() }
        let reference = try ValidProject()
        defer { reference.remove() }
        try reference.write("content/risks/fake-job-offers.en.md", ValidProject.risk("Fake job offers", "Changed."))
        let expected = try { () throws -> [String: Data] in
            let run = try BuildCommandTests.run(["build"], in: reference.root)
            #expect(run.status == 0)
            return try reference.snapshot("public")
        }()
        try project.write("content/risks/fake-job-offers.en.md", ValidProject.risk("Fake job offers", "Changed."))

        for _ in 0..<3 {
            let runs = try BuildCommandTests.runConcurrently(["build"], times: 2, in: project.root)
            let lockMessage =
                "public/:1:1: error: another build is writing \(project.root.path)/public right now; wait for it "
                + "to finish, then build again\n"
            for run in runs {
                #expect(run.status == 0 || run.standardError == lockMessage, "\(run.standardError)")
            }
            #expect(runs.count { $0.status == 0 } >= 1)
            #expect(runs.count { $0.standardError == lockMessage } <= 1)
            #expect(try project.snapshot("public") == expected)
        }
        #expect(try Self.stagingFolders(project.root).count <= 1)
    }
}

/// One case of the catalogue.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String] = ["build"]
    /// Turns the valid project into the bad one.
    var change: @Sendable (ValidProject) throws -> Void
    /// Every line on standard error. `$ROOT` stands for the project folder, `$NAME` for its name.
    var errors: [String]
    var status: Int32 = 1
    /// What else must be true afterwards: for a case that builds, what the site is like.
    var check: (@Sendable (ValidProject) throws -> Void)?

    var testDescription: String { name }

    static let page = "content/risks/fake-job-offers.en.md"
    static let hintTab = "indent with spaces; YAML does not allow tabs"

    /// A risk message with this front matter, and the body `body`.
    static func risk(_ frontMatter: String, _ body: String = "Text.\n") -> String {
        "---\n" + frontMatter + "---\n" + body
    }

    /// The line of the repository's theme file `path` that holds `text`, so that a case about
    /// the theme does not break whenever the theme changes.
    static func lineOfTheme(_ text: String, in path: String) -> Int {
        let file =
            (try? String(contentsOf: BuildCommandTests.repositoryRoot.appendingPathComponent(path), encoding: .utf8))
            ?? ""
        return (file.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) } ?? -1)
            + 1
    }

    static let catalogue: [BadInput] =
        yaml + frontMatter + fileNames + encodings + addresses + links + theme + output + safety

    // MARK: Malformed YAML

    static let yaml: [BadInput] = [
        BadInput(
            name: "YAML indented with a tab",
            change: {
                try $0.write(page, risk("title: Fake job offers\nkey_message: Check.\nobjectives:\n\t- one\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:5:1: error: YAML syntax error: found character that cannot "
                    + "start any token; \(hintTab)"
            ]),
        BadInput(
            name: "a double quote that is never closed",
            change: {
                try $0.write(page, risk("title: \"Fake job offers\nkey_message: Check.\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:2:1: error: a double quote \" opened on this line is never "
                    + "closed; add the closing \" at the end of the value"
            ]),
        BadInput(
            name: "a key written twice",
            change: {
                try $0.write(page, risk("title: Fake job offers\nkey_message: Check.\nweight: 1\ntitle: Fake jobs\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:2:1: error: key 'title' appears more than once; it is also on "
                    + "line 5; keep one and delete the others"
            ]),
        BadInput(
            name: "a value with ': ' that is not quoted",
            change: {
                try $0.write(page, risk("title: Fake job offers\nkey_message: Remember: check.\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:3:22: error: YAML syntax error: mapping values are not "
                    + "allowed in this context; a value containing ': ' must be put in double quotes"
            ]),
        BadInput(
            name: "site.yml with a tab",
            change: {
                try $0.write("content/site.yml", "title:\n\trw: Ba Maso\n")
            },
            errors: [
                "content/site.yml:2:1: error: YAML syntax error: found character that cannot start any token; "
                    + "\(hintTab)"
            ]),
    ]

    // MARK: Front matter

    static let frontMatter: [BadInput] = [
        BadInput(
            name: "front matter that is never closed",
            change: {
                try $0.write(page, "---\ntitle: Fake job offers\nkey_message: Check.\n\nText.\n")
            },
            errors: [
                "content/risks/fake-job-offers.en.md:1:1: error: the front matter that starts here is never "
                    + "closed; add a line '---' after the last front-matter line, before the text"
            ]),
        BadInput(
            name: "a page without front matter",
            change: {
                try $0.write(page, "title: Fake job offers\n---\nText.\n")
            },
            errors: [
                "content/risks/fake-job-offers.en.md:1:1: error: the page does not start with front matter; the "
                    + "first line must be '---', followed by 'title: ...' and a closing '---'"
            ]),
        BadInput(
            name: "a wrong type: a list where text belongs",
            change: {
                try $0.write(page, risk("title: [Fake, job, offers]\nkey_message: Check.\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:2:8: error: 'title' must be text; write it on one line after "
                    + "'title: '"
            ]),
        BadInput(
            name: "a wrong type: a weight that is not a number",
            change: {
                try $0.write(page, risk("title: Fake job offers\nkey_message: Check.\nweight: first\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:4:9: error: 'weight' must be a whole number; for example "
                    + "'weight: 10'"
            ]),
        BadInput(
            name: "a date that is not a date",
            change: {
                try $0.write(page, risk("title: Fake job offers\nkey_message: Check.\ndate: 2012-02-30\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:4:7: error: 'date' is not a date; write the date as "
                    + "year-month-day, for example 'date: 2012-06-01'"
            ]),
        BadInput(
            name: "a date in words",
            change: {
                try $0.write(page, risk("title: Fake job offers\nkey_message: Check.\ndate: 1 June 2012\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:4:7: error: 'date' is not a date; write the date as "
                    + "year-month-day, for example 'date: 2012-06-01'"
            ]),
        BadInput(
            name: "a misspelt key",
            change: {
                try $0.write(page, risk("title: Fake job offers\nkey_message: Check.\nwieght: 1\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:4:1: error: unknown key 'wieght' in the front matter of this "
                    + "risk message; did you mean 'weight'?"
            ]),
        BadInput(
            name: "a required field left out",
            change: {
                try $0.write(page, risk("title: Fake job offers\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:1:1: error: the front matter of this risk message has no "
                    + "'key_message'; add a line 'key_message: ...'"
            ]),
    ]

    // MARK: File names

    static let fileNames: [BadInput] = [
        BadInput(
            name: "a section that does not exist",
            change: {
                try $0.write("content/blog/news.en.md", risk("title: News\n"))
            },
            errors: [
                "content/blog/news.en.md:1:1: error: 'blog' is not a section of this site; add 'blog' to "
                    + "'sections' in content/site.yml, or move the file into one of: risks, schools, contact"
            ]),
        BadInput(
            name: "a language that does not exist",
            change: {
                try $0.move(page, to: "content/risks/fake-job-offers.fr.md")
            },
            errors: [
                "content/risks/fake-job-offers.fr.md:1:1: error: 'fr' is not a language of this site; the site's "
                    + "languages are rw and en: name it fake-job-offers.rw.md or fake-job-offers.en.md, or add 'fr' "
                    + "to 'languages' in content/site.yml"
            ]),
        BadInput(
            name: "a language suffix in capitals",
            change: {
                try $0.move(page, to: "content/risks/fake-job-offers.EN.md")
            },
            errors: [
                "content/risks/fake-job-offers.EN.md:1:1: error: 'EN' is not a language of this site; did you mean "
                    + "'en'? (the languages are rw and en)"
            ]),
        BadInput(
            name: "a file name without a language",
            change: {
                try $0.move(page, to: "content/risks/fake-job-offers.md")
            },
            errors: [
                "content/risks/fake-job-offers.md:1:1: error: the file name 'fake-job-offers.md' does not say its "
                    + "language; name it SLUG.rw.md or SLUG.en.md, such as 'fake-job-offers.en.md'"
            ]),
        BadInput(
            name: "two pages whose names differ only in capital letters",
            change: {
                try $0.write("content/risks/Fake-Job-Offers.en.md", risk("title: Fake jobs\nkey_message: Check.\n"))
            },
            errors: [
                "content/risks/Fake-Job-Offers.en.md:1:1: error: 'Fake-Job-Offers' cannot be part of a web "
                    + "address; rename the file to 'fake-job-offers.en.md': lowercase letters a-z, digits and "
                    + "single hyphens"
            ]),
        BadInput(
            name: "two files published at one address: a page named like the school booklet",
            change: {
                try $0.write(
                    "content/schools/booklet.en.md",
                    risk("title: Booklet\naudience: Students\nduration: 1 hour\nobjectives: [Read]\n"))
            },
            errors: [
                "content/schools/booklet.en.md:1:1: error: this would be published as "
                    + "en/schools/booklet/index.html, where a page the build makes itself is published too; rename "
                    + "one of them; only one file can have an address"
            ]),
        BadInput(
            name: "two media files whose names differ only in capital letters",
            change: {
                try $0.write("content/media/Leaflet.pdf", "another leaflet\n")
            },
            errors: [
                "content/media/leaflet.pdf:1:1: error: this would be published as media/leaflet.pdf and "
                    + "'content/media/Leaflet.pdf' as media/Leaflet.pdf: names that differ only in capital letters "
                    + "are the same file on USB sticks and on Windows and Mac computers; rename one of them, using "
                    + "lowercase letters only"
            ]),
        BadInput(
            name: "a pages folder inside a section",
            change: {
                try $0.move(page, to: "content/risks/2012/fake-job-offers.en.md")
            },
            errors: [
                "content/risks/2012/fake-job-offers.en.md:1:1: error: pages cannot be in a folder inside a "
                    + "section; move it to content/risks/fake-job-offers.en.md"
            ]),
    ]

    // MARK: Encodings and sizes

    static let encodings: [BadInput] = [
        BadInput(
            name: "an empty file",
            change: {
                try $0.write(page, "")
            },
            errors: [
                "content/risks/fake-job-offers.en.md:1:1: error: the file is empty; start it with front matter: a "
                    + "line '---', 'title: ...', and '---'"
            ]),
        BadInput(
            name: "a file that is not UTF-8",
            change: {
                try $0.write(
                    page, data: Data("---\ntitle: Caf".utf8) + Data([0xE9]) + Data("\nkey_message: Check.\n---\n".utf8))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:2:11: error: this file is not UTF-8 text; save it again as "
                    + "UTF-8 (in most editors: Save with encoding, UTF-8)"
            ]),
        BadInput(
            name: "a UTF-8 byte-order mark simply works",
            change: {
                try $0.write(
                    page, data: Data([0xEF, 0xBB, 0xBF]) + Data(risk("title: With a mark\nkey_message: Check.\n").utf8))
            }, errors: [], status: 0,
            check: { project in
                let html = try project.read("public/en/risks/fake-job-offers/index.html")
                #expect(html.contains("<h1>With a mark</h1>"))
            }),
        BadInput(
            name: "Windows line endings simply work",
            change: {
                try $0.write(
                    page,
                    risk("title: Windows\nkey_message: Check.\n", "Text.\n\n## Warning signs\n\n- one\n")
                        .replacingOccurrences(of: "\n", with: "\r\n"))
            }, errors: [], status: 0,
            check: {
                let html = try $0.read("public/en/risks/fake-job-offers/index.html")
                #expect(html.contains("<h1>Windows</h1>"))
                #expect(html.contains("<h2 id=\"warning-signs\">Warning signs</h2>"))
                #expect(!html.contains("\r"))
            }),
        BadInput(
            name: "a 50 MB Markdown file is refused at once, with the limit",
            change: {
                let line = String(repeating: "Traffickers promise well-paid jobs in the city. ", count: 20) + "\n\n"
                let text = risk(
                    "title: Big\nkey_message: Check.\n",
                    String(repeating: line, count: 50_000_000 / line.utf8.count + 1))
                try $0.write("content/risks/big.en.md", text)
            },
            errors: [
                "content/risks/big.en.md:1:1: error: this file is 50.0 MB; bamaso reads text files of up to 5 MB; "
                    + "split the text into several pages, and put long documents in content/media/ as PDF files "
                    + "linked from a page"
            ]),
        BadInput(
            name: "control characters in a title still give valid feeds",
            change: {
                try $0.write(
                    page, risk("title: \"Bell\\x07 and form feed\\f\"\nkey_message: Check.\ndate: 2012-06-01\n"))
            }, errors: [], status: 0,
            check: {
                let feed = try XMLDocument(data: Data(contentsOf: $0.root.appendingPathComponent("public/en/atom.xml")))
                #expect(
                    feed.rootElement()?.elements(forName: "entry").first?.elements(forName: "title").first?.stringValue
                        == "Bell\u{FFFD} and form feed\u{FFFD}")
            }),
    ]

    // MARK: Addresses that try to climb out

    static let addresses: [BadInput] = [
        BadInput(
            name: "a url key that tries ../",
            change: {
                try $0.write(page, risk("title: Fake job offers\nkey_message: Check.\nurl: ../../etc/passwd\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:4:1: error: unknown key 'url' in the front matter of this "
                    + "risk message; a page's address comes from its folder and file name; to change it, rename "
                    + "the file (lowercase letters, digits and hyphens)"
            ]),
        BadInput(
            name: "a slug key that tries ../",
            change: {
                try $0.write(page, risk("title: Fake job offers\nkey_message: Check.\nslug: ../index\n"))
            },
            errors: [
                "content/risks/fake-job-offers.en.md:4:1: error: unknown key 'slug' in the front matter of this "
                    + "risk message; a page's address comes from its folder and file name; to change it, rename "
                    + "the file (lowercase letters, digits and hyphens)"
            ]),
        BadInput(
            name: "links and an audio file that climb out with ../",
            change: {
                try $0.append(
                    page,
                    "\n[a](@/../../etc/passwd) and [b](/media/../../content/site.yml)\n\n```audio "
                        + "../../etc/passwd\n```\n")
            },
            errors: [
                "content/risks/fake-job-offers.en.md:11:1: error: '@/../../etc/passwd' climbs out with '..', which "
                    + "a link cannot do; write the section and the page name, such as '@/risks/fake-job-offers'",
                "content/risks/fake-job-offers.en.md:11:29: error: '/media/../../content/site.yml' climbs out with "
                    + "'..', which a link cannot do; name a file inside content/media/, such as "
                    + "'/media/leaflet.pdf'",
                "content/risks/fake-job-offers.en.md:13:1: error: '../../etc/passwd' climbs out of content/media/ "
                    + "with '..'; name a file inside content/media/, such as 'media/talk-show-1.mp3'",
            ]),
        BadInput(
            name: "a symbolic link to a file outside the project",
            change: {
                try $0.link("content/risks/passwd.en.md", to: "/etc/passwd")
            },
            errors: [
                "content/risks/passwd.en.md:1:1: error: this is a link to /etc/passwd, outside the project; copy "
                    + "the file into the project instead of linking to it"
            ]),
        BadInput(
            name: "a symbolic link to a folder outside the project",
            change: {
                try $0.link("content/media/photos", to: "/etc")
            },
            errors: [
                "content/media/photos:1:1: error: this is a link to /etc, outside the project; copy the folder "
                    + "into the project instead of linking to it"
            ]),
        BadInput(
            name: "a symbolic link that leads back to itself",
            change: {
                try $0.link("content/risks/loop.en.md", to: "loop.en.md")
            },
            errors: [
                "content/risks/loop.en.md:1:1: error: this link leads back to itself through other links; replace "
                    + "the link with the file itself"
            ]),
        BadInput(
            name: "a symbolic link to nothing",
            change: {
                try $0.link("content/risks/gone.en.md", to: "deleted.en.md")
            },
            errors: [
                "content/risks/gone.en.md:1:1: error: this is a link to a file that does not exist; replace the "
                    + "link with the file itself"
            ]),
    ]

    // MARK: Links, media and components

    static let links: [BadInput] = [
        BadInput(
            name: "a missing media file",
            change: {
                try $0.append(page, "\nRead the [report](/media/report.pdf).\n")
            },
            errors: [
                "content/risks/fake-job-offers.en.md:11:10: error: '/media/report.pdf' links to a media file that "
                    + "does not exist; put the file in content/media/report.pdf, or correct the name"
            ]),
        BadInput(
            name: "a missing image",
            change: {
                try $0.append(page, "\n![A poster about fake jobs](media/poster.jpg)\n")
            },
            errors: [
                "content/risks/fake-job-offers.en.md:11:1: error: 'media/poster.jpg' links to a media file that "
                    + "does not exist; put the file in content/media/poster.jpg, or correct the name"
            ]),
        BadInput(
            name: "a link to a page that does not exist",
            change: {
                try $0.append(page, "\nSee [the risks](@/risk).\n")
            },
            errors: [
                "content/risks/fake-job-offers.en.md:11:5: error: '@/risk' links to a page that does not exist; "
                    + "did you mean '@/risks'?"
            ]),
        BadInput(
            name: "an unknown component",
            change: {
                try $0.append(page, "\n```tabel People reached\nActivity,People\n```\n")
            },
            errors: [
                "content/risks/fake-job-offers.en.md:11:1: error: there is no component called 'tabel'; did you "
                    + "mean 'table'?"
            ]),
        BadInput(
            name: "a contact card for an organisation that does not exist",
            change: {
                try $0.append(page, "\n```contact iom\n```\n")
            },
            errors: [
                "content/risks/fake-job-offers.en.md:11:1: error: there is no organisation 'iom' in "
                    + "content/contacts.yml; the IDs in content/contacts.yml are: iom-rwanda"
            ]),
    ]

    // MARK: The theme

    static let theme: [BadInput] = [
        BadInput(
            name: "a template section that is never closed",
            change: {
                try $0.write(
                    "templates/layouts/risk.mustache",
                    "{{<layouts.base}}\n{{$main}}\n{{#key_message}}<p>{{key_message}}</p>\n")
            },
            errors: [
                "templates/layouts/risk.mustache:3:1: error: template syntax error: {{#key_message}} opens a "
                    + "section that is never closed; add {{/key_message}} where the section ends"
            ]),
        BadInput(
            name: "a template section closed by another name",
            change: {
                try $0.write(
                    "templates/layouts/risk.mustache",
                    "{{<layouts.base}}\n{{$main}}\n{{#key_message}}<p>{{key_message}}</p>\n{{/main}}\n"
                        + "{{/layouts.base}}\n")
            },
            errors: [
                "templates/layouts/risk.mustache:4:1: error: template syntax error: {{/main}} closes a section, "
                    + "but {{#key_message}} from line 3 is still open; add {{/key_message}} before it, or correct "
                    + "the name"
            ]),
        BadInput(
            name: "a template tag that is not finished",
            change: {
                try $0.write(
                    "templates/layouts/risk.mustache",
                    "{{<layouts.base}}\n{{$main}}\n<h1>{{title}</h1>\n{{/main}}\n{{/layouts.base}}\n")
            },
            errors: [
                "templates/layouts/risk.mustache:3:12: error: template syntax error: a tag is not finished; it "
                    + "needs }}; end the tag with }}"
            ]),
        BadInput(
            name: "a missing template",
            change: {
                try $0.remove("templates/layouts/risk.mustache")
            },
            errors: [
                "templates/layouts/risk.mustache:1:1: error: the template templates/layouts/risk.mustache is "
                    + "missing; restore it from git: every build needs it"
            ]),
        BadInput(
            name: "a missing partial",
            change: {
                try $0.remove("templates/partials/footer.mustache")
            },
            errors: [
                "templates/layouts/base.mustache:"
                    + "\(lineOfTheme("{{> partials.footer}}", in: "templates/layouts/base.mustache")):1: error: "
                    + "{{>partials.footer}} names the template templates/partials/footer.mustache, which does not "
                    + "exist; restore it from git, or correct the name"
            ]),
        BadInput(
            name: "a static file at the address of a page",
            change: {
                try $0.write("templates/static/en/index.html", "<p>old home</p>\n")
            },
            errors: [
                "templates/static/en/index.html:1:1: error: this would be published as en/index.html, where "
                    + "'content/_index.en.md' is published too; rename one of them; only one file can have an "
                    + "address"
            ]),
        BadInput(
            name: "no site.yml",
            change: {
                try $0.remove("content/site.yml")
            },
            errors: [
                "content/site.yml:1:1: error: content/site.yml is missing; it gives the site's title, languages "
                    + "and sections"
            ]),
    ]

    // MARK: The output folder

    static let output: [BadInput] = [
        BadInput(
            name: "an output path that is a file", arguments: ["build", "--output", "site.zip"],
            change: {
                try $0.write("site.zip", "not a folder\n")
            },
            errors: [
                "site.zip/:1:1: error: the output $ROOT/site.zip is a file, not a folder; move that file away, or "
                    + "choose another output folder with --output"
            ]),
        // Tests run as root, where a folder without write permission can still be written, so
        // the unwritable output is one whose parent is a file, and one in /proc, where even
        // root cannot create anything.
        BadInput(
            name: "an output folder that cannot be created: its parent is a file",
            arguments: ["build", "--output", "notes.txt/site"],
            change: {
                try $0.write("notes.txt", "a file\n")
            },
            errors: [
                "site/:1:1: error: cannot create the folder $ROOT/notes.txt for the output: $ROOT/notes.txt is a "
                    + "file, not a folder; check that each folder on that path is a folder, not a file, and that "
                    + "you may write there; or choose another output folder with --output"
            ]),
        BadInput(
            name: "an output folder in a place nobody may write",
            arguments: ["build", "--output", "/proc/bamaso-test/site"], change: { _ in },
            errors: [
                "site/:1:1: error: cannot create the folder /proc/bamaso-test for the output: no such file or "
                    + "directory; check that each folder on that path is a folder, not a file, and that you may "
                    + "write there; or choose another output folder with --output"
            ]),
        BadInput(
            name: "an output that would replace the project itself", arguments: ["build", "--output", "."],
            change: { _ in },
            errors: [
                "$NAME/:1:1: error: the output folder $ROOT holds the project's content/ folder, which the build "
                    + "would replace; choose another output folder with --output, such as public/ in the project"
            ]),
        BadInput(
            name: "an output that would replace content/", arguments: ["build", "--output", "content"],
            change: { _ in },
            errors: [
                "content/:1:1: error: the output folder $ROOT/content is the project's content/ folder, which the "
                    + "build would replace; choose another output folder with --output, such as public/ in the "
                    + "project"
            ]),
        BadInput(
            name: "an output inside templates/", arguments: ["build", "--output", "templates/static/site"],
            change: { _ in },
            errors: [
                "site/:1:1: error: the output folder $ROOT/templates/static/site is inside the project's "
                    + "templates/ folder; choose another output folder with --output, such as public/ in the "
                    + "project"
            ]),
        BadInput(
            name: "an output folder full of other files", arguments: ["build", "--output", "notes"],
            change: {
                try $0.write("notes/minutes.txt", "Meeting minutes\n")
            },
            errors: [
                "notes/:1:1: error: $ROOT/notes is not empty and has no index.html, so it is not a site bamaso "
                    + "built; the build does not replace it; choose a new or empty folder with --output, or delete "
                    + "this one yourself if you are sure"
            ],
            check: { project in
                let notes = try project.snapshot("notes")
                #expect(notes == ["minutes.txt": Data("Meeting minutes\n".utf8)])
            }),
    ]

    // MARK: What could inject script

    static let payload = "Tom & Jerry's \"<script>alert(1)</script>\" </title><b>"
    static let payloadYAML = "\"Tom & Jerry's \\\"<script>alert(1)</script>\\\" </title><b>\""

    static let safety: [BadInput] = [
        BadInput(
            name: "raw HTML in Markdown is not published",
            change: {
                try $0.append(
                    page,
                    "\n<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)>, <!-- a note for editors -->\n")
            },
            errors: [
                "content/risks/fake-job-offers.en.md:11:1: error: HTML is not published, only Markdown: "
                    + "'<script>alert(1)</script>'; write it in Markdown, or with a component (table, callout, "
                    + "contact, audio); to show HTML code as text, put it between backticks",
                "content/risks/fake-job-offers.en.md:13:7: error: HTML is not published, only Markdown: '<img "
                    + "src=x onerror=alert(1)>'; write it in Markdown, or with a component (table, callout, "
                    + "contact, audio); to show HTML code as text, put it between backticks",
            ]),
        BadInput(
            name: "javascript: links in Markdown are not published",
            change: {
                try $0.append(
                    page,
                    "\n[Click](javascript:alert(1)) or ![A picture](JavaScript:alert(2))\n\n```callout help\n"
                        + "[Help](vbscript:msgbox)\n```\n")
            },
            errors: [
                "content/risks/fake-job-offers.en.md:11:1: error: 'javascript:alert(1)' is not published: a "
                    + "'javascript:' link could run a program in the visitor's browser; link to a web address "
                    + "(https://...) or to a page (@/risks/fake-job-offers)",
                "content/risks/fake-job-offers.en.md:11:33: error: 'JavaScript:alert(2)' is not published: a "
                    + "'javascript:' link could run a program in the visitor's browser; link to a web address "
                    + "(https://...) or to a page (@/risks/fake-job-offers)",
                "content/risks/fake-job-offers.en.md:14:1: error: 'vbscript:msgbox' is not published: a "
                    + "'vbscript:' link could run a program in the visitor's browser; link to a web address "
                    + "(https://...) or to a page (@/risks/fake-job-offers)",
            ]),
        BadInput(
            name: "a javascript: address for a social account in contacts.yml",
            change: {
                try $0.append(
                    "content/contacts.yml",
                    "  social:\n    - { network: Twitter, handle: \"@IOMRwanda\", url: \"javascript:alert(1)\" }\n")
            },
            errors: [
                "content/contacts.yml:8:54: error: 'javascript:alert(1)' is not a web address; write the full "
                    + "address, starting with https://, such as 'https://twitter.com/IOMRwanda'"
            ]),
        BadInput(
            name: "front matter with \"<>&' is escaped in text, attributes, JSON-LD, feeds and vCards",
            change: {
                try $0.write(
                    page,
                    risk(
                        "title: \(payloadYAML)\ndescription: \(payloadYAML)\nkey_message: \(payloadYAML)\ndate: "
                            + "2012-06-01\n"))
                try $0.write(
                    "content/contacts.yml",
                    """
                    iom-rwanda:
                      name: { rw: "IOM Rwanda", en: \(payloadYAML) }
                      address: { rw: "Kigali", en: \(payloadYAML) }
                      phones: ["+250 252 586 710"]
                      emails: ["iomrwanda@iom.int"]
                      source: "IOM Rwanda programme report"
                      as_of: "2012-11"

                    """)
            }, errors: [], status: 0,
            check: { project in
                let escaped =
                    "Tom &amp; Jerry&#39;s &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &lt;/title&gt;&lt;b&gt;"
                let html = try project.read("public/en/risks/fake-job-offers/index.html")
                #expect(html.contains("<h1>\(escaped)</h1>"))
                #expect(html.contains("<title>\(escaped) · Ba Maso: Be Alert</title>"))
                #expect(html.contains("<meta name=\"description\" content=\"\(escaped)\">"))
                #expect(html.contains("<meta property=\"og:title\" content=\"\(escaped)\">"))
                // No file of the site carries the text unescaped, whatever its format.
                for path in try project.snapshot("public").keys where !project.isFolder("public/" + path) {
                    let text = try project.read("public/" + path)
                    #expect(
                        !text.contains("<script>alert") && !text.contains("</title><b>") || path.hasSuffix(".vcf"),
                        "\(path)")
                }
                let feed = try XMLDocument(
                    data: Data(contentsOf: project.root.appendingPathComponent("public/en/atom.xml")))
                #expect(
                    feed.rootElement()?.elements(forName: "entry").first?.elements(forName: "title").first?.stringValue
                        == payload)
                let contact = try project.read("public/en/contact/iom-rwanda/index.html")
                let start = try #require(contact.range(of: "<script type=\"application/ld+json\">"))
                let end = try #require(contact.range(of: "</script>", range: start.upperBound..<contact.endIndex))
                let json =
                    try JSONSerialization.jsonObject(with: Data(contact[start.upperBound..<end.lowerBound].utf8))
                    as? [String: Any]
                #expect(json?["name"] as? String == payload)
                #expect(contact.contains("<h2>\(escaped)</h2>"))
                let vCard = try project.read("public/en/vcard/iom-rwanda.vcf").replacingOccurrences(
                    of: "\r\n ", with: "")
                #expect(vCard.contains("\r\nFN:Tom & Jerry's \"<script>alert(1)</script>\" </title><b>\r\n"))
            }),
    ]
}

/// A small valid bilingual project (home, three sections, a risk message, a school material, a
/// contact page, a media file) with the repository's theme, in a temporary folder.
struct ValidProject: Sendable {
    let root: URL

    static func risk(_ title: String, _ body: String) -> String {
        "---\ntitle: \"\(title)\"\nkey_message: \"Check before you go.\"\ndate: 2012-06-01\nweight: 1\n---\n"
            + "Traffickers promise good jobs.\n\nRead the [leaflet](/media/leaflet.pdf). \(body)\n"
    }

    static var files: [String: String] {
        var files = [
            "content/site.yml": """
            title:
              rw: "Ba Maso"
              en: "Ba Maso: Be Alert"
            description:
              rw: "Ba maso ku icuruzwa ry'abantu."
              en: "Be alert to human trafficking."
            languages: [rw, en]
            sections: [risks, schools, contact]
            base_url: "https://example.org/bamaso/"
            help:
              contact: iom-rwanda
            quick_exit: { rw: "https://example.com/rw", en: "https://example.com/en" }

            """,
            "content/contacts.yml": """
            iom-rwanda:
              name: { rw: "IOM Rwanda", en: "IOM Rwanda" }
              phones: ["+250 252 586 710"]
              emails: ["iomrwanda@iom.int"]
              source: "IOM Rwanda programme report"
              as_of: "2012-11"

            """,
            "content/media/leaflet.pdf": "%PDF-1.4 leaflet\n",
        ]
        for language in ["rw", "en"] {
            files["content/_index.\(language).md"] =
                "---\ntitle: \"Home \(language)\"\n---\nSee the [risks](@/risks).\n"
            for section in ["risks", "schools", "contact"] {
                files["content/\(section)/_index.\(language).md"] =
                    "---\ntitle: \"\(section) \(language)\"\n---\nIntroduction.\n"
            }
            files["content/risks/fake-job-offers.\(language).md"] = risk("Fake job offers \(language)", "")
            files["content/schools/debate-club.\(language).md"] = """
                ---
                title: "Debate club \(language)"
                audience: "Secondary students"
                duration: "45 minutes"
                objectives: ["Recognise a trap"]
                ---
                Start a debate.

                """
            files["content/contact/iom-rwanda.\(language).md"] =
                "---\ntitle: \"IOM Rwanda\"\norganisation: iom-rwanda\n---\n```contact iom-rwanda\n```\n"
        }
        return files
    }

    /// Writes the project and builds it once, so that `public/` holds a good site.
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in Self.files { try write(path, text) }
        try FileManager.default.copyItem(
            at: BuildCommandTests.repositoryRoot.appendingPathComponent("templates"),
            to: root.appendingPathComponent("templates"))
        let run = try BuildCommandTests.run(["build"], in: root)
        guard run.status == 0, run.standardError.isEmpty else {
            throw CocoaError(
                .featureUnsupported,
                userInfo: [NSLocalizedDescriptionKey: "the valid project does not build: \(run.standardError)"])
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    func expand(_ text: String) -> String {
        text.replacingOccurrences(of: "$ROOT", with: root.path).replacingOccurrences(
            of: "$NAME", with: root.lastPathComponent)
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, data: Data(text.utf8))
    }

    func write(_ path: String, data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func append(_ path: String, _ text: String) throws {
        try write(path, try read(path) + text)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func move(_ path: String, to newPath: String) throws {
        let destination = root.appendingPathComponent(newPath)
        try FileManager.default.createDirectory(
            at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: root.appendingPathComponent(path), to: destination)
    }

    func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent(path).path, withDestinationPath: target)
    }

    /// Every file under `folder` by path, with its bytes; a folder that does not exist is empty.
    func snapshot(_ folder: String) throws -> [String: Data] {
        let base = root.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [:] }
        var files: [String: Data] = [:]
        let prefix = base.standardizedFileURL.path + "/"
        while let url = enumerator.nextObject() as? URL {
            let path = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            let isFile = try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true
            files[path] = isFile ? try Data(contentsOf: url) : Data("<folder>".utf8)
        }
        return files
    }
}

extension BuildCommandTests {
    /// Starts the binary `times` times at once and waits for all.
    static func runConcurrently(_ arguments: [String], times: Int, in folder: URL) throws -> [Run] {
        var processes: [(Process, FileHandle, FileHandle)] = []
        for _ in 0..<times {
            let process = Process()
            process.executableURL = try binary()
            process.arguments = arguments
            process.currentDirectoryURL = folder
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-out-\(UUID().uuidString)")
            let err = FileManager.default.temporaryDirectory.appendingPathComponent("bamaso-err-\(UUID().uuidString)")
            #expect(FileManager.default.createFile(atPath: out.path, contents: nil))
            #expect(FileManager.default.createFile(atPath: err.path, contents: nil))
            let outHandle = try FileHandle(forUpdating: out)
            let errHandle = try FileHandle(forUpdating: err)
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
            process.standardOutput = outHandle
            process.standardError = errHandle
            processes.append((process, outHandle, errHandle))
        }
        for (process, _, _) in processes { try process.run() }
        return try processes.map { process, out, err in
            process.waitUntilExit()
            try out.seek(toOffset: 0)
            try err.seek(toOffset: 0)
            defer {
                try? out.close()
                try? err.close()
            }
            return Run(
                status: process.terminationStatus,
                standardOutput: String(decoding: out.readDataToEndOfFile(), as: UTF8.self),
                standardError: String(decoding: err.readDataToEndOfFile(), as: UTF8.self))
        }
    }
}
