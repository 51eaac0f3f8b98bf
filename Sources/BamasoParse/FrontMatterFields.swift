import BamasoLoad

/// One key of a page's front matter: what it holds and what it is for. The build reads and
/// checks front matter with these definitions (`FrontMatter.parse`), and `bamaso schema` writes
/// the same definitions as JSON Schemas for editors (`FrontMatterSchema`): one source.
public struct FrontMatterField: Sendable {
    public enum Value: Sendable, Equatable {
        /// Text on one line; empty is refused.
        case text
        /// A list of texts; a single text is read as a list of one.
        case texts
        /// year-month-day.
        case date
        case wholeNumber(minimum: Int?)
        case flag
        case choice([String])
        /// One of the site's languages (`site.yml`'s `languages`).
        case language

        /// The texts of a `choice`.
        var choices: [String] {
            if case .choice(let choices) = self { choices } else { [] }
        }
    }

    public var key: String
    public var value: Value
    /// What it is for, in English, for editors.
    public var summary: String
    /// How to fix a value that is not one of a choice's.
    public var hint: String?

    init(_ key: String, _ value: Value, _ summary: String, hint: String? = nil) {
        self.key = key
        self.value = value
        self.summary = summary
        self.hint = hint
    }
}

extension FrontMatter {
    /// The keys every page may have.
    public static let commonFields = [
        FrontMatterField("title", .text, "The page's title, as the page and the menus show it."),
        FrontMatterField(
            "description", .text,
            "One or two sentences for listings, search engines and shared links; else the first paragraph."),
        FrontMatterField("date", .date, "The day the page refers to (year-month-day), for listings and feeds."),
        FrontMatterField("weight", .wholeNumber(minimum: nil), "Order in its section's listing: lower comes first."),
        FrontMatterField("draft", .flag, "true keeps the page out of the published site."),
        FrontMatterField(
            "printable", .flag,
            "true for a page meant to be printed (a poster): the printed page carries a QR code of its address."),
        FrontMatterField(
            "translation", .choice(FrontMatter.Translation.allCases.map(\.rawValue)),
            "On a translation: draft until a native speaker has reviewed it, then reviewed.",
            hint: "write 'translation: draft' until a native speaker has checked the page"),
        FrontMatterField(
            "translated_from", .text,
            "Written by bamaso translations --ack: the fingerprint of the original when this "
                + "translation last matched it."),
        FrontMatterField(
            "translation_source", .language,
            "The language this page was first written in, when not site.yml's translation_source.",
            hint: "write the language the page was first written in"),
        FrontMatterField(
            "image", .text,
            "A photo or poster in content/media/ shown at the top of the page and where it is shared: "
                + "/media/NAME.jpg"),
        FrontMatterField(
            "image_alt", .text,
            "What the image shows, for people who cannot see it; 'decorative' when it shows nothing the text "
                + "does not say."),
        FrontMatterField(
            "translated_blocks", .texts,
            "Written by bamaso translations --ack: a fingerprint of each block of the original."),
    ]

    /// The keys only pages of `kind` have, and which of all their keys are required.
    public static func fields(of kind: PageKind) -> (fields: [FrontMatterField], required: [String]) {
        switch kind {
        case .risk:
            return (
                [FrontMatterField("key_message", .text, "The one sentence to remember, to text to a friend.")],
                ["title", "key_message"]
            )
        case .school:
            return (
                [
                    FrontMatterField("audience", .text, "Who the material is for (a class, a club)."),
                    FrontMatterField("duration", .text, "How long the activity takes."),
                    FrontMatterField("objectives", .texts, "What the participants will know or be able to do."),
                    FrontMatterField("materials", .texts, "What the facilitator needs."),
                ], ["title", "audience", "duration", "objectives"]
            )
        case .radio:
            return (
                [
                    FrontMatterField("station", .text, "The radio station that broadcast the show."),
                    FrontMatterField("duration_minutes", .wholeNumber(minimum: 1), "The show's length in minutes."),
                    FrontMatterField("guests", .texts, "Who spoke on the show."),
                    FrontMatterField("topics", .texts, "What the show was about."),
                    FrontMatterField("audio", .text, "The recording, a file in content/media/ (media/show.mp3)."),
                ], ["title", "station", "duration_minutes", "guests"]
            )
        case .contact:
            return (
                [FrontMatterField("organisation", .text, "The organisation's ID in content/contacts.yml.")],
                ["title", "organisation"]
            )
        case .home, .section, .plain:
            return ([], ["title"])
        }
    }
}
