import BamasoDiagnostics
import BamasoLoad
import Yams

/// A page's front matter, validated for its kind.
public struct FrontMatter: Sendable, Equatable {
    public enum Translation: String, Sendable, CaseIterable { case draft, reviewed }

    /// The fields only some kinds have.
    public enum Fields: Sendable, Equatable {
        case none
        case risk(keyMessage: String)
        case school(audience: String, duration: String, objectives: [String], materials: [String])
        case radio(
            station: String, durationMinutes: Int, guests: [String], topics: [String],
            audio: String? = nil, audioLocation: FileLocation? = nil)
        case contact(organisation: String, location: FileLocation)
    }

    public var title: String
    public var description: String?
    public var date: Day?
    public var weight: Int?
    public var draft: Bool
    /// The page is meant to be printed (a poster): it carries a QR code of its own address.
    public var printable = false
    public var translation: Translation?
    /// On a translation: the fingerprint of its source page when it was last brought up to
    /// date (`bamaso translations --ack`). It differs from the source's current fingerprint
    /// once the source has changed.
    public var translatedFrom: String?
    /// On a translation: one short fingerprint per block of its source page when it was last
    /// brought up to date (`TranslationBlock`), to say which blocks changed since.
    public var translatedBlocks: [String]?
    /// Overrides, for this page's pair, which language is the original (site.yml's
    /// `translation_source`).
    public var translationSource: Language?
    public var fields: Fields
    /// The picture at the top of the page, also shown where it is shared (`image:`), as
    /// written: `/media/umuganda.jpg`; and its description (`image_alt:`, "decorative" for none).
    public var image: String?
    public var imageAlt: String?
    /// The line of each key, for saying where a text is (`translationBlocks`) and where an
    /// error is. Compared with the rest: a preview rebuild after keys moved must not reuse a
    /// page whose errors name their old lines.
    public var lines: [String: Int] = [:]

    public init(
        title: String, description: String? = nil, date: Day? = nil, weight: Int? = nil,
        draft: Bool = false, translation: Translation? = nil, translatedFrom: String? = nil,
        translationSource: Language? = nil, fields: Fields = .none, translatedBlocks: [String]? = nil
    ) {
        self.title = title
        self.description = description
        self.date = date
        self.weight = weight
        self.draft = draft
        self.translation = translation
        self.translatedFrom = translatedFrom
        self.translationSource = translationSource
        self.fields = fields
        self.translatedBlocks = translatedBlocks
    }

    /// Keys other site generators use to set a page's address. bamaso takes the address from
    /// the file's place and name only, so no front matter can point a page elsewhere (`../`).
    static let addressKeyHints = Dictionary(
        uniqueKeysWithValues: ["url", "slug", "permalink", "path", "aliases"].map {
            (
                $0,
                "a page's address comes from its folder and file name; to change it, rename the file (lowercase "
                    + "letters, digits and hyphens)"
            )
        })

