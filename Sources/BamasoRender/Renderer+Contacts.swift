import BamasoLoad
import BamasoParse
import BamasoResolve
import Foundation

/// Organisations in forms phones and search engines read: vCards and schema.org JSON-LD.
extension Renderer {
    /// `LANG/vcard/ID.vcf`, for organisations with a phone number or an email address.
    func vCardPath(_ contact: Contact, language: Language) -> String? {
        contact.phones.isEmpty && contact.emails.isEmpty ? nil : "\(language.code)/vcard/\(contact.id).vcf"
    }

    func vCardFiles() -> [OutputFile] {
        contacts.values.sorted { $0.id < $1.id }.flatMap { contact in
            config.languages.compactMap { language in
                vCardPath(contact, language: language).map {
                    OutputFile(path: $0, contents: .text(vCard(contact, language: language)))
                }
            }
        }
    }

    /// A vCard 3.0 (RFC 2426), which every phone's contacts app imports.
    func vCard(_ contact: Contact, language: Language) -> String {
        let name = Escape.vCard(contact.name[language] ?? contact.id)
        var lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:\(name)", "ORG:\(name)", "X-ABShowAs:COMPANY"]
        for phone in contact.phones {
            lines.append("TEL;TYPE=WORK,VOICE:\(Contact.telephoneURI(phone).dropFirst("tel:".count))")
        }
        for email in contact.emails { lines.append("EMAIL;TYPE=INTERNET:\(Escape.vCard(email))") }
        if let address = contact.address[language] { lines.append("ADR;TYPE=WORK:;;\(Escape.vCard(address));;;;") }
        if let description = contact.description[language] { lines.append("NOTE:\(Escape.vCard(description))") }
        for social in contact.social {
            if let url = social.url { lines.append("URL:\(Escape.vCard(url))") }
        }
        lines.append("END:VCARD")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Lines longer than 75 bytes continue on the next line after a space (RFC 2425 §5.8.1),
    /// never inside a UTF-8 character.
    static func fold(_ line: String) -> String {
        var folded = ""
        var length = 0
        for character in line {
            let size = String(character).utf8.count
            if length + size > 75 {
                folded += "\r\n "
                length = 1
            }
            folded.append(character)
            length += size
        }
        return folded
    }

    /// schema.org `Organization` with its `ContactPoint`s, for a contact page's head.
    func jsonLD(_ contact: Contact, language: Language, pageURL: String) -> String {
        // JSONSerialization sorts the keys, and "url" comes after all the others: the JSON of
        // the rest, the same on every page of the organisation, is made once.
        let rest = environment.organisationsJSON.value(
            for: RenderEnvironment.OrganisationKey(id: contact.id, language: language)
        ) {
            Escape.jsonForHTML(organisation(contact, language: language))
        }
        let url = Escape.plainJSONString(pageURL).map { "{\"url\":\($0)}" } ?? Escape.jsonForHTML(["url": pageURL])
        return rest == "{}" ? url : rest.dropLast() + "," + url.dropFirst()
    }

    private func organisation(_ contact: Contact, language: Language) -> [String: Any] {
        var organisation: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": contact.name[language] ?? contact.id,
        ]
        if let description = contact.description[language] { organisation["description"] = description }
        if let address = contact.address[language] {
            organisation["address"] = ["@type": "PostalAddress", "streetAddress": address, "addressCountry": "RW"]
        }
        if let email = contact.emails.first { organisation["email"] = email }
        if !contact.phones.isEmpty {
            organisation["contactPoint"] = contact.phones.map { phone in
                [
                    "@type": "ContactPoint", "telephone": String(telephoneURI(phone).dropFirst("tel:".count)),
                    "contactType": "customer support", "availableLanguage": config.languages.map(\.tag),
                ] as [String: Any]
            }
        }
        let profiles = contact.social.compactMap(\.url)
        if !profiles.isEmpty { organisation["sameAs"] = profiles }
        return organisation
    }

    /// `tel:+250788000000`, worked out once per number.
    func telephoneURI(_ phone: String) -> String {
        environment.telephoneURIs.value(for: phone) { Contact.telephoneURI(phone) }
    }
}
