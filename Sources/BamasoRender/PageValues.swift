import BamasoParse

/// What a page's layout shows, as typed values: those every page has, those only some pages
/// have (nil when a page has none), and those of its kind (`Kind`). `Renderer.pageValues`
/// makes them; `values` hands them to the templates under their snake_case names, the one
/// place a page's names are written (`Key`), which `LayoutValues` lists for
/// `LayoutValuesTests` to check against the templates.
struct PageValues {
    /// What every page of the language and section shares (`Renderer.sharedValues`).
    var shared: TemplateValues
    var title: String
    var kind: String
    /// The `<title>`: the page's and the site's.
    var headTitle: String
    var description: String
    var canonical: String
    var url: String
    /// The page in the site's other languages, for `hreflang` links.
    var alternates: [TemplateValues]
    /// The language switcher.
    var languages: [TemplateValues]
    /// The body's HTML; nil for the booklet, whose chapters hold the bodies.
    var content: String?
    var translationDraft: Bool
    /// The page's own picture (`<picture>` HTML).
    var image: String?
    var date: TemplateValues?
    /// The section a page belongs to, for its breadcrumb.
    var section: TemplateValues?
    /// The pages a listing lists.
    var children: [TemplateValues]
    var audio: TemplateValues?
    var feeds: [TemplateValues]
    var translationNotice: TemplateValues?
    /// Open Graph values, with an absolute base address only.
    var og: TemplateValues?
    /// On the school section page: the printable booklet.
    var bookletURL: String?
    /// On `printable: true` pages: the QR code of the page's address.
    var printCode: TemplateValues?
    var fields: Kind

    /// The values of a kind's own front-matter fields.
    enum Kind {
        case none
        case risk(keyMessage: String, share: TemplateValues?)
        case school(audience: String, duration: String, objectives: [String], materials: [String])
        case radio(station: String, durationMinutes: String, guests: [String], topics: [String])
        /// A contact page whose organisation is in contacts.yml; `none` when it is not.
        case contact(organisation: TemplateValues, jsonLD: String)

        /// The names of the values of `kind`'s pages.
        static func keys(of kind: PageKind) -> [Key] {
            switch kind {
            case .home, .plain: []
            case .section: [.bookletURL]
            case .risk: [.keyMessage, .share]
            case .school: [.audience, .duration, .objectives, .materials]
            case .radio: [.station, .durationMinutes, .guests, .topics]
            case .contact: [.organisation, .jsonLD]
            }
        }
    }

    /// Every name a page's values have in the templates, but the shared ones.
    enum Key: String, CaseIterable {
        case title, kind, description, canonical, url, alternates, languages, content, date, section, children
        case audio, feeds, og, image
        case headTitle = "head_title"
        case translationDraft = "translation_draft"
        case translationNotice = "translation_notice"
        case printCode = "print_code"
        case bookletURL = "booklet_url"
        case keyMessage = "key_message"
        case share, audience, duration, objectives, materials
        case station
        case durationMinutes = "duration_minutes"
        case guests, topics, organisation
        case jsonLD = "json_ld"

        /// The names every page may have, whatever its kind.
        static let common = allCases.filter { key in !PageKind.allCases.contains { Kind.keys(of: $0).contains(key) } }
    }

    /// The values as the templates see them: only those the page has.
    var values: TemplateValues {
        var values = shared
        func set(_ key: Key, _ value: Any?) {
            if let value { values[key.rawValue] = value }
        }
        set(.title, title)
        set(.kind, kind)
        set(.headTitle, headTitle)
        set(.description, description)
        set(.canonical, canonical)
        set(.url, url)
        set(.alternates, alternates)
        set(.languages, languages)
        set(.content, content)
        set(.translationDraft, translationDraft)
        set(.image, image)
        set(.date, date)
        set(.section, section)
        set(.children, children)
        set(.audio, audio)
        set(.feeds, feeds)
        set(.translationNotice, translationNotice)
        set(.og, og)
        set(.bookletURL, bookletURL)
        set(.printCode, printCode)
        switch fields {
        case .none:
            break
        case .risk(let keyMessage, let share):
            set(.keyMessage, keyMessage)
            set(.share, share)
        case .school(let audience, let duration, let objectives, let materials):
            set(.audience, audience)
            set(.duration, duration)
            set(.objectives, objectives)
            set(.materials, materials)
        case .radio(let station, let durationMinutes, let guests, let topics):
            set(.station, station)
            set(.durationMinutes, durationMinutes)
            set(.guests, guests)
            set(.topics, topics)
        case .contact(let organisation, let jsonLD):
            set(.organisation, organisation)
            set(.jsonLD, jsonLD)
        }
        return values
    }
}
