import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoParse
import BamasoResolve
import Foundation

/// The values templates see. Names are snake_case, as in the templates.
extension Renderer {
    /// The values a page's layout shows (`PageValues.values`).
    func context(
        for resolved: ResolvedPage, at location: String? = nil, headings: HeadingStyle = HeadingStyle(),
        listsChildren: Bool = true
    ) -> TemplateValues {
        pageValues(for: resolved, at: location, headings: headings, listsChildren: listsChildren).values
    }

    /// - Parameters:
    ///   - location: where the HTML is published, when not at the page's own address (the
    ///     booklet gathers pages); relative links are computed from there.
    ///   - headings: how the body's headings are written (the booklet moves them down a level).
    ///   - listsChildren: false leaves out the pages a listing lists, for the booklet, which
    ///     lists its own.
    func pageValues(
        for resolved: ResolvedPage, at location: String? = nil, headings: HeadingStyle = HeadingStyle(),
        listsChildren: Bool = true
    ) -> PageValues {
        let page = resolved.page
        let from = location ?? resolved.path
        func link(_ path: String) -> String { urls.link(path, from: from) }
        let language = page.language
        let siteTitle = config.title[language] ?? ""
        let summary = page.summary
        func date(_ day: Day) -> TemplateValues { ["iso": dates.iso(day), "display": dates.string(day, in: language)] }
        var values = PageValues(
            shared: sharedValues(forPageOf: language, section: page.section, from: from),
            title: page.frontMatter.title,
            kind: page.kind.rawValue,
            headTitle: page.kind == .home ? siteTitle : "\(page.frontMatter.title) · \(siteTitle)",
            description: summary.isEmpty ? (config.description[language] ?? siteTitle) : summary,
            canonical: urls.reference(resolved.path, from: from),
            url: link(resolved.path),
            alternates: config.languages.compactMap { other -> TemplateValues? in
                resolved.alternates[other].map { ["lang": other.tag, "url": urls.reference($0, from: from)] }
            },
            languages: switcher(for: resolved, from: from),
            content: body(of: resolved, at: from, headings: headings),
            translationDraft: page.frontMatter.translation == .draft,
            image: pageImage(of: resolved, from: from),
            date: page.frontMatter.date.map(date),
            children: !listsChildren
                ? []
                : resolved.children.map { child -> TemplateValues in
                    // `date` and `fallback` are there, false, when a child has none: a name a
                    // card lacks is looked up in the page, whose own date each card showed.
                    [
                        "title": child.title, "url": link(child.path), "summary": child.summary,
                        "kind": child.kind.rawValue, "date": child.date.map(date) ?? false,
                        "fallback": child.fallbackLanguage.map { other -> TemplateValues in
                            ["lang": other.tag, "name": config.name(of: other)]
                        } ?? false,
                    ]
                },
            audio: resolved.audio.map { audioContext($0, from: from, in: language) },
            feeds: feedLinks(for: page, from: from),
            translationNotice: translationNotice(for: resolved, from: from),
            fields: .none)
        if let section = page.section, page.slug != nil,
            let sectionLink = menu(language).first(where: { $0.section == section })
        {
            values.section = ["title": sectionLink.title, "url": link(sectionLink.path)]
        }
        if urls.isAbsolute {
            values.og = [
                "title": page.frontMatter.title, "description": values.description,
                "url": urls.absolute(resolved.path), "site_name": siteTitle,
                "locale": config.settings(of: language).locale,
                "type": page.isListing ? "website" : "article",
                "image": sharingValues(of: resolved) ?? false,
            ]
        }
        if page.kind == .section, page.section == "schools", let booklet = feeds(language).booklet {
            values.bookletURL = link(booklet)
        }
        if location == nil, page.frontMatter.printable { values.printCode = printCode(for: from, in: language) }
        values.fields = kindValues(
            page.frontMatter.fields, title: values.title, canonical: values.canonical, language: language, from: from)
        return values
    }

    /// The values every page of `language` in `section` has alike, published at `from`: only
    /// links that are relative (`--portable`) differ between such pages. A page's other
    /// values never take these names (`LayoutValues.shared` lists them, `PageValues.Key` the
    /// others).
    func sharedValues(language: Language, section: String?, from: String) -> TemplateValues {
        func link(_ path: String) -> String { urls.link(path, from: from) }
        var values = languageValues(language, from: from)
        values["references"] = urls.hasReferences
        values["landing_url"] = link("")
        values["home_url"] = link("\(language.code)/")
        values["landing_absolute"] = urls.reference("", from: from)
        values["menu"] = menu(language: language, current: section, from: from)
        values["help"] = help(language: language, from: from)
        return values
    }

    /// What every page the build makes has, in the language it is written in, published at
    /// `from`: its language and direction, the interface strings, the site's title, the
    /// stylesheet and the quick exit.
    func languageValues(_ language: Language, from: String) -> TemplateValues {
        var values: TemplateValues = [
            "lang": language.tag,
            "rtl": config.settings(of: language).direction == .rtl,
            "t": strings(language),
            "site_title": config.title[language] ?? "",
            "stylesheet": urls.link(stylesheet, from: from),
        ]
        values["quick_exit"] = quickExit(language: language, from: from)
        return values
    }

    private func kindValues(
        _ fields: FrontMatter.Fields, title: String, canonical: String, language: Language, from: String
    ) -> PageValues.Kind {
        switch fields {
        case .none:
            return .none
        case .risk(let keyMessage):
            let share = urls.isAbsolute ? shareLinks(title: title, message: keyMessage, url: canonical) : nil
            return .risk(keyMessage: keyMessage, share: share)
        case .school(let audience, let duration, let objectives, let materials):
            return .school(audience: audience, duration: duration, objectives: objectives, materials: materials)
        case .radio(let station, let minutes, let guests, let topics, _, _):
            return .radio(
                station: station, durationMinutes: dates.number(minutes, in: language), guests: guests, topics: topics)
        case .contact(let organisation, _):
            guard let contact = contacts[organisation] else { return .none }
            return .contact(
                organisation: contactCard(contact, language: language, from: from),
                jsonLD: jsonLD(contact, language: language, pageURL: canonical))
        }
    }

