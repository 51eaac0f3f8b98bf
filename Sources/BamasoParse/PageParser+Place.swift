import BamasoDiagnostics
import BamasoLoad
import Foundation

extension PageParser {
    struct Place: Equatable {
        var section: String?
        var slug: String?
        var language: Language
        var kind: PageKind
    }

    /// Where a file belongs, from its path: `content/SECTION/SLUG.LANG.md`,
    /// `content/SECTION/_index.LANG.md` or `content/_index.LANG.md`.
    static func place(
        of path: String, sections: [String], languages: [Language], into diagnostics: inout [Diagnostic]
    ) -> Place? {
        let location = FileLocation(path: path)
        // Split by bytes, as the file system does (and without walking the path's characters).
        let parts = path.utf8.split(separator: UInt8(ascii: "/")).dropFirst().map(Substring.init)  // "content"
        let fileName = parts.last ?? ""
        let nameParts = fileName.dropLast(".md".count).utf8.split(
            separator: UInt8(ascii: "."), omittingEmptySubsequences: false
        ).map(Substring.init)
        guard nameParts.count == 2 else {
            diagnostics.append(
                .error(
                    at: location, "the file name '\(fileName)' does not say its language",
                    hint: "name it " + languages.map { "SLUG.\($0.code).md" }.joined(separator: " or ")
                        + ", such as 'fake-job-offers.\(languages.last?.code ?? "LANG").md'"))
            return nil
        }
        let name = String(nameParts[0])
        let suffix = String(nameParts[1])
        let language = Language(suffix)
        guard languages.contains(language) else {
            let codes = languages.codeList
            let hint =
                Suggestion.didYouMean(suffix, in: languages.map(\.code)).map { "\($0) (the languages are \(codes))" }
                ?? "the site's languages are \(codes): name it "
                + languages.map { "\(name).\($0.code).md" }.joined(separator: " or ")
                + ", or add '\(suffix)' to 'languages' in content/site.yml"
            diagnostics.append(.error(at: location, "'\(suffix)' is not a language of this site", hint: hint))
            return nil
        }
        switch parts.count {
        case 1:
            guard name == "_index" else {
                diagnostics.append(
                    .error(
                        at: location, "pages must be inside a section folder",
                        hint: "move it into one of: \(sections.map { "content/\($0)/" }.joined(separator: ", "))"))
                return nil
            }
            return Place(section: nil, slug: nil, language: language, kind: .home)
        case 2:
            let section = String(parts.first!)
            guard sections.contains(section) else {
                let hint =
                    Suggestion.didYouMean(section, in: sections)
                    ?? "add '\(section)' to 'sections' in content/site.yml, or move the file into one of: "
                    + "\(sections.joined(separator: ", "))"
                diagnostics.append(.error(at: location, "'\(section)' is not a section of this site", hint: hint))
                return nil
            }
            if name == "_index" { return Place(section: section, slug: nil, language: language, kind: .section) }
            guard Slug.isValid(name) else {
                let suggestion = suggestedSlug(for: name)
                diagnostics.append(
                    .error(
                        at: location, "'\(name)' cannot be part of a web address",
                        hint: suggestion.isEmpty || suggestion == name
                            ? "use lowercase letters a-z, digits and single hyphens, such as 'fake-job-offers'"
                            : "rename the file to '\(suggestion).\(suffix).md': lowercase letters a-z, digits and "
                                + "single hyphens"))
                return nil
            }
            return Place(section: section, slug: name, language: language, kind: .ofPages(inSection: section))
        default:
            diagnostics.append(
                .error(
                    at: location, "pages cannot be in a folder inside a section",
                    hint: "move it to content/\(parts.first!)/\(fileName)"))
            return nil
        }
    }

    /// `Fake Job Offers!` → `fake-job-offers`: the name an editor most likely meant.
    static func suggestedSlug(for name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var slug = ""
        for character in folded {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }
}
