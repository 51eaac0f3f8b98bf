import BamasoDiagnostics
import BamasoLoad
import BamasoRender
import Foundation
import Testing

func project(templates: [String: String] = [:], strings: [Language: String] = [:]) -> LoadedProject {
    LoadedProject(
        root: URL(fileURLWithPath: "/nonexistent/bamaso"),
        site: SiteConfig(
            title: [Language("rw"): "Ba Maso", Language("en"): "Ba Maso: Be Alert"],
            languages: [Language("rw"), Language("en")], sections: ["risks"]),
        contentFiles: [],
        templates: templates.map { SourceFile(path: $0.key, text: $0.value) }.sorted { $0.path < $1.path },
        strings: Dictionary(
            uniqueKeysWithValues: strings.map { language, text in
                (language, SourceFile(path: "templates/i18n/\(language.code).yml", text: text))
            }))
}

/// Every template a build needs, each a one-liner, with `overrides` replacing or adding some.
func templates(_ overrides: [String: String] = [:], without removed: Set<String> = []) -> [String: String] {
    var files: [String: String] = [:]
    for name in TemplateSet.requiredNames {
        files["templates/" + name.replacingOccurrences(of: ".", with: "/") + ".mustache"] = "<p>\(name)</p>\n"
    }
    return files.merging(overrides) { _, new in new }.filter { !removed.contains($0.key) }
}

@Suite struct URLBuilderTests {
    @Test(
        "links and absolute URLs for a site at a base URL",
        arguments: [
            ("/", "/rw/risks/", "/rw/risks/"),
            ("", "/rw/risks/", "/rw/risks/"),
            ("https://example.org/bamaso/", "/bamaso/rw/risks/", "https://example.org/bamaso/rw/risks/"),
            ("https://example.org/bamaso", "/bamaso/rw/risks/", "https://example.org/bamaso/rw/risks/"),
            ("https://example.org", "/rw/risks/", "https://example.org/rw/risks/"),
            ("https://example.org/", "/rw/risks/", "https://example.org/rw/risks/"),
            ("/bamaso", "/bamaso/rw/risks/", "/bamaso/rw/risks/"),
            ("bamaso/", "/bamaso/rw/risks/", "bamaso/rw/risks/"),
        ])
    func urls(base: String, link: String, absolute: String) {
        let urls = URLBuilder(baseURL: base)
        #expect(urls.link("rw/risks/", from: "en/about/") == link)
        #expect(urls.absolute("rw/risks/") == absolute)
    }

    @Test("the site root, media and a path written with a leading slash")
    func otherPaths() {
        let urls = URLBuilder(baseURL: "https://example.org/bamaso/")
        #expect(urls.link("", from: "rw/") == "/bamaso/")
        #expect(urls.absolute("") == "https://example.org/bamaso/")
        #expect(urls.link("/media/leaflet.pdf", from: "rw/") == "/bamaso/media/leaflet.pdf")
        #expect(urls.link("style.css", from: "rw/") == "/bamaso/style.css")
        #expect(urls.baseURL == "https://example.org/bamaso/")
        #expect(urls.basePath == "/bamaso/")
    }
}

@Suite struct PortableURLTests {
    @Test(
        "portable links are relative to the page and name their file",
        arguments: [
            ("rw/risks/", "rw/risks/fake-job-offers/", "../index.html"),
            ("rw/risks/fake-job-offers/", "rw/risks/", "fake-job-offers/index.html"),
            ("en/risks/fake-job-offers/", "rw/risks/fake-job-offers/", "../../../en/risks/fake-job-offers/index.html"),
            ("", "rw/risks/fake-job-offers/", "../../../index.html"),
            ("rw/", "", "rw/index.html"),
            ("style.3f2a9c1e.css", "rw/", "../style.3f2a9c1e.css"),
            ("media/show.mp3", "en/radio/show/", "../../../media/show.mp3"),
            ("rw/risks/fake-job-offers/", "rw/risks/fake-job-offers/", "index.html"),
        ])
    func relative(target: String, page: String, expected: String) {
        let urls = URLBuilder(baseURL: "https://example.org/bamaso/", portable: true)
        #expect(urls.link(target, from: page) == expected)
    }

