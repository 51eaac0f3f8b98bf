import Foundation

/// Edits of each kind of content: what an editor changes most often.
extension IncrementalBuildTests {
    typealias Paths = FixturePaths

    static let contentEdits: [Edit] = [
        // A risk message.
        Edit(description: "a risk message's key message") {
            try $0.replace(
                Paths.risk, "key_message: \"Check a job offer before you go.\"",
                "key_message: \"Always check a job offer before you go.\"")
        },
        Edit(description: "a description added to a risk message: its summary in listings") {
            try $0.replace(
                Paths.risk, "weight: 1",
                "weight: 1\ndescription: \"How traffickers lure people with jobs.\"")
        },
        // A school material.
        Edit(description: "a school material's audience, on its page and in the booklet") {
            try $0.replace(
                Paths.school, "audience: \"Secondary school students\"",
                "audience: \"Students aged 14 and over\"")
        },
        Edit(description: "a school material's list of materials") {
            try $0.replace(
                Paths.school, "materials: [\"A motion written on the board\"]",
                "materials: [\"A motion written on the board\", \"A timer\"]")
        },
        Edit(description: "a school material's steps, in the booklet too") {
            try $0.append(Paths.school, "2. Vote for a side.\n")
        },
        Edit(description: "a school material's objectives removed: a required field missing") {
            try $0.replace(Paths.school, "objectives: [\"Practise arguing for and against a motion\"]\n", "")
        },
        Edit(description: "the objectives back") {
            try $0.replace(Paths.school, "materials:", "objectives: [\"Argue for and against a motion\"]\nmaterials:")
        },
        // A radio show.
        Edit(description: "a radio show's station") {
            try $0.replace(Paths.radio, "station: \"Radio Dix\"", "station: \"Radio Rwanda\"")
        },
        Edit(description: "a radio show's length") {
            try $0.replace(Paths.radio, "duration_minutes: 45", "duration_minutes: 50")
        },
        Edit(description: "a radio show's guests") {
            try $0.replace(
                Paths.radio, "guests: [\"Rwanda National Police\", \"INTERPOL\"]",
                "guests: [\"Rwanda National Police\", \"INTERPOL\", \"IOM Rwanda\"]")
        },
        Edit(description: "topics added to a radio show") {
            try $0.replace(
                Paths.radio, "audio: media/talk-show-1.mp3",
                "topics: [\"Recruitment\"]\naudio: media/talk-show-1.mp3")
        },
        Edit(description: "a radio show's date, in the feed and the podcast") {
            try $0.replace(Paths.radio, "date: 2012-06-01", "date: 2012-07-15")
        },
        Edit(description: "a radio show's date taken off: out of the feed") {
            try $0.replace(Paths.radio, "date: 2012-07-15\n", "")
        },
        Edit(description: "the date back") {
            try $0.replace(
                Paths.radio, "audio: media/talk-show-1.mp3",
                "date: 2012-07-15\naudio: media/talk-show-1.mp3")
        },
        Edit(description: "a radio show's recording taken off: no player, no podcast episode") {
            try $0.replace(Paths.radio, "audio: media/talk-show-1.mp3\n", "")
        },
        Edit(description: "the recording back") {
            try $0.replace(Paths.radio, "date: 2012-07-15", "date: 2012-07-15\naudio: media/talk-show-1.mp3")
        },
        Edit(description: "a radio show's recording misspelt: an error") {
            try $0.replace(Paths.radio, "audio: media/talk-show-1.mp3", "audio: media/talk-show-l.mp3")
        },
        Edit(description: "the recording's name fixed") {
            try $0.replace(Paths.radio, "audio: media/talk-show-l.mp3", "audio: media/talk-show-1.mp3")
        },
        Edit(description: "a radio show's title, in the section, the feed and the podcast") {
            try $0.replace(
                Paths.radio, #"title: "Radio Dix talk show: \"Ask & listen\" <live>""#,
                "title: \"Radio talk show: ask and listen\"")
        },
        // A contact page and its organisation.
        Edit(description: "a contact page's text") {
            try $0.replace(
                Paths.contact, "```contact iom-rwanda",
                "IOM helps people who were trafficked.\n\n```contact iom-rwanda")
        },
        Edit(description: "an organisation added to contacts.yml, which no page shows yet") {
            try $0.append(
                "content/contacts.yml",
                """
                rib:
                  name: { rw: "RIB", en: "Rwanda Investigation Bureau" }
                  phones: ["166"]
                  source: "a test"
                  as_of: "2026-12"

                """)
        },
        Edit(description: "a contact page's organisation changed, in one language") {
            try $0.replace(Paths.contact, "organisation: iom-rwanda", "organisation: rib")
        },
        Edit(description: "and in the other: no page is the help contact's, so the help strip has no link") {
            try $0.replace(Paths.contactRW, "organisation: iom-rwanda", "organisation: rib")
        },
        Edit(description: "both organisations back") {
            try $0.replace(Paths.contact, "organisation: rib", "organisation: iom-rwanda")
                + $0.replace(Paths.contactRW, "organisation: rib", "organisation: iom-rwanda")
        },
        // A plain page, the about section's page, the home page and a section page.
        Edit(description: "a plain page added to the about section, in both languages") {
            try $0.create("content/about/team.en.md", "---\ntitle: \"Our team\"\n---\nWe are a small team.\n")
                + $0.create(
                    "content/about/team.rw.md",
                    "---\ntitle: \"Itsinda ryacu\"\ntranslation: draft\n---\nTuri itsinda rito.\n")
        },
        Edit(description: "the plain page's text, its summary in the about section") {
            try $0.replace("content/about/team.en.md", "We are a small team.", "We are a small team in Kigali.")
        },
        Edit(description: "the plain page's title") {
            try $0.replace("content/about/team.en.md", "title: \"Our team\"", "title: \"The team\"")
        },
        Edit(description: "the about page's text") {
            try $0.replace("content/about/_index.en.md", "Listen to the first show:", "Listen to our first show:")
        },
        Edit(description: "the about page's title, in the menu of every page") {
            try $0.replace("content/about/_index.en.md", "title: \"Section about\"", "title: \"About us\"")
        },
        Edit(description: "the home page's text, with a new link") {
            try $0.replace(
                "content/_index.en.md", "Be alert to [human trafficking](@/risks).",
                "Be alert to [human trafficking](@/risks) and [forced labour](@/risks/forced-labour).")
        },
        Edit(description: "the home page's title") {
            try $0.replace("content/_index.en.md", "title: \"Ba Maso: Be Alert\"", "title: \"Ba Maso: Stay Alert\"")
        },
        Edit(description: "the Kinyarwanda home page's text") {
            try $0.replace("content/_index.rw.md", "Ba maso ku", "Mube maso ku")
        },
        Edit(description: "a section page's introduction, its summary on the home page") {
            try $0.append("content/risks/_index.en.md", "Risks that lead to human trafficking.\n")
        },
        Edit(description: "a section page's title, in the menu of every page and the breadcrumbs") {
            try $0.replace("content/risks/_index.en.md", "title: \"Section risks\"", "title: \"Risks\"")
        },
        Edit(description: "the Kinyarwanda section page's title, in the menu of every Kinyarwanda page") {
            try $0.replace("content/risks/_index.rw.md", "title: \"Igice risks\"", "title: \"Ibyago\"")
        },
        Edit(description: "the schools section's title, in the booklet's breadcrumb") {
            try $0.replace("content/schools/_index.en.md", "title: \"Section schools\"", "title: \"School clubs\"")
        },
    ]
}

/// The fixture's files most edits change.
enum FixturePaths {
    static let risk = "content/risks/fake-job-offers.en.md"
    static let riskRW = "content/risks/fake-job-offers.rw.md"
    static let forcedLabour = "content/risks/forced-labour.en.md"
    static let school = "content/schools/debate-club.en.md"
    static let schoolRW = "content/schools/debate-club.rw.md"
    static let radio = "content/radio/talk-show-1.en.md"
    static let radioRW = "content/radio/talk-show-1.rw.md"
    static let contact = "content/contact/iom-rwanda.en.md"
    static let contactRW = "content/contact/iom-rwanda.rw.md"
    static let about = "content/about/_index.en.md"
    static let siteYML = "content/site.yml"
    static let contacts = "content/contacts.yml"
    static let audio = "content/media/talk-show-1.mp3"
}