    /// The help strip says what to do now (its text is in the interface strings) and leads to
    /// the help pages; it shows a phone number only of an organisation whose details say where
    /// they come from and how old they are.
    private func help(language: Language, from: String) -> TemplateValues {
        var help: TemplateValues = [:]
        if let id = config.helpContact, let contact = contacts[id] {
            help["name"] = contact.name[language] ?? id
            if let phone = contact.phones.first, let asOf = contact.asOf, !contact.source.isEmpty {
                help["phone"] = phone
                help["tel"] = telephoneURI(phone)
                help["as_of"] = dates.month(asOf, in: language)
            }
        }
        // "Where to get help" leads to the help pages, else to the section listing the help contact.
        if let section = config.helpPages ?? feeds(language).helpSection {
            help["url"] = urls.link(sectionPath(section, in: language), from: from)
        }
        if let safety = config.safetyPage {
            help["safety_url"] = urls.link(sectionPath(safety, in: language), from: from)
        }
        return help
    }

    /// The "leave this site quickly" link (its address from site.yml), the safety page beside
    /// it, and the one script of the site, which makes it leave at once.
    func quickExit(language: Language, from: String) -> TemplateValues? {
        guard let url = config.quickExit[language] else { return nil }
        var exit: TemplateValues = ["url": url]
        if let safety = config.safetyPage {
            exit["safety_url"] = urls.link(sectionPath(safety, in: language), from: from)
        }
        if let script = asset("quick-exit.js") { exit["script"] = urls.link(script, from: from) }
        return exit
    }

    func contactCard(_ contact: Contact, language: Language, from: String) -> TemplateValues {
        var card: TemplateValues = [
            "id": contact.id,
            "name": contact.name[language] ?? contact.id,
            "phones": contact.phones.map { ["display": $0, "tel": telephoneURI($0)] as TemplateValues },
            "emails": contact.emails.map { ["address": $0, "mailto": "mailto:" + $0] as TemplateValues },
            "social": contact.social.map { social -> TemplateValues in
                var item: TemplateValues = ["network": social.network, "handle": social.handle]
                if let url = social.url { item["url"] = url }
                return item
            },
        ]
        if let description = contact.description[language] { card["description"] = description }
        if let address = contact.address[language] { card["address"] = address }
        if let hours = contact.hours[language] { card["hours"] = hours }
        if let asOf = contact.asOf { card["as_of"] = dates.month(asOf, in: language) }
        if let vcard = vCardPath(contact, language: language) { card["vcard"] = urls.link(vcard, from: from) }
        card["has_details"] =
            contact.address[language] != nil || contact.hours[language] != nil
            || !contact.phones.isEmpty || !contact.emails.isEmpty || !contact.social.isEmpty
        return card
    }

    /// The feeds a page announces in its head: the language's Atom feed everywhere, and the
    /// podcast on radio pages.
    private func feedLinks(for page: Page, from: String) -> [TemplateValues] {
        var links: [TemplateValues] = []
        if let atom = feeds(page.language).atom {
            links.append([
                "type": "application/atom+xml", "title": config.title[page.language] ?? "",
                "url": urls.link(atom, from: from),
            ])
        }
        if page.section == "radio", let podcast = feeds(page.language).podcast {
            links.append(["type": "application/rss+xml", "title": "Podcast", "url": urls.link(podcast, from: from)])
        }
        return links
    }

    /// When site.yml asks for it (`translation_notices: true`): a note on a draft or outdated
    /// translation, in its own language, with a link to the original.
    private func translationNotice(for resolved: ResolvedPage, from: String) -> TemplateValues? {
        guard config.translationNotices, let status = translationState(of: resolved),
            status.state == .outdated || (status.isDraft && status.state != .source)
        else { return nil }
        let t = strings(resolved.page.language)
        return [
            "text": status.state == .outdated ? t["notice_outdated"] : t["notice_draft"],
            "url": urls.link(status.originalPath, from: from),
            "lang": status.originalLanguage.tag,
            "link_text": t["notice_original"],
        ]
    }

    /// Links that share a risk message by WhatsApp, text message or email, with no script.
    private func shareLinks(title: String, message: String, url: String) -> TemplateValues {
        let text = "\(title): \(message) \(url)"
        return [
            "whatsapp": "https://wa.me/?text=" + Escape.query(text),
            "sms": "sms:?body=" + Escape.query(text),
            "email": "mailto:?subject=" + Escape.query(title) + "&body=" + Escape.query("\(message)\n\n\(url)"),
        ]
    }

    // MARK: - Landing page

    func landingContext() -> TemplateValues {
        let first = config.defaultLanguage
        var context = languageValues(first, from: "")
        context.merge([
            "description": config.description[first] ?? "",
            "references": urls.hasReferences,
            "canonical": urls.reference("", from: ""),
            "alternates": config.languages.map {
                ["lang": $0.tag, "url": urls.reference("\($0.code)/", from: "")] as TemplateValues
            },
            "entries": config.languages.map { language -> TemplateValues in
                [
                    "lang": language.tag, "name": config.name(of: language),
                    "title": config.title[language] ?? "",
                    "description": config.description[language] ?? "",
                    "url": urls.link("\(language.code)/", from: ""),
                    "t": strings(language),
                ]
            },
        ])
        return context
    }
}
