import Foundation

/// Edits of the theme (layouts, partials, components, strings, static files) and of the files
/// every page reads: site.yml and contacts.yml.
extension IncrementalBuildTests {
    static let themeEdits: [Edit] = [
        // Templates.
        Edit(description: "a layout: the section pages'") {
            try $0.replace(
                "templates/layouts/section.mustache", "<h1>{{title}}</h1>",
                "<h1 class=\"section-title\">{{title}}</h1>")
        },
        Edit(description: "the base layout, which every page extends") {
            try $0.replace(
                "templates/layouts/base.mustache", "<body class=\"kind-{{kind}}\">",
                "<body class=\"kind-{{kind}} edited\">")
        },
        Edit(description: "a partial every page includes: the footer") {
            try $0.replace(
                "templates/partials/footer.mustache", "<footer class=\"site-footer\">",
                "<footer class=\"site-footer edited\">")
        },
        Edit(description: "the partial of listings") {
            try $0.replace("templates/partials/children.mustache", "<li class=\"card\">", "<li class=\"card edited\">")
        },
        Edit(description: "the partial of page headers") {
            try $0.replace(
                "templates/partials/page-header.mustache", "<p class=\"breadcrumb\">",
                "<p class=\"breadcrumb edited\">")
        },
        Edit(description: "a new partial, and a layout that includes it") {
            try $0.create("templates/partials/note.mustache", "<p class=\"note\">{{t.share}}</p>\n")
                + $0.replace(
                    "templates/layouts/risk.mustache", "{{> partials.page-header}}",
                    "{{> partials.page-header}}\n{{> partials.note}}")
        },
        Edit(description: "the new partial edited") {
            try $0.replace("templates/partials/note.mustache", "<p class=\"note\">", "<p class=\"note edited\">")
        },
        Edit(description: "a component template: tables") {
            try $0.replace(
                "templates/components/table.mustache", "<div class=\"table-wrap\"",
                "<div class=\"table-wrap edited\"")
        },
        Edit(description: "a component template: callouts") {
            try $0.replace(
                "templates/components/callout.mustache", "<aside class=\"callout",
                "<aside class=\"edited callout")
        },
        Edit(description: "a component template: contact cards, on the contact pages") {
            try $0.replace(
                "templates/components/contact.mustache", "<h2>{{name}}</h2>",
                "<h2 class=\"org\">{{name}}</h2>")
        },
        Edit(description: "a component template: audio players, in a page's text and in the radio layout") {
            try $0.replace(
                "templates/components/audio.mustache", "<figure class=\"audio\">",
                "<figure class=\"audio edited\">")
        },
        // Interface strings.
        Edit(description: "a Kinyarwanda string, on every Kinyarwanda page") {
            try $0.replace("templates/i18n/rw.yml", "menu: \"Ibikubiyemo\"", "menu: \"Urutonde\"")
        },
        Edit(description: "an English string the audio component uses") {
            try $0.replace(
                "templates/i18n/en.yml", "download_audio: \"Download the recording\"",
                "download_audio: \"Download the show\"")
        },
        Edit(description: "an English string the contact card uses") {
            try $0.replace("templates/i18n/en.yml", "phone: \"Phone\"", "phone: \"Telephone\"")
        },
        Edit(description: "a string deleted from the Kinyarwanda file: an error") {
            try $0.replace("templates/i18n/rw.yml", "phone: \"Telefoni\"\n", "")
        },
        Edit(description: "the string put back") {
            try $0.replace("templates/i18n/rw.yml", "email: \"Imeri\"", "phone: \"Telefoni\"\nemail: \"Imeri\"")
        },
        Edit(description: "a new string in the English file only, which a layout uses: an error") {
            try $0.append("templates/i18n/en.yml", "print: \"Print this booklet\"\n")
                + $0.replace(
                    "templates/layouts/booklet.mustache", "<h1>{{title}}</h1>",
                    "<h1>{{title}}</h1>\n<p>{{t.print}}</p>")
        },
        Edit(description: "the string added to the Kinyarwanda file") {
            try $0.append("templates/i18n/rw.yml", "print: \"Capa aka gatabo\"\n")
        },
        Edit(description: "a static file added") {
            try $0.create("templates/static/print.css", "body { color: black; }\n")
        },
        Edit(description: "the static file removed") { try $0.remove("templates/static/print.css") },
        // site.yml.
        Edit(description: "site.yml: the description, on the landing page") {
            try $0.replace(
                Paths.siteYML, "en: \"Be alert to human trafficking.\"",
                "en: \"Stay alert to human trafficking.\"")
        },
        Edit(description: "site.yml: the sections reordered, which reorders every menu and the home page") {
            try $0.replace(
                Paths.siteYML, "sections: [risks, schools, radio, about, contact]",
                "sections: [risks, radio, schools, about, contact]")
        },
        Edit(description: "site.yml: the help contact taken off, so no page has a help strip") {
            try $0.replace(Paths.siteYML, "help:\n  contact: iom-rwanda\n", "")
        },
        Edit(description: "site.yml: the help contact back") {
            try $0.append(Paths.siteYML, "help:\n  contact: iom-rwanda\n")
        },
        Edit(description: "site.yml: the address the site is published at, in every absolute address") {
            try $0.replace(
                Paths.siteYML, "base_url: \"https://example.org/bamaso/\"",
                "base_url: \"https://bamaso.example.rw/\"")
        },
        Edit(description: "site.yml: the languages' order, which makes English the default") {
            try $0.replace(
                Paths.siteYML, "languages: [rw, { code: en, locale: en_GB }]",
                "languages: [{ code: en, locale: en_GB }, rw]")
        },
        Edit(description: "site.yml: a language's name and Open Graph locale, which the switcher and every page show") {
            try $0.replace(
                Paths.siteYML, "{ code: en, locale: en_GB }", "{ code: en, locale: en_RW, name: \"English (Rwanda)\" }")
        },
        Edit(description: "site.yml: translations are written from English") {
            try $0.append(Paths.siteYML, "translation_source: en\n")
        },
        // contacts.yml.
        Edit(description: "contacts.yml: an address, on the contact card, in the vCard and the JSON-LD") {
            try $0.replace(
                Paths.contacts, "en: \"KG 632 St, Kimihurura, Kigali\"",
                "en: \"KG 632 Street, Kimihurura, Kigali\"")
        },
        Edit(description: "contacts.yml: the organisation's name, in the help strip of every page") {
            try $0.replace(
                Paths.contacts, "name: { rw: \"IOM Rwanda\", en: \"IOM Rwanda\" }",
                "name: { rw: \"IOM Rwanda\", en: \"IOM in Rwanda\" }")
        },
        Edit(description: "contacts.yml: the first phone number taken off, which the help strip shows") {
            try $0.replace(Paths.contacts, "phones: [\"+250 252 586 710\", ", "phones: [")
        },
        Edit(description: "contacts.yml: opening hours added") {
            try $0.replace(
                Paths.contacts, "  emails: [",
                "  hours: { rw: \"Kuwa mbere kugeza kuwa gatanu\", en: \"Monday to Friday\" }\n  emails: [")
        },
        Edit(description: "contacts.yml: a description added, in the JSON-LD and the vCard") {
            try $0.replace(
                Paths.contacts, "  address:",
                "  description: { rw: \"Ishami rya Loni\", en: \"The UN migration agency\" }\n  address:")
        },
        Edit(description: "contacts.yml: the help contact's last phone and its email taken off: its vCards gone") {
            try $0.replace(Paths.contacts, "  phones: [\"+250 (0) 786 134 270\"]\n", "")
                + $0.replace(Paths.contacts, "  emails: [\"iomrwanda@iom.int\"]\n", "")
        },
        Edit(description: "contacts.yml: an email back: its vCards back") {
            try $0.replace(Paths.contacts, "  social:", "  emails: [\"iomrwanda@iom.int\"]\n  social:")
        },
    ]
}
