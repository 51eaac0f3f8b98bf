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
    public var translation: Translation?
    /// On a translation: the fingerprint of its source page when it was last brought up to
    /// date (`bamaso translations --ack`). It differs from the source's current fingerprint
    /// once the source has changed.
    public var translatedFrom: String?
    /// Overrides, for this page's pair, which language is the original (site.yml's
    /// `translation_source`).
    public var translationSource: Language?
    public var fields: Fields

    public init(
        title: String, description: String? = nil, date: Day? = nil, weight: Int? = nil,
        draft: Bool = false, translation: Translation? = nil, translatedFrom: String? = nil,
        translationSource: Language? = nil, fields: Fields = .none
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
    }

    static let commonKeys = ["title", "description", "date", "weight", "draft", "translation", "translated_from",
                             "translation_source"]

    /// Keys other site generators use to set a page's address. bamaso takes the address from
    /// the file's place and name only, so no front matter can point a page elsewhere (`../`).
    static let addressKeyHints = Dictionary(uniqueKeysWithValues: ["url", "slug", "permalink", "path", "aliases"].map {
        ($0, "a page's address comes from its folder and file name; to change it, rename the file (lowercase "
            + "letters, digits and hyphens)")
    })

    /// Keys allowed, and required, on each kind of page besides the common ones.
    static func schema(for kind: PageKind) -> (allowed: [String], required: [String]) {
        switch kind {
        case .risk: (["key_message"], ["key_message"])
        case .school: (["audience", "duration", "objectives", "materials"], ["audience", "duration", "objectives"])
        case .radio: (["station", "duration_minutes", "guests", "topics", "audio"], ["station", "duration_minutes", "guests"])
        case .contact: (["organisation"], ["organisation"])
        case .home, .section, .plain: ([], [])
        }
    }

    /// Validates the YAML of a page of `kind`. Every problem is reported, not only the first;
    /// values that could not be read are left empty, so the rest of the page (its links, its
    /// components) can still be checked in the same run. The build fails on the errors anyway.
    static func parse(
        _ yaml: String, kind: PageKind, reader: YAMLReader, into diagnostics: inout [Diagnostic]
    ) -> FrontMatter {
        let start = FileLocation(path: reader.path, line: reader.firstLine - 1)
        guard let root = reader.compose(yaml, into: &diagnostics) else {
            if !diagnostics.contains(where: { $0.location.path == reader.path }) {
                diagnostics.append(.error(at: start, "the front matter is empty",
                                          hint: "give the page at least a line 'title: ...'"))
            }
            return FrontMatter(title: "")
        }
        guard let fields = reader.fields(of: root, what: "the front matter", into: &diagnostics) else {
            return FrontMatter(title: "")
        }
        let schema = schema(for: kind)
        reader.checkKeys(fields, allowed: commonKeys + schema.allowed, required: ["title"] + schema.required,
                         what: "the front matter of this \(kind.displayName)", at: start,
                         unknownKeyHints: addressKeyHints, into: &diagnostics)

        var values = Values()
        for field in fields {
            values.read(field, reader: reader, into: &diagnostics)
        }
        var frontMatter = FrontMatter(
            title: values.title ?? "", description: values.description, date: values.date, weight: values.weight,
            draft: values.draft ?? false, translation: values.translation, translatedFrom: values.strings["translated_from"],
            translationSource: values.translationSource)
        switch kind {
        case .risk:
            frontMatter.fields = .risk(keyMessage: values.strings["key_message"] ?? "")
        case .school:
            frontMatter.fields = .school(
                audience: values.strings["audience"] ?? "", duration: values.strings["duration"] ?? "",
                objectives: values.lists["objectives"] ?? [], materials: values.lists["materials"] ?? [])
        case .radio:
            frontMatter.fields = .radio(
                station: values.strings["station"] ?? "", durationMinutes: values.durationMinutes ?? 0,
                guests: values.lists["guests"] ?? [], topics: values.lists["topics"] ?? [],
                audio: values.strings["audio"], audioLocation: values.strings["audio"] == nil ? nil : values.locations["audio"])
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
        var title: String?
        var description: String?
        var date: Day?
        var weight: Int?
        var draft: Bool?
        var translation: Translation?
        var translationSource: Language?
        var durationMinutes: Int?
        var strings: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var locations: [String: FileLocation] = [:]

        mutating func read(_ field: YAMLReader.Field, reader: YAMLReader, into diagnostics: inout [Diagnostic]) {
            locations[field.key] = reader.location(of: field.value)
            switch field.key {
            case "title": title = reader.string(field, into: &diagnostics)
            case "description": description = reader.string(field, into: &diagnostics)
            case "date": date = reader.day(field, into: &diagnostics)
            case "weight": weight = reader.int(field, into: &diagnostics)
            case "draft": draft = reader.bool(field, into: &diagnostics)
            case "duration_minutes":
                durationMinutes = reader.int(field, into: &diagnostics)
                if let minutes = durationMinutes, minutes <= 0 {
                    diagnostics.append(.error(at: reader.location(of: field.value),
                                              "'duration_minutes' must be more than 0"))
                }
            case "translation":
                guard let text = reader.string(field, into: &diagnostics) else { return }
                translation = Translation(rawValue: text)
                if translation == nil {
                    diagnostics.append(.error(
                        at: reader.location(of: field.value), "'translation' must be 'draft' or 'reviewed', not '\(text)'",
                        hint: "write 'translation: draft' until a native speaker has checked the page"))
                }
            case "translation_source":
                guard let text = reader.string(field, into: &diagnostics) else { return }
                translationSource = Language(rawValue: text)
                if translationSource == nil {
                    diagnostics.append(.error(
                        at: reader.location(of: field.value), "'translation_source' must be rw or en, not '\(text)'",
                        hint: "write the language the page was first written in"))
                }
            case "objectives", "materials", "guests", "topics":
                lists[field.key] = reader.strings(field, into: &diagnostics)
            case "key_message", "audience", "duration", "station", "organisation", "audio", "translated_from":
                strings[field.key] = reader.string(field, into: &diagnostics)
            default:
                break
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
