import BamasoDiagnostics
import Yams

/// An organisation from `content/contacts.yml`.
public struct Contact: Sendable, Equatable {
    public struct Social: Sendable, Equatable {
        public var network: String
        public var handle: String
        public var url: String?
    }

    public var id: String
    public var name: [Language: String]
    public var description: [Language: String]
    public var address: [Language: String]
    public var hours: [Language: String]
    public var phones: [String]
    public var emails: [String]
    public var social: [Social]
    /// Where the details come from, such as the programme report: every organisation says.
    public var source: String
    /// The month the details were taken from `source` or last checked (`as_of: 2012-11`),
    /// as its first day; pages show "details as of November 2012".
    public var asOf: Day?
    public var location: FileLocation
    /// Where a text in each language was first written, to check the languages against
    /// `site.yml`'s once both are read (`completed(for:into:)`).
    public var languageKeys: [Language: FileLocation] = [:]

    /// The number for a `tel:` link: digits and a leading `+`; a trunk "(0)" is dropped.
    public static func telephoneURI(_ phone: String) -> String {
        let withoutTrunk = phone.replacingOccurrences(of: "(0)", with: "")
        var digits = withoutTrunk.filter(\.isNumber)
        if withoutTrunk.trimmingCharacters(in: .whitespaces).hasPrefix("+") { digits = "+" + digits }
        return "tel:" + digits
    }

    static let keys = ["name", "description", "address", "hours", "phones", "emails", "social", "source", "as_of"]

    /// Reads `contacts.yml`, a mapping from ID to organisation.
    public static func parse(_ file: SourceFile, into diagnostics: inout [Diagnostic]) -> [String: Contact] {
        let reader = YAMLReader(path: file.path)
        guard let root = reader.compose(file.text, into: &diagnostics),
            let entries = reader.fields(of: root, what: "contacts.yml", into: &diagnostics)
        else { return [:] }
        var contacts: [String: Contact] = [:]
        for entry in entries {
            if !Slug.isValid(entry.key) {
                diagnostics.append(
                    .error(
                        at: entry.location, "contact ID '\(entry.key)' is not valid",
                        hint: "use lowercase letters, digits and hyphens, such as 'iom-rwanda'"))
            }
            guard let fields = reader.fields(of: entry.value, what: "contact '\(entry.key)'", into: &diagnostics)
            else { continue }
            reader.checkKeys(
                fields, allowed: keys, required: ["name"], what: "contact '\(entry.key)'",
                at: entry.location, into: &diagnostics)
            var contact = Contact(
                id: entry.key, name: [:], description: [:], address: [:], hours: [:],
                phones: [], emails: [], social: [], source: "", asOf: nil, location: entry.location)
            func localized(_ field: YAMLReader.Field) -> [Language: String]? {
                reader.localized(field, languages: nil, keys: &contact.languageKeys, into: &diagnostics)
            }
            for field in fields {
                switch field.key {
                case "name": contact.name = localized(field) ?? [:]
                case "description": contact.description = localized(field) ?? [:]
                case "address": contact.address = localized(field) ?? [:]
                case "hours": contact.hours = localized(field) ?? [:]
                case "phones": contact.phones = reader.strings(field, into: &diagnostics) ?? []
                case "emails":
                    contact.emails = reader.strings(field, into: &diagnostics) ?? []
                    for email in contact.emails where !email.contains("@") || email.contains(" ") {
                        diagnostics.append(
                            .error(
                                at: reader.location(of: field.value),
                                "'\(email)' is not an email address"))
                    }
                case "social": contact.social = parseSocial(field, reader: reader, into: &diagnostics)
                case "source": contact.source = reader.string(field, into: &diagnostics) ?? ""
                case "as_of": contact.asOf = parseMonth(field, reader: reader, into: &diagnostics)
                default: break
                }
            }
            checkProvenance(of: entry, fields: fields, into: &diagnostics)
            contacts[entry.key] = contact
        }
        return contacts
    }

    /// Visitors are told how old the details are, and editors where they come from: an
    /// organisation without `source` or `as_of` is an error at its line.
    private static func checkProvenance(
        of entry: YAMLReader.Field, fields: [YAMLReader.Field], into diagnostics: inout [Diagnostic]
    ) {
        let present = Set(fields.map(\.key))
        if !present.contains("source") {
            diagnostics.append(
                .error(
                    at: entry.location, "contact '\(entry.key)' does not say where its details come from",
                    hint: "add a line 'source: \"...\"' naming the document or the person who gave them, such as "
                        + "'source: \"IOM Rwanda, Counter Human Trafficking Joint Programme report\"'"))
        }
        if !present.contains("as_of") {
            diagnostics.append(
                .error(
                    at: entry.location, "contact '\(entry.key)' does not say when its details were checked",
                    hint: "add a line 'as_of: 2012-11' with the year and month of the source or of the last check"))
        }
    }

    /// `2012-11`: a year and a month, read as the month's first day.
    private static func parseMonth(
        _ field: YAMLReader.Field, reader: YAMLReader, into diagnostics: inout [Diagnostic]
    ) -> Day? {
        guard let text = reader.string(field, into: &diagnostics) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 4, parts[1].count == 2, let day = Day(text + "-01") { return day }
        diagnostics.append(
            .error(
                at: reader.location(of: field.value), "'as_of' must be a year and a month, not '\(text)'",
                hint: "write it as year-month, such as 'as_of: 2012-11' for November 2012"))
        return nil
    }

    private static func parseSocial(
        _ field: YAMLReader.Field, reader: YAMLReader, into diagnostics: inout [Diagnostic]
    ) -> [Social] {
        guard case .sequence(let items) = field.value else {
            diagnostics.append(
                .error(
                    at: reader.location(of: field.value), "'social' must be a list",
                    hint: "write one '- { network: Twitter, handle: \"@name\" }' line per account"))
            return []
        }
        return items.compactMap { item in
            guard let fields = reader.fields(of: item, what: "an account in 'social'", into: &diagnostics) else {
                return nil
            }
            reader.checkKeys(
                fields, allowed: ["network", "handle", "url"], required: ["network", "handle"],
                what: "an account in 'social'", at: reader.location(of: item), into: &diagnostics)
            var social = Social(network: "", handle: "", url: nil)
            for field in fields {
                switch field.key {
                case "network": social.network = reader.string(field, into: &diagnostics) ?? ""
                case "handle": social.handle = reader.string(field, into: &diagnostics) ?? ""
                case "url":
                    social.url = reader.string(field, into: &diagnostics)
                    // It becomes a link on the contact card: only a web address, never `javascript:`.
                    if let url = social.url,
                        !["https://", "http://"].contains(where: { url.lowercased().hasPrefix($0) })
                    {
                        diagnostics.append(
                            .error(
                                at: reader.location(of: field.value),
                                "'\(url)' is not a web address",
                                hint: "write the full address, starting with https://, such as "
                                    + "'https://twitter.com/IOMRwanda'"))
                        social.url = nil
                    }
                default: break
                }
            }
            return social.network.isEmpty || social.handle.isEmpty ? nil : social
        }
    }
}
