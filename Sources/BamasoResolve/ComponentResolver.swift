import BamasoDiagnostics
import BamasoLoad
import BamasoMarkdown
import BamasoParse
import Foundation
import SwiftCSV

extension ResolvedComponent {
    /// The kinds of `callout` a page may use; each has an interface string `callout_KIND`, its
    /// label for screen readers.
    public static let calloutKinds = ["warning", "help", "note"]
}

/// Checks the components of one page and gathers what their templates need.
struct ComponentResolver {
    static let calloutKinds = ResolvedComponent.calloutKinds
    static let names = PageParser.componentNames

    let reader: SiteReader
    let page: Page

    /// What each of `components` shows, in their order; nil for one that has an error.
    func resolve(
        _ components: [MarkdownComponent], linker: inout Linker, into diagnostics: inout [Diagnostic]
    ) -> [ResolvedComponent?] {
        components.map { component -> ResolvedComponent? in
            let location = FileLocation(path: page.path, line: component.line, column: component.column)
            switch component.name {
            case "table": return table(component, at: location, into: &diagnostics)
            case "contact": return contact(component, at: location, into: &diagnostics)
            case "callout": return callout(component, at: location, linker: &linker, into: &diagnostics)
            case "audio": return audio(component, at: location, into: &diagnostics)
            default:
                let hint =
                    Suggestion.didYouMean(component.name, in: Self.names)
                    ?? "the components are \(Self.names.joined(separator: ", ")); a fence whose word is not close to "
                    + "one of them is shown as code"
                diagnostics.append(.error(at: location, "there is no component called '\(component.name)'", hint: hint))
                return nil
            }
        }
    }

    private func table(_ component: MarkdownComponent, at location: FileLocation, into diagnostics: inout [Diagnostic])
        -> ResolvedComponent?
    {
        guard !component.arguments.isEmpty else {
            diagnostics.append(
                .error(
                    at: location, "this table has no caption",
                    hint: "write the caption after the word table: ```table People reached"))
            return nil
        }
        let csv: EnumeratedCSV
        // `csv.rows` pads every row to the longest row's length, which hides a missing cell and
        // blames every other row when one has a cell too many; read the records as written.
        var records: [[String]] = []
        do {
            csv = try EnumeratedCSV(string: component.body, delimiter: .comma, loadColumns: false)
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { records.append($0) }
        } catch {
            diagnostics.append(
                .error(
                    at: location, "the table's CSV cannot be read (\(error))",
                    hint: "check that every opening quote \" has a closing quote"))
            return nil
        }
        let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = records.filter { $0 != [""] }  // a blank line, as recordLines skips it
            .map { $0.map { $0.trimmingCharacters(in: .whitespaces) } }
        guard header.contains(where: { !$0.isEmpty }) else {
            diagnostics.append(
                .error(
                    at: location, "this table is empty",
                    hint: "the first line holds the column headings, separated by commas"))
            return nil
        }
        let lines = recordLines(component)
        var ok = true
        for (number, row) in rows.enumerated() where row.count != header.count {
            let line = number + 1 < lines.count ? lines[number + 1] : component.bodyFirstLine
            diagnostics.append(
                .error(
                    at: FileLocation(path: location.path, line: line),
                    "this table row has \(row.count) \(row.count == 1 ? "cell" : "cells") but the table has "
                        + "\(header.count) columns",
                    hint: "separate cells with commas, and put a cell that contains a comma in double quotes"))
            ok = false
        }
        return ok ? .table(caption: component.arguments, header: header, rows: rows) : nil
    }

    /// The file line on which each CSV record starts; a quoted cell may span lines.
    private func recordLines(_ component: MarkdownComponent) -> [Int] {
        var lines: [Int] = []
        var insideQuotes = false
        for (offset, text) in component.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !text.allSatisfy(\.isWhitespace) || insideQuotes {
            if !insideQuotes { lines.append(component.bodyFirstLine + offset) }
            if text.count(where: { $0 == "\"" }) % 2 == 1 { insideQuotes.toggle() }
        }
        return lines
    }

