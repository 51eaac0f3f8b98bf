import Foundation

/// The four-language fixture (rw, en, fr, sw): what a page, a section page, a fallback, a
/// language's settings or its strings change is redone wherever another language shows it.
extension IncrementalBuildTests {
    static let languageEdits: [Edit] = [
        Edit(description: "a French translation of a page French showed in English") {
            try $0.create(
                "content/risks/forced-labour.fr.md",
                """
                ---
                title: "Travail forcé"
                key_message: "Soyez vigilants."
                weight: 2
                translation: draft
                ---
                Le travail forcé.

                """)
        },
        Edit(description: "a Swahili section page, which the Swahili menu showed in English") {
            try $0.create("content/risks/_index.sw.md", "---\ntitle: \"Hatari\"\ntranslation: draft\n---\nHatari.\n")
        },
        Edit(description: "the Swahili safety page deleted: the quick exit's safety link falls back") {
            try $0.remove("content/safety/_index.sw.md")
        },
        Edit(description: "Swahili falls back to Kinyarwanda instead of English") {
            try $0.replace("content/site.yml", "    fallback: [en]\n", "    fallback: [rw]\n")
        },
        Edit(description: "French's name in the switcher, and its Open Graph locale") {
            try $0.replace(
                "content/site.yml", "  - code: fr\n",
                "  - code: fr\n    name: \"Français (France)\"\n    locale: fr_FR\n")
        },
        Edit(description: "a French interface string") {
            try $0.replace("templates/i18n/fr.yml", "Quitter ce site rapidement", "Quitter vite ce site")
        },
        Edit(description: "the French title of the site removed: French shows English's") {
            try $0.replace("content/site.yml", "  fr: \"Ba Maso : soyez vigilants\"\n", "")
        },
    ]
}
