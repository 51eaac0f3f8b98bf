import BamasoDiagnostics
import BamasoLoad
import Testing

/// What site.yml and contacts.yml must say for a visitor in danger (issue 18): where the quick
/// exit leads, and where each organisation's details come from and how old they are.
@Suite struct SafetySettingsTests {
    static let siteYML = """
        title: { rw: A, en: A }
        sections: [risks, contact, safety]
        quick_exit:
          rw: "https://example.com/rw"
          en: "https://example.com/en"
        help:
          pages: contact
          safety: safety

        """

    func site(_ text: String) -> (SiteConfig?, [String]) {
        var diagnostics: [Diagnostic] = []
        let config = SiteConfig.parse(SourceFile(path: "content/site.yml", text: text), into: &diagnostics)
        return (config, diagnostics.map(\.description))
    }

    func contacts(_ text: String) -> ([String: Contact], [String]) {
        var diagnostics: [Diagnostic] = []
        let contacts = Contact.parse(SourceFile(path: "content/contacts.yml", text: text), into: &diagnostics)
        return (contacts, diagnostics.map(\.description))
    }

    @Test("the quick exit's target per language and the help pages are read from site.yml")
    func readsQuickExit() throws {
        let (config, diagnostics) = site(Self.siteYML)
        #expect(diagnostics == [])
        let read = try #require(config)
        #expect(read.quickExit == [Language("rw"): "https://example.com/rw", Language("en"): "https://example.com/en"])
        #expect(read.helpPages == "contact")
        #expect(read.safetyPage == "safety")
        #expect(read.helpContact == nil)
    }

    @Test("a site without a quick exit is an error")
    func quickExitIsRequired() {
        let (config, diagnostics) = site("title: { rw: A, en: A }\nsections: [risks]\n")
        #expect(config == nil)
        #expect(
            diagnostics == [
                "content/site.yml:1:1: error: site.yml has no 'quick_exit': every page needs a link that leaves the "
                    + "site "
                    + "quickly; add 'quick_exit: { rw: \"https://...\", en: \"https://...\" }' with a light, neutral "
                    + "page "
                    + "of another site for each language"
            ])
    }

    @Test(
        "the quick exit leads to a web address, in every language, at its line",
        arguments: [
            (
                Self.siteYML.replacingOccurrences(
                    of: "\"https://example.com/en\"", with: "\"javascript:history.back()\""),
                "content/site.yml:5:7: error: the quick exit leads to 'javascript:history.back()', which is not a web "
                    + "address; write the full address of a light, neutral page of another site, starting with https://"
            ),
            (
                Self.siteYML.replacingOccurrences(of: "  rw: \"https://example.com/rw\"\n", with: ""),
                "content/site.yml:3:1: error: 'quick_exit' has no text in rw, the site's first language; add a line "
                    + "'rw: ...' below 'quick_exit:'; other languages fall back to it"
            ),
            (
                Self.siteYML.replacingOccurrences(
                    of: "  en: \"https://example.com/en\"", with: "  fr: \"https://example.com/fr\""),
                "content/site.yml:5:3: error: 'fr' is not one of the site's languages; the site's languages are rw and "
                    + "en "
                    + "(site.yml's 'languages')"
            ),
            (
                Self.siteYML.replacingOccurrences(of: "safety: safety", with: "safety: safe"),
                "content/site.yml:8:11: error: 'help: safety' names 'safe', which is not a section; name one of the "
                    + "sections listed in 'sections': risks, contact, safety"
            ),
        ])
    func badQuickExit(text: String, error: String) {
        // (A language without its own quick exit takes its fallback's: `quickExitFallback`.)
        let (config, diagnostics) = site(text)
        #expect(config == nil)
        #expect(diagnostics == [error])
    }

    @Test("a language without its own quick exit leads where its fallback's does")
    func quickExitFallback() throws {
        let (config, diagnostics) = site(
            Self.siteYML.replacingOccurrences(of: "  en: \"https://example.com/en\"\n", with: ""))
        #expect(diagnostics == [])
        #expect(try #require(config).quickExit[Language("en")] == "https://example.com/rw")
    }

    static let contactYML = """
        iom-rwanda:
          name: { rw: "IOM Rwanda", en: "IOM Rwanda" }
          phones: ["+250 252 586 710"]
          source: "IOM Rwanda, programme report"
          as_of: "2012-11"

        """

    @Test("every organisation records its source and the month its details are from")
    func readsSourceAndDate() throws {
        let (contacts, diagnostics) = contacts(Self.contactYML)
        #expect(diagnostics == [])
        let contact = try #require(contacts["iom-rwanda"])
        #expect(contact.source == "IOM Rwanda, programme report")
        #expect(contact.asOf == Day("2012-11-01"))
    }

    @Test(
        "a missing source or date is an error at the organisation's line",
        arguments: [
            (
                Self.contactYML.replacingOccurrences(of: "  source: \"IOM Rwanda, programme report\"\n", with: ""),
                "content/contacts.yml:1:1: error: contact 'iom-rwanda' does not say where its details come from; add a "
                    + "line "
                    + "'source: \"...\"' naming the document or the person who gave them, such as 'source: \"IOM "
                    + "Rwanda, "
                    + "Counter Human Trafficking Joint Programme report\"'"
            ),
            (
                "other:\n  name: { rw: B, en: B }\n  source: a leaflet\n" + Self.contactYML,
                "content/contacts.yml:1:1: error: contact 'other' does not say when its details were checked; add a "
                    + "line "
                    + "'as_of: 2012-11' with the year and month of the source or of the last check"
            ),
            (
                Self.contactYML.replacingOccurrences(of: "\"2012-11\"", with: "November 2012"),
                "content/contacts.yml:5:10: error: 'as_of' must be a year and a month, not 'November 2012'; write it "
                    + "as "
                    + "year-month, such as 'as_of: 2012-11' for November 2012"
            ),
        ])
    func missingProvenance(text: String, error: String) {
        let (_, diagnostics) = contacts(text)
        #expect(diagnostics == [error])
    }
}