    /// Validates the YAML of a page of `kind`. Every problem is reported, not only the first;
    /// values that could not be read are left empty, so the rest of the page (its links, its
    /// components) can still be checked in the same run. The build fails on the errors anyway.
    static func parse(
        _ yaml: String, kind: PageKind, languages: [Language], reader: YAMLReader,
        into diagnostics: inout [Diagnostic]
    ) -> FrontMatter {
        let start = FileLocation(path: reader.path, line: reader.firstLine - 1)
        guard let root = reader.compose(yaml, into: &diagnostics) else {
            if !diagnostics.contains(where: { $0.location.path == reader.path }) {
                diagnostics.append(
                    .error(
                        at: start, "the front matter is empty",
                        hint: "give the page at least a line 'title: ...'"))
            }
            return FrontMatter(title: "")
        }
        guard let fields = reader.fields(of: root, what: "the front matter", into: &diagnostics) else {
            return FrontMatter(title: "")
        }
        let (kindFields, required) = Self.fields(of: kind)
        let allowed = commonFields + kindFields
        reader.checkKeys(
            fields, allowed: allowed.map(\.key), required: required,
            what: "the front matter of this \(kind.displayName)", at: start,
            unknownKeyHints: addressKeyHints, into: &diagnostics)

        var values = Values()
        let definitions = Dictionary(uniqueKeysWithValues: allowed.map { ($0.key, $0) })
        for field in fields {
            // An unknown key is reported above.
            if let definition = definitions[field.key] {
                values.read(field, as: definition, languages: languages, reader: reader, into: &diagnostics)
            }
        }
        var frontMatter = FrontMatter(
            title: values.strings["title"] ?? "", description: values.strings["description"], date: values.days["date"],
            weight: values.numbers["weight"], draft: values.flags["draft"] ?? false,
            translation: values.strings["translation"].flatMap(Translation.init(rawValue:)),
            translatedFrom: values.strings["translated_from"],
            translationSource: values.strings["translation_source"].map(Language.init),
            translatedBlocks: values.lists["translated_blocks"])
        frontMatter.printable = values.flags["printable"] ?? false
        frontMatter.lines = values.locations.mapValues(\.line)
        frontMatter.image = values.strings["image"]
        frontMatter.imageAlt = values.strings["image_alt"]
        if let image = frontMatter.image, frontMatter.imageAlt == nil {
            diagnostics.append(
                .error(
                    at: values.locations["image"] ?? start,
                    "this image has no description for people who cannot see it",
                    hint: "add a line 'image_alt: what the image shows', or 'image_alt: decorative' when it shows "
                        + "nothing the text does not say (\(image))"))
        }
        switch kind {
        case .risk:
            frontMatter.fields = .risk(keyMessage: values.strings["key_message"] ?? "")
        case .school:
            frontMatter.fields = .school(
                audience: values.strings["audience"] ?? "", duration: values.strings["duration"] ?? "",
                objectives: values.lists["objectives"] ?? [], materials: values.lists["materials"] ?? [])
        case .radio:
            frontMatter.fields = .radio(
                station: values.strings["station"] ?? "", durationMinutes: values.numbers["duration_minutes"] ?? 0,
                guests: values.lists["guests"] ?? [], topics: values.lists["topics"] ?? [],
                audio: values.strings["audio"],
                audioLocation: values.strings["audio"] == nil ? nil : values.locations["audio"])
        case .contact:
            frontMatter.fields = .contact(
                organisation: values.strings["organisation"] ?? "",
                location: values.locations["organisation"] ?? start)
        case .home, .section, .plain:
            break
        }
        return frontMatter
    }

    /// The values read so far, before they are checked against the kind.
    private struct Values {
        var strings: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var days: [String: Day] = [:]
        var numbers: [String: Int] = [:]
        var flags: [String: Bool] = [:]
        var locations: [String: FileLocation] = [:]

        /// Reads `field` as `definition` says; a value that cannot be read is reported and left out.
        mutating func read(
            _ field: YAMLReader.Field, as definition: FrontMatterField, languages: [Language], reader: YAMLReader,
            into diagnostics: inout [Diagnostic]
        ) {
            let key = field.key
            locations[key] = reader.location(of: field.value)
            switch definition.value {
            case .text: strings[key] = reader.string(field, into: &diagnostics)
            case .texts: lists[key] = reader.strings(field, into: &diagnostics)
            case .date: days[key] = reader.day(field, into: &diagnostics)
            case .flag: flags[key] = reader.bool(field, into: &diagnostics)
            case .wholeNumber(let minimum):
                numbers[key] = reader.int(field, into: &diagnostics)
                if let minimum, let number = numbers[key], number < minimum {
                    diagnostics.append(
                        .error(
                            at: reader.location(of: field.value),
                            "'\(key)' must be more than \(minimum - 1)"))
                }
            case .choice, .language:
                let choices = definition.value == .language ? languages.map(\.code) : definition.value.choices
                guard let text = reader.string(field, into: &diagnostics) else { return }
                guard choices.contains(text) else {
                    diagnostics.append(
                        .error(
                            at: reader.location(of: field.value),
                            "'\(key)' must be \(choices.map { "'\($0)'" }.joined(separator: " or ")), not '\(text)'",
                            hint: definition.hint))
                    return
                }
                strings[key] = text
            }
        }
    }
}

extension FrontMatter {
    /// The words a translator translates, for fingerprinting: title, description and the
    /// kind's text fields. Dates, weights and bookkeeping keys are left out, so changing
    /// them does not make translations outdated.
    var translatableText: [String] {
        var texts = [title, description ?? ""]
        switch fields {
        case .none: break
        case .risk(let keyMessage): texts.append(keyMessage)
        case .school(let audience, let duration, let objectives, let materials):
            texts += [audience, duration] + objectives + materials
        case .radio(let station, let minutes, let guests, let topics, _, _):
            texts += [station, String(minutes)] + guests + topics
        case .contact(let organisation, _): texts.append(organisation)
        }
        return texts
    }
}

extension PageKind {
    /// How error messages name a page of this kind.
    public var displayName: String {
        switch self {
        case .home: "home page"
        case .section: "section page"
        case .risk: "risk message"
        case .school: "school-club material"
        case .radio: "radio show"
        case .contact: "contact page"
        case .plain: "page"
        }
    }
}