    @Test("canonical and alternate references: full when the address is known, relative when portable")
    func references() {
        #expect(
            URLBuilder(baseURL: "https://example.org/", portable: true).reference("rw/", from: "en/")
                == "https://example.org/rw/")
        #expect(URLBuilder(baseURL: "/", portable: true).reference("rw/", from: "en/") == "../rw/index.html")
        #expect(URLBuilder(baseURL: "/").reference("rw/", from: "en/") == "/rw/")
    }
}

@Suite struct StringTableTests {
    @Test("a key missing in one language is an error naming the key, the file, and where it is")
    func keyMissingInOneLanguage() {
        var diagnostics: [Diagnostic] = []
        let tables = StringTable.load(
            project(strings: [
                Language("rw"): "read_more: Soma byinshi\nhelp_label: Ubufasha\nmenu: Ibikubiyemo\n",
                Language("en"): "read_more: Read more\nmenu: Menu\n",
            ]), into: &diagnostics)
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "templates/i18n/en.yml"), "the string 'help_label' is missing in English",
                    hint: "add a line 'help_label: ...' (it is on line 2 of templates/i18n/rw.yml)")
            ])
        #expect(
            tables[Language("rw")]?.strings == [
                "read_more": "Soma byinshi", "help_label": "Ubufasha", "menu": "Ibikubiyemo",
            ])
        #expect(tables[Language("en")]?.strings == ["read_more": "Read more", "menu": "Menu"])
    }

    @Test("keys missing on both sides are all reported")
    func keysMissingOnBothSides() {
        var diagnostics: [Diagnostic] = []
        _ = StringTable.load(
            project(strings: [Language("rw"): "a: A\nb: B\n", Language("en"): "a: A\nc: C\n"]), into: &diagnostics)
        #expect(
            diagnostics.sortedForReport().map(\.description) == [
                "templates/i18n/en.yml:1:1: error: the string 'b' is missing in English; add a line 'b: ...' (it "
                    + "is on line 2 of templates/i18n/rw.yml)",
                "templates/i18n/rw.yml:1:1: error: the string 'c' is missing in Ikinyarwanda; add a line 'c: ...' "
                    + "(it is on line 2 of templates/i18n/en.yml)",
            ])
    }

    @Test("an empty string is an error at its line")
    func emptyString() {
        var diagnostics: [Diagnostic] = []
        _ = StringTable.load(
            project(strings: [
                Language("rw"): "menu: Ibikubiyemo\nread_more:\n", Language("en"): "menu: Menu\nread_more: Read more\n",
            ]),
            into: &diagnostics)
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "templates/i18n/rw.yml", line: 2, column: 1),
                    "'read_more' is empty", hint: "write a value after 'read_more: '")
            ])
    }

    /// String files with every key the code asks for, and `extra` lines.
    static func strings(_ extra: String = "") -> String {
        ([
            "notice_draft", "notice_outdated", "notice_original", "booklet_title", "booklet_description",
            "download_pages_one", "download_pages_other", "callout_warning", "callout_help", "callout_note",
        ]
        .map { "\($0): x" } + [extra]).joined(separator: "\n")
    }

    @Test("a string a template asks for that no file has is an error at the template's line, per language")
    func missingKeyAskedByTemplate() throws {
        var diagnostics: [Diagnostic] = []
        let files = ThemeFiles(
            project(
                templates: templates([
                    "templates/layouts/page.mustache":
                        "<a>{{t.read_more}}</a>\n<b>{{ t.contact_us }}</b>{{#t.contact_us}}x{{/t.contact_us}}"
                ]),
                strings: [
                    Language("rw"): Self.strings("read_more: Soma"),
                    Language("en"): Self.strings("read_more: Read more"),
                ]))
        let theme = try #require(
            Theme.load(
                files, languages: [LanguageSettings(Language("rw")), LanguageSettings(Language("en"))],
                into: &diagnostics))
        #expect(
            diagnostics.map(\.description) == [
                "templates/layouts/page.mustache:2:4: error: the template uses the string 'contact_us', which is "
                    + "not in templates/i18n/rw.yml; add 'contact_us: ...' to every file in templates/i18n/, or "
                    + "correct the name",
                "templates/layouts/page.mustache:2:4: error: the template uses the string 'contact_us', which is "
                    + "not in templates/i18n/en.yml; add 'contact_us: ...' to every file in templates/i18n/, or "
                    + "correct the name",
            ])
        #expect(
            theme.templates.render(["t": try #require(theme.strings[Language("en")])], with: "layouts.page")
                == "<a>Read more</a>\n<b></b>")
    }

    @Test("a string the code asks for (a callout's label) is an error at the string file when missing")
    func missingKeyAskedByCode() throws {
        var diagnostics: [Diagnostic] = []
        let strings = Self.strings().replacingOccurrences(of: "callout_help: x\n", with: "")
        let files = ThemeFiles(
            project(templates: templates(), strings: [Language("rw"): strings, Language("en"): strings]))
        _ = Theme.load(
            files, languages: [LanguageSettings(Language("rw")), LanguageSettings(Language("en"))], into: &diagnostics)
        #expect(
            diagnostics.map(\.description) == [
                "templates/i18n/rw.yml:1:1: error: bamaso needs the string 'callout_help', which is not in "
                    + "templates/i18n/rw.yml; add 'callout_help: ...' to every file in templates/i18n/, or correct "
                    + "the name",
                "templates/i18n/en.yml:1:1: error: bamaso needs the string 'callout_help', which is not in "
                    + "templates/i18n/en.yml; add 'callout_help: ...' to every file in templates/i18n/, or correct "
                    + "the name",
            ])
    }
}

