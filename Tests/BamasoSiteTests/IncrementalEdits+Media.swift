import BamasoImages
import BamasoTestSupport
import Foundation
import Testing

/// Edits of `content/media/`: files copied as they are, linked to, or played.
extension IncrementalBuildTests {
    static let leaflet = "content/media/leaflet.pdf"

    static let mediaEdits: [Edit] = [
        Edit(description: "a PDF added to the media") {
            try $0.write(leaflet, Data("%PDF-1.4\n% first edition\n".utf8))
            return [leaflet]
        },
        Edit(description: "a link to the PDF") {
            try $0.append(Paths.forcedLabour, "\nPrint [the leaflet](/media/leaflet.pdf).\n")
        },
        Edit(description: "the PDF replaced by a new edition") {
            try $0.write(leaflet, Data("%PDF-1.4\n% second edition, a little longer\n".utf8))
            return [leaflet]
        },
        Edit(description: "the PDF deleted: the link to it breaks") { try $0.remove(leaflet) },
        Edit(description: "the PDF back") {
            try $0.write(leaflet, Data("%PDF-1.4\n% third edition\n".utf8))
            return [leaflet]
        },
        Edit(description: "the PDF replaced by a whole one of 2 pages: the label counts them") {
            try $0.write(leaflet, TinyPDF.data(pages: 2))
            return [leaflet]
        },
        Edit(description: "a link to the PDF from a Kinyarwanda page, labelled in Kinyarwanda") {
            try $0.append(Paths.riskRW, "\nCapa [agatabo](/media/leaflet.pdf).\n")
        },
        Edit(description: "the PDF replaced by a bigger one of 6 pages: both labels follow") {
            try $0.write(leaflet, TinyPDF.data(pages: 6, size: 150_000))
            return [leaflet]
        },
        Edit(description: "the PDF replaced by a file that is not a PDF: an error at each link") {
            try $0.write(leaflet, Data("Not a PDF at all.\n".utf8))
            return [leaflet]
        },
        Edit(description: "a real PDF again, of 1 page") {
            try $0.write(leaflet, TinyPDF.data(pages: 1))
            return [leaflet]
        },
        Edit(description: "the recording a radio show and the about page play replaced by one twice as long") {
            let recording = try Data(contentsOf: $0.url(Paths.audio))
            try $0.write(Paths.audio, recording + recording)
            return [Paths.audio]
        },
        Edit(description: "the recording deleted: both pages that play it report it") { try $0.setAside(Paths.audio) },
        Edit(description: "the recording back") { try $0.putBack(Paths.audio) },
        Edit(description: "a second recording added, and a radio show switched to it") {
            let recording = try Data(contentsOf: $0.url(Paths.audio))
            try $0.write("content/media/talk-show-2.mp3", recording.prefix(recording.count / 2))
            return try ["content/media/talk-show-2.mp3"]
                + $0.replace(Paths.radio, "audio: media/talk-show-1.mp3", "audio: media/talk-show-2.mp3")
        },
        Edit(description: "the second recording replaced") {
            let recording = try Data(contentsOf: $0.url(Paths.audio))
            try $0.write("content/media/talk-show-2.mp3", recording)
            return ["content/media/talk-show-2.mp3"]
        },
        Edit(description: "the second recording renamed: the show's player breaks") {
            try $0.rename("content/media/talk-show-2.mp3", to: "content/media/talk-show-two.mp3")
        },
        Edit(description: "the show follows the new name") {
            try $0.replace(Paths.radio, "audio: media/talk-show-2.mp3", "audio: media/talk-show-two.mp3")
        },
        Edit(description: "a folder of photos added") {
            try $0.write("content/media/photos/club.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]))
            try $0.write("content/media/photos/radio.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0, 4, 5, 6]))
            return ["content/media/photos"]
        },
        Edit(description: "a link to a photo") {
            try $0.append("content/about/_index.en.md", "\nSee [the club](/media/photos/club.jpg).\n")
        },
        Edit(description: "the folder of photos deleted: the link breaks") {
            try FileManager.default.removeItem(at: $0.url("content/media/photos"))
            return ["content/media/photos"]
        },
        Edit(description: "the link taken off") {
            try $0.replace("content/about/_index.en.md", "\nSee [the club](/media/photos/club.jpg).\n", "")
        },
        Edit(description: "a photo added and shown on a page: a <picture>") {
            try $0.write(photo, try #require(ImageSynthesis.photo(width: 800, height: 600)))
            return try [photo] + $0.append(Paths.forcedLabour, "\n![A school club meets](/media/umuganda.jpg)\n")
        },
        Edit(description: "the photo replaced by a narrower one: the picture's widths and size follow") {
            try $0.write(photo, try #require(ImageSynthesis.photo(width: 400, height: 600)))
            return [photo]
        },
        Edit(description: "the photo cut short: an error at the line that shows it") {
            let whole = try #require(ImageSynthesis.photo(width: 400, height: 600))
            try $0.write(photo, whole.prefix(whole.count / 2))
            return [photo]
        },
        Edit(description: "a whole photo again, and the section's own image: the section's pages share it") {
            try $0.write(photo, try #require(ImageSynthesis.photo(width: 640, height: 480)))
            return try [photo]
                + $0.replace(
                    "content/risks/_index.en.md", "title:", "image: /media/umuganda.jpg\nimage_alt: decorative\ntitle:")
        },
        Edit(description: "the section's image names a missing file: an error at the line of 'image:'") {
            try $0.replace("content/risks/_index.en.md", "image: /media/umuganda.jpg", "image: /media/missing.jpg")
        },
        Edit(description: "the front matter's keys reordered, nothing else: the error moves with its line") {
            try $0.replace(
                "content/risks/_index.en.md", "image: /media/missing.jpg\nimage_alt: decorative\n",
                "image_alt: decorative\nimage: /media/missing.jpg\n")
        },
        Edit(description: "the image named right again") {
            try $0.replace("content/risks/_index.en.md", "image: /media/missing.jpg", "image: /media/umuganda.jpg")
        },
    ]

    static let photo = "content/media/umuganda.jpg"
}
