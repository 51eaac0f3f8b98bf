import BamasoDiagnostics

extension Contact {
    /// `contacts` checked against the site's languages, once both files are read: a text in a
    /// language the site does not have is an error at its line, a name is required in the
    /// default language, and a language without a text takes its fallback's.
    public static func completed(
        _ contacts: [String: Contact], for site: SiteConfig, into diagnostics: inout [Diagnostic]
    ) -> [String: Contact] {
        let codes = site.languages.map(\.code)
        return contacts.mapValues { contact in
            var contact = contact
            for (language, location) in contact.languageKeys.sorted(by: { $0.value.line < $1.value.line })
            where !site.languages.contains(language) {
                diagnostics.append(
                    .error(
                        at: location, "'\(language.code)' is not one of the site's languages",
                        hint: Suggestion.didYouMean(language.code, in: codes)
                            ?? "the site's languages are \(site.languages.codeList) (site.yml's 'languages')"))
            }
            if !contact.name.isEmpty, contact.name[site.defaultLanguage] == nil {
                diagnostics.append(
                    .error(
                        at: contact.location,
                        "contact '\(contact.id)' has no name in \(site.defaultLanguage.code), the site's first "
                            + "language",
                        hint: "add '\(site.defaultLanguage.code): ...' below its 'name:'"))
            }
            contact.name = site.completed(contact.name)
            contact.description = site.completed(contact.description)
            contact.address = site.completed(contact.address)
            contact.hours = site.completed(contact.hours)
            return contact
        }
    }
}