@Suite struct DateFormatTests {
    static let kinyarwandaMonths = [
        "Mutarama", "Gashyantare", "Werurwe", "Mata", "Gicurasi", "Kamena",
        "Nyakanga", "Kanama", "Nzeri", "Ukwakira", "Ugushyingo", "Ukuboza",
    ]
    static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    @Test("Kinyarwanda dates use the CLDR month names", arguments: Array(1...12))
    func kinyarwanda(month: Int) throws {
        let day = try #require(Day(String(format: "2012-%02d-01", month)))
        #expect(DateFormat().string(day, in: Language("rw")) == "1 \(Self.kinyarwandaMonths[month - 1]) 2012")
    }

    @Test("English dates are day, month, year", arguments: Array(1...12))
    func english(month: Int) throws {
        let day = try #require(Day(String(format: "2012-%02d-01", month)))
        #expect(DateFormat().string(day, in: Language("en")) == "1 \(Self.englishMonths[month - 1]) 2012")
    }

    @Test(
        "the day is not shifted by the time zone, at either end of the year",
        arguments: [
            ("2012-06-01", Language("rw"), "1 Kamena 2012"),
            ("2012-06-01", Language("en"), "1 June 2012"),
            ("2012-12-31", Language("rw"), "31 Ukuboza 2012"),
            ("2013-01-01", Language("en"), "1 January 2013"),
            ("2012-02-29", Language("en"), "29 February 2012"),
        ])
    func exactDays(text: String, language: Language, expected: String) throws {
        let day = try #require(Day(text))
        #expect(DateFormat().string(day, in: language) == expected)
    }
}

