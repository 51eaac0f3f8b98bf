import Foundation

/// Links to headings, and components added, edited, broken and fixed.
extension IncrementalBuildTests {
    static let componentEdits: [Edit] = [
        Edit(description: "a link to a heading of another page") {
            try $0.append(Paths.forcedLabour, "\nRead the [warning signs](@/risks/fake-job-offers#warning-signs).\n")
        },
        Edit(description: "that heading renamed: the link warns") {
            try $0.replace(Paths.risk, "## Warning signs", "## Signs")
        },
        Edit(description: "the link follows the heading") {
            try $0.replace(Paths.forcedLabour, "#warning-signs)", "#signs)")
        },
        Edit(description: "a link to a heading of a page that has no translation, so leads to the other language") {
            try $0.replace(Paths.riskRW, "(@/risks/forced-labour)", "(@/risks/forced-labour#what-to-do)")
        },
        Edit(description: "a heading added to the page a link's fragment names: the warning gone") {
            try $0.replace(Paths.riskRW, "(@/risks/forced-labour#what-to-do)", "(@/risks/forced-labour#get-help)")
                + $0.append(Paths.forcedLabour, "\n## Get help\n\nCall the police.\n")
        },
        Edit(description: "a link in a callout to a heading that is not there yet: a warning") {
            try $0.replace(Paths.risk, "(@/contact/iom-rwanda)", "(@/contact/iom-rwanda#iom-rwanda)")
        },
        Edit(description: "a heading added to the callout link's page: the warning gone") {
            try $0.append(Paths.contact, "\n## IOM Rwanda\n\nAn office in Kigali.\n")
        },
        Edit(description: "the heading renamed: the callout's link warns") {
            try $0.replace(Paths.contact, "## IOM Rwanda", "## The office")
        },
        Edit(description: "the callout's link without its fragment") {
            try $0.replace(Paths.risk, "(@/contact/iom-rwanda#iom-rwanda)", "(@/contact/iom-rwanda)")
        },
        // A table.
        Edit(description: "a table added to a page") {
            try $0.append(Paths.about, "\n```table Shows\nShow,Station\nTalk show 1,Radio Dix\n```\n")
        },
        Edit(description: "a row added to the table") {
            try $0.replace(Paths.about, "Talk show 1,Radio Dix\n", "Talk show 1,Radio Dix\nTalk show 2,Radio Rwanda\n")
        },
        Edit(description: "a row with a cell missing: an error") {
            try $0.replace(Paths.about, "Talk show 2,Radio Rwanda\n", "Talk show 2\n")
        },
        Edit(description: "the row fixed") {
            try $0.replace(Paths.about, "Talk show 2\n", "Talk show 2,Radio Rwanda\n")
        },
        // A callout.
        Edit(description: "a callout's kind") { try $0.replace(Paths.risk, "```callout help", "```callout warning") },
        Edit(description: "a callout's title") {
            try $0.replace(Paths.risk, "```callout warning", "```callout warning Be careful")
        },
        Edit(description: "a callout's text") {
            try $0.replace(Paths.risk, "Go to the [nearest police station]", "Go to the [police]")
        },
        Edit(description: "a callout of a kind that does not exist: an error") {
            try $0.replace(Paths.risk, "```callout warning Be careful", "```callout warnign Be careful")
        },
        Edit(description: "the callout's kind fixed") {
            try $0.replace(Paths.risk, "```callout warnign Be careful", "```callout warning Be careful")
        },
        Edit(description: "a link in a callout to a page that does not exist: an error") {
            try $0.replace(Paths.risk, "(@/contact/iom-rwanda)", "(@/contact/iom-rwamda)")
        },
        Edit(description: "the callout's link fixed") {
            try $0.replace(Paths.risk, "(@/contact/iom-rwamda)", "(@/contact/iom-rwanda)")
        },
        // A contact card.
        Edit(description: "a contact card added to a risk message") {
            try $0.append(Paths.forcedLabour, "\n```contact iom-rwanda\n```\n")
        },
        Edit(description: "the card names an organisation that does not exist: an error") {
            try $0.replace(Paths.forcedLabour, "```contact iom-rwanda", "```contact iom")
        },
        Edit(description: "the organisation added to contacts.yml, which fixes the card") {
            try $0.append(
                Paths.contacts,
                "iom:\n  name: { rw: \"IOM\", en: \"IOM\" }\n  emails: [\"iom@example.org\"]\n")
        },
        Edit(description: "that organisation edited in contacts.yml") {
            try $0.replace(Paths.contacts, "emails: [\"iom@example.org\"]", "emails: [\"info@example.org\"]")
        },
        // An audio player.
        Edit(description: "an audio player added to a risk message") {
            try $0.append(Paths.forcedLabour, "\n```audio media/talk-show-1.mp3\n```\n")
        },
        Edit(description: "the player names a file that does not exist: an error") {
            try $0.replace(Paths.forcedLabour, "```audio media/talk-show-1.mp3", "```audio media/talk-show.mp3")
        },
        Edit(description: "the player's file fixed") {
            try $0.replace(Paths.forcedLabour, "```audio media/talk-show.mp3", "```audio /media/talk-show-1.mp3")
        },
        // A misspelt component.
        Edit(description: "a component that does not exist: an error") {
            try $0.append(Paths.forcedLabour, "\n```tabel Cases\nYear,Cases\n2012,30\n```\n")
        },
        Edit(description: "the component's name fixed") {
            try $0.replace(Paths.forcedLabour, "```tabel Cases", "```table Cases")
        },
        Edit(description: "the table taken off") {
            try $0.replace(Paths.forcedLabour, "\n```table Cases\nYear,Cases\n2012,30\n```\n", "")
        },
    ]
}
