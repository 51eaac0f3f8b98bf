import Foundation

/// Errors anywhere in the project, other edits while they stand, then their fixes: the build
/// after a fix must report and write exactly what a full build does.
extension IncrementalBuildTests {
    static let errorEdits: [Edit] = [
        Edit(description: "a string deleted from the Kinyarwanda file that a layout uses: an error") {
            try $0.replace("templates/i18n/rw.yml", "key_message: \"Ibuka:\"\n", "")
        },
        Edit(description: "a page edited while the error stands") {
            try $0.replace(Paths.forcedLabour, "Tell someone you trust.", "Tell someone you trust at once.")
        },
        Edit(description: "the string put back") {
            try $0.replace("templates/i18n/rw.yml", "audience:", "key_message: \"Ibuka:\"\naudience:")
        },
        Edit(description: "a broken site.yml: an error") {
            try $0.replace(
                Paths.siteYML, "sections: [risks, schools, radio, about, contact]",
                "sections: [risks, schools")
        },
        Edit(description: "a page edited while site.yml is broken") {
            try $0.replace(Paths.risk, "title: \"Fake job offers\"", "title: \"Job offers that lie\"")
        },
        Edit(description: "site.yml fixed") {
            try $0.replace(
                Paths.siteYML, "sections: [risks, schools",
                "sections: [risks, schools, radio, about, contact]")
        },
        Edit(description: "a broken contacts.yml: an error") {
            try $0.replace(Paths.contacts, "emails: [\"iomrwanda@iom.int\"]", "emails: [\"iomrwanda@iom.int\"")
        },
        Edit(description: "contacts.yml fixed, with a new address") {
            try $0.replace(Paths.contacts, "emails: [\"iomrwanda@iom.int\"", "emails: [\"info@iom.int\"]")
        },
        Edit(description: "a broken partial: an error") {
            try $0.replace("templates/partials/header.mustache", "{{/menu}}", "{{/menus}}")
        },
        Edit(description: "a page and a string edited while the partial is broken") {
            try $0.replace(Paths.forcedLabour, "title: \"Forced labour\"", "title: \"Forced work\"")
                + $0.replace("templates/i18n/en.yml", "menu: \"Menu\"", "menu: \"Sections\"")
        },
        Edit(description: "the partial fixed") {
            try $0.replace("templates/partials/header.mustache", "{{/menus}}", "{{/menu}}")
        },
        Edit(description: "a layout deleted: an error for the pages that use it") {
            try $0.setAside("templates/layouts/radio.mustache")
        },
        Edit(description: "the layout back") { try $0.putBack("templates/layouts/radio.mustache") },
        Edit(description: "a front-matter key misspelt: an error") {
            try $0.replace(Paths.forcedLabour, "title: \"Forced work\"", "titel: \"Forced work\"")
        },
        Edit(description: "a second error, in another page") {
            try $0.replace(Paths.school, "duration: \"45 minutes\"", "duration: [45 minutes")
        },
        Edit(description: "the first fixed, the second still there") {
            try $0.replace(Paths.forcedLabour, "titel: \"Forced work\"", "title: \"Forced labour\"")
        },
        Edit(description: "the second fixed, with another edit of the page") {
            try $0.replace(Paths.school, "duration: [45 minutes", "duration: \"50 minutes\"")
        },
        Edit(description: "a new page with a broken front matter: an error") {
            try $0.create(
                "content/risks/debt-bondage.en.md",
                "---\ntitle: \"Debt bondage\nkey_message: \"Ask.\"\n---\nText.\n")
        },
        Edit(description: "the new page fixed, and its title changed") {
            try $0.create(
                "content/risks/debt-bondage.en.md",
                "---\ntitle: \"Debts\"\nkey_message: \"Ask.\"\n---\nText.\n")
        },
        Edit(description: "an error in the theme and in a page at once") {
            try $0.replace("templates/layouts/risk.mustache", "{{t.key_message}}", "{{t.key_mesage}}")
                + $0.replace(Paths.riskRW, "weight: 1", "weight: one")
        },
        Edit(description: "both fixed at once") {
            try $0.replace("templates/layouts/risk.mustache", "{{t.key_mesage}}", "{{t.key_message}}")
                + $0.replace(Paths.riskRW, "weight: one", "weight: 1")
        },
    ]
}