@Suite struct TemplateSetTests {
    @Test("the theme's templates load, named by their path")
    func loads() throws {
        var diagnostics: [Diagnostic] = []
        let set = try #require(
            TemplateSet.load(
                project(
                    templates: templates([
                        "templates/partials/head.mustache": "<title>{{title}}</title>",
                        "templates/layouts/risk.mustache": "{{> partials.head}}<main>{{{content}}}</main>",
                    ])), into: &diagnostics))
        #expect(diagnostics == [])
        #expect(set.names == Set(TemplateSet.requiredNames + ["partials.head"]))
        #expect(set.paths["layouts.risk"] == "templates/layouts/risk.mustache")
        #expect(
            set.render(["title": "Akazi & amafaranga", "content": "<p>x</p>"], with: "layouts.risk")
                == "<title>Akazi &amp; amafaranga</title><main><p>x</p></main>")
    }

    @Test("a template syntax error is reported at the template's file and line")
    func syntaxError() {
        var diagnostics: [Diagnostic] = []
        let set = TemplateSet.load(
            project(
                templates: templates([
                    "templates/layouts/section.mustache":
                        "<main>\n<ul>\n{{#children}}\n  <li>{{title}}</li>\n{{/child}}\n</ul>\n</main>\n"
                ])), into: &diagnostics)
        #expect(set == nil)
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "templates/layouts/section.mustache", line: 5, column: 1),
                    "template syntax error: {{/child}} closes a section, but {{#children}} from line 3 is still open",
                    hint: "add {{/children}} before it, or correct the name")
            ])
    }

    @Test("a section that is never closed is reported where it was opened, not at the end of the file")
    func unclosedSection() {
        var diagnostics: [Diagnostic] = []
        let set = TemplateSet.load(
            project(
                templates: templates([
                    "templates/partials/help.mustache":
                        "<aside>\n{{#help}}\n<a href=\"{{url}}\">{{name}}</a>\n{{#t}}x{{/t}}\n</aside>\n"
                ])), into: &diagnostics)
        #expect(set == nil)
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "templates/partials/help.mustache", line: 2, column: 1),
                    "template syntax error: {{#help}} opens a section that is never closed",
                    hint: "add {{/help}} where the section ends")
            ])
    }

    @Test("a partial or parent template that does not exist is an error where it is named")
    func missingPartial() {
        var diagnostics: [Diagnostic] = []
        let set = TemplateSet.load(
            project(
                templates: templates([
                    "templates/partials/head.mustache": "<title>{{title}}</title>",
                    "templates/layouts/risk.mustache":
                        "{{<layouts.base}}{{$main}}\n  {{> partials.haed}}{{/main}}{{/layouts.base}}",
                ])), into: &diagnostics)
        #expect(set == nil)
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: "templates/layouts/risk.mustache", line: 2, column: 3),
                    "{{>partials.haed}} names the template templates/partials/haed.mustache, which does not exist",
                    hint: "did you mean 'partials.head'?")
            ])
    }

    @Test(
        "a missing required template is an error naming its file",
        arguments: [
            "templates/layouts/radio.mustache", "templates/layouts/base.mustache",
            "templates/components/audio.mustache",
        ])
    func missingRequired(path: String) {
        var diagnostics: [Diagnostic] = []
        let set = TemplateSet.load(project(templates: templates(without: [path])), into: &diagnostics)
        #expect(set == nil)
        #expect(
            diagnostics == [
                .error(
                    at: FileLocation(path: path), "the template \(path) is missing",
                    hint: "restore it from git: every build needs it")
            ])
    }

    @Test("a broken required template is reported once, as broken, not also as missing")
    func brokenNotAlsoMissing() {
        var diagnostics: [Diagnostic] = []
        _ = TemplateSet.load(
            project(templates: templates(["templates/layouts/page.mustache": "{{#a}}"])), into: &diagnostics)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.hasPrefix("template syntax error") == true)
    }
}

@Suite struct NumberFormatTests {
    // ICU's CLDR data on this toolchain groups Kinyarwanda thousands with "." (the glossary
    // lists ","; a native reviewer should confirm which the site should show).
    @Test(
        "numbers in templates are grouped as each language writes them",
        arguments: [
            (Language("rw"), 1500, "1.500"), (Language("en"), 1500, "1,500"), (Language("rw"), 45, "45"),
        ])
    func grouping(language: Language, value: Int, expected: String) {
        #expect(DateFormat().number(value, in: language) == expected)
    }
}