    private func contact(
        _ component: MarkdownComponent, at location: FileLocation, into diagnostics: inout [Diagnostic]
    ) -> ResolvedComponent? {
        let id = component.arguments
        let contacts = reader.contacts
        guard let contact = contacts[id] else {
            let hint =
                Suggestion.didYouMean(id, in: contacts.keys)
                ?? (id.isEmpty
                    ? "write the organisation's ID after the word contact, such as ```contact iom-rwanda"
                    : "the IDs in content/contacts.yml are: \(contacts.keys.sorted().joined(separator: ", "))")
            diagnostics.append(
                .error(
                    at: location,
                    id.isEmpty
                        ? "this contact card does not say which organisation"
                        : "there is no organisation '\(id)' in content/contacts.yml", hint: hint))
            return nil
        }
        return .contact(contact)
    }

    private func callout(
        _ component: MarkdownComponent, at location: FileLocation, linker: inout Linker,
        into diagnostics: inout [Diagnostic]
    ) -> ResolvedComponent? {
        let kind = String(component.arguments.prefix { !$0.isWhitespace })
        let title = component.arguments.dropFirst(kind.count).trimmingCharacters(in: .whitespaces)
        guard Self.calloutKinds.contains(kind) else {
            let hint =
                Suggestion.didYouMean(kind, in: Self.calloutKinds)
                ?? "write one of \(Self.calloutKinds.joined(separator: ", ")) after the word callout"
            diagnostics.append(
                .error(
                    at: location,
                    kind.isEmpty
                        ? "this callout does not say its kind"
                        : "there is no callout kind '\(kind)'", hint: hint))
            return nil
        }
        // Scanned with the page (`PageParser.markdownComponents`), and not again.
        assert(component.document != nil, "a callout's body is scanned with its page")
        let body = component.document ?? MarkdownDocument()
        PageParser.checkUnpublished(body, path: page.path, into: &diagnostics)
        if let nested = body.components.first {
            diagnostics.append(
                .error(
                    at: FileLocation(path: page.path, line: nested.line, column: nested.column),
                    "components cannot be put inside a callout"))
        }
        let links = linker.resolve(body.links, into: &diagnostics)
        return .callout(kind: kind, title: title, body: body, links: links)
    }

    private func audio(_ component: MarkdownComponent, at location: FileLocation, into diagnostics: inout [Diagnostic])
        -> ResolvedComponent?
    {
        audioFile(component.arguments, at: location, reader: reader, into: &diagnostics).map(ResolvedComponent.audio)
    }
}

/// Finds an audio file named by an editor (`media/show.mp3`, `/media/show.mp3` or `show.mp3`)
/// in `content/media/`, or reports why it cannot be played.
func audioFile(
    _ name: String, at location: FileLocation, reader: SiteReader, into diagnostics: inout [Diagnostic]
) -> AudioFile? {
    let path = name.drop { $0 == "/" }
    let key = path.hasPrefix("media/") ? String(path) : "media/" + path
    if key.split(separator: "/").contains("..") {
        diagnostics.append(
            .error(
                at: location, "'\(name)' climbs out of content/media/ with '..'",
                hint: "name a file inside content/media/, such as 'media/talk-show-1.mp3'"))
        return nil
    }
    guard !name.isEmpty, reader.mediaExists(key) else {
        diagnostics.append(
            .error(
                at: location, name.isEmpty ? "no audio file is named" : "the audio file '\(name)' does not exist",
                hint: "put it in content/\(key.isEmpty ? "media/" : key), or correct the name"))
        return nil
    }
    guard let audio = reader.audio(key) else {
        diagnostics.append(
            .error(
                at: location, "'\(name)' is not an audio file bamaso can play",
                hint: "use one of: \(AudioFile.types.keys.sorted().joined(separator: ", "))"))
        return nil
    }
    return audio
}
