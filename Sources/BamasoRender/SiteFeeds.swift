import BamasoLoad
import BamasoParse
import BamasoResolve
import Foundation

/// Files other tools read: the sitemap, robots.txt, an Atom feed and a podcast feed per language.
/// Each is made from every page, at every build.
public struct SiteFeeds: Sendable {
    let environment: RenderEnvironment
    var site: ResolvedSite { environment.site }
    var feeds: FeedPlan { environment.feeds }
    var urls: URLBuilder { environment.urls }
    var dates: DateFormat { environment.dates }

    public init(_ environment: RenderEnvironment) {
        self.environment = environment
    }

    public func files() -> [OutputFile] {
        var files = [OutputFile(path: "robots.txt", contents: .text(robots()))]
        guard feeds.absolute else { return files }
        files.append(OutputFile(path: "sitemap.xml", contents: .text(sitemap())))
        for language in site.site.languages {
            if let path = feeds.atomPath(language) {
                files.append(OutputFile(path: path, contents: .text(atom(language, path: path))))
            }
            if let path = feeds.podcastPath(language) {
                files.append(OutputFile(path: path, contents: .text(podcast(language, path: path))))
            }
        }
        return files
    }

    func robots() -> String {
        var text = "User-agent: *\nAllow: /\n"
        if feeds.absolute { text += "Sitemap: \(urls.absolute("sitemap.xml"))\n" }
        return text
    }

    /// Every page, with its translations as `xhtml:link` alternates (Google's format).
    func sitemap() -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

            """
        func entry(_ path: String, alternates: [(String, String)], date: Day?) {
            xml += "<url>\n<loc>\(Escape.xml(urls.absolute(path)))</loc>\n"
            if let date { xml += "<lastmod>\(dates.iso(date))</lastmod>\n" }
            for (language, alternate) in alternates {
                xml +=
                    "<xhtml:link rel=\"alternate\" hreflang=\"\(language)\" "
                    + "href=\"\(Escape.xml(urls.absolute(alternate)))\"/>\n"
            }
            xml += "</url>\n"
        }
        let landing = site.site.languages.map { ($0.tag, "\($0.code)/") } + [("x-default", "")]
        entry("", alternates: landing, date: nil)
        for page in site.pages {
            let alternates = site.site.languages.compactMap { language in
                page.alternates[language].map { (language.tag, $0) }
            }
            entry(
                page.path, alternates: alternates.count > 1 ? alternates + [("x-default", "")] : [],
                date: page.page.frontMatter.date)
        }
        return xml + "</urlset>\n"
    }

    /// Dated pages of one language, newest first (RFC 4287).
    func atom(_ language: Language, path: String) -> String {
        let entries = feeds.dated[language] ?? []
        let title = site.site.title[language] ?? ""
        let updated = entries.first?.page.frontMatter.date.map(rfc3339) ?? ""
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language.tag)">
            <title>\(Escape.xml(title))</title>
            <link href="\(Escape.xml(urls.absolute("\(language.code)/")))"/>
            <link rel="self" type="application/atom+xml" href="\(Escape.xml(urls.absolute(path)))"/>
            <id>\(Escape.xml(urls.absolute("\(language.code)/")))</id>
            <updated>\(updated)</updated>
            <author><name>\(Escape.xml(title))</name></author>

            """
        for page in entries {
            let url = Escape.xml(urls.absolute(page.path))
            xml += """
                <entry>
                <title>\(Escape.xml(page.page.frontMatter.title))</title>
                <link href="\(url)"/>
                <id>\(url)</id>
                <updated>\(page.page.frontMatter.date.map(rfc3339) ?? updated)</updated>
                <summary>\(Escape.xml(page.page.summary))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }

    /// The radio shows of one language that have a recording, as a podcast (RSS 2.0 with the
    /// tags podcast apps read).
    func podcast(_ language: Language, path: String) -> String {
        let section = site.menus[language]?.first { $0.section == "radio" }
        let siteTitle = site.site.title[language] ?? ""
        let title = section.map { "\($0.title) · \(siteTitle)" } ?? siteTitle
        let sectionPath = section?.path ?? "\(language.code)/"
        let description =
            [site.pages.first { $0.path == sectionPath }.map(\.page.summary), site.site.description[language]]
            .compactMap { $0 }.first { !$0.isEmpty } ?? title
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" \
            xmlns:atom="http://www.w3.org/2005/Atom">
            <channel>
            <title>\(Escape.xml(title))</title>
            <link>\(Escape.xml(urls.absolute(sectionPath)))</link>
            <atom:link href="\(Escape.xml(urls.absolute(path)))" rel="self" type="application/rss+xml"/>
            <description>\(Escape.xml(description))</description>
            <language>\(language.tag)</language>
            <itunes:author>\(Escape.xml(siteTitle))</itunes:author>
            <itunes:explicit>false</itunes:explicit>
            <itunes:category text="Government"/>

            """
        for page in feeds.episodes[language] ?? [] {
            guard let audio = page.audio else { continue }
            let url = Escape.xml(urls.absolute(page.path))
            xml += "<item>\n<title>\(Escape.xml(page.page.frontMatter.title))</title>\n<link>\(url)</link>\n"
            xml += "<guid isPermaLink=\"true\">\(url)</guid>\n"
            xml += "<description>\(Escape.xml(page.page.summary))</description>\n"
            xml +=
                "<enclosure url=\"\(Escape.xml(urls.absolute(audio.path)))\" length=\"\(audio.bytes)\" "
                + "type=\"\(audio.type)\"/>\n"
            if let seconds = audio.seconds { xml += "<itunes:duration>\(seconds)</itunes:duration>\n" }
            if let date = page.page.frontMatter.date { xml += "<pubDate>\(Self.rfc822(date))</pubDate>\n" }
            xml += "</item>\n"
        }
        return xml + "</channel>\n</rss>\n"
    }

    func rfc3339(_ day: Day) -> String { dates.iso(day) + "T00:00:00Z" }

    /// `Fri, 01 Jun 2012 00:00:00 +0000`, the date format RSS requires.
    static func rfc822(_ day: Day) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let date =
            calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
            ?? Date(timeIntervalSince1970: 0)
        let weekday = calendar.component(.weekday, from: date)
        return String(
            format: "%@, %02d %@ %04d 00:00:00 +0000", weekdays[weekday - 1], day.day, months[day.month - 1], day.year)
    }
}
