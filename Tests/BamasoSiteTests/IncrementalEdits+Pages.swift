import Foundation

/// Pages added, deleted and renamed; translations added and removed; drafts.
extension IncrementalBuildTests {
    static let pageEdits: [Edit] = [
        Edit(description: "a page in English only: listed with a marking in the Kinyarwanda section") {
            try $0.create(
                "content/risks/debt-bondage.en.md",
                """
                ---
                title: "Debt bondage"
                key_message: "A debt is no reason to work for nothing."
                weight: 3
                ---
                Traffickers make people pay back a debt that never ends.

                """)
        },
        Edit(description: "a link to it from a Kinyarwanda page, which leads to the English page") {
            try $0.append(Paths.riskRW, "\nReba [ideni](@/risks/debt-bondage).\n")
        },
        Edit(description: "its translation added: no more marking, the switcher leads to it") {
            try $0.create(
                "content/risks/debt-bondage.rw.md",
                """
                ---
                title: "Ubucakara bw'ideni"
                key_message: "Ideni si impamvu yo gukorera ubusa."
                weight: 3
                translation: draft
                ---
                Abacuruza abantu babishyuza ideni ritarangira.

                """)
        },
        Edit(description: "the translation deleted again") { try $0.remove("content/risks/debt-bondage.rw.md") },
        Edit(description: "a page renamed: the old address gone, links to it broken") {
            try $0.rename(Paths.forcedLabour, to: "content/risks/labour-exploitation.en.md")
        },
        Edit(description: "the links follow the new name") {
            try $0.replace(Paths.risk, "@/risks/forced-labour#what-to-do", "@/risks/labour-exploitation#what-to-do")
                + $0.replace(Paths.riskRW, "@/risks/forced-labour)", "@/risks/labour-exploitation)")
        },
        Edit(description: "a school material renamed in both languages, in the booklet") {
            try $0.rename(Paths.school, to: "content/schools/debating-club.en.md")
                + $0.rename(Paths.schoolRW, to: "content/schools/debating-club.rw.md")
        },
        Edit(description: "only its Kinyarwanda file named back: two pages, each in one language") {
            try $0.rename("content/schools/debating-club.rw.md", to: Paths.schoolRW)
        },
        Edit(description: "both school materials made drafts: no booklet") {
            try $0.replace(
                "content/schools/debating-club.en.md", "duration: \"45 minutes\"",
                "duration: \"45 minutes\"\ndraft: true")
                + $0.replace(Paths.schoolRW, "duration: \"Iminota 45\"", "duration: \"Iminota 45\"\ndraft: true")
        },
        Edit(description: "the English one published again: a booklet in English only") {
            try $0.replace("content/schools/debating-club.en.md", "\ndraft: true", "")
        },
        Edit(description: "a translation made a draft: the other language stands in for it") {
            try $0.replace(Paths.radioRW, "translation: draft", "translation: draft\ndraft: true")
        },
        Edit(description: "the translation published again") {
            try $0.replace(Paths.radioRW, "translation: draft\ndraft: true", "translation: draft")
        },
        Edit(description: "a draft published") {
            try $0.replace("content/risks/secret-plan.en.md", "draft: true\n", "")
        },
        Edit(description: "a link to it") {
            try $0.append(Paths.risk, "\nAnd [a plan](@/risks/secret-plan).\n")
        },
        Edit(description: "the page made a draft again: the link to it breaks") {
            try $0.replace(
                "content/risks/secret-plan.en.md", "key_message: \"Draft.\"",
                "key_message: \"Draft.\"\ndraft: true")
        },
        Edit(description: "the link taken off") {
            try $0.replace(Paths.risk, "\nAnd [a plan](@/risks/secret-plan).\n", "")
        },
        Edit(description: "translation notices turned on") {
            try $0.replace(
                Paths.siteYML, "languages: [rw, { code: en, locale: en_GB }]",
                "languages: [rw, { code: en, locale: en_GB }]\ntranslation_notices: true")
        },
        Edit(description: "a translation marked reviewed: its notice gone") {
            try $0.replace(Paths.riskRW, "translation: draft\n", "translation: reviewed\n")
        },
        Edit(description: "the translation marked draft again") {
            try $0.replace(Paths.riskRW, "translation: reviewed\n", "translation: draft\n")
        },
        Edit(description: "a section page deleted in one language: an error") {
            try $0.setAside("content/radio/_index.rw.md")
        },
        Edit(description: "the section page back") { try $0.putBack("content/radio/_index.rw.md") },
        Edit(description: "a page in both languages deleted, which a callout links to and the help strip leads to") {
            try $0.setAside(Paths.contact) + $0.setAside(Paths.contactRW)
        },
        Edit(description: "one language of it back") { try $0.putBack(Paths.contactRW) },
        Edit(description: "the other back") { try $0.putBack(Paths.contact) },
        Edit(description: "a new section") {
            try $0.create("content/campaigns/_index.en.md", "---\ntitle: \"Campaigns\"\n---\nOur campaigns.\n")
                + $0.create(
                    "content/campaigns/_index.rw.md",
                    "---\ntitle: \"Ubukangurambaga\"\n---\nUbukangurambaga.\n")
                + $0.replace(
                    Paths.siteYML, "sections: [risks, schools, radio, about, contact]",
                    "sections: [risks, schools, radio, about, contact, campaigns]")
        },
        Edit(description: "the section's folder renamed, and site.yml after it") {
            try $0.rename("content/campaigns", to: "content/events")
                + $0.replace(Paths.siteYML, "contact, campaigns]", "contact, events]")
        },
    ]
}
