import BamasoRender
import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// What must hold of every file a build writes, whatever the content: the oracle that turns
/// an escaping mistake into a fuzzing crash.
///
/// - Paths stay inside the output: relative, no `.` or `..` or empty segment.
/// - HTML: no element or attribute that runs script (`<script>` other than the JSON-LD block
///   and the theme's empty quick-exit `<script src>`, `on…=` attributes, `javascript:`
///   addresses), no `<iframe>`, `<object>`, `<embed>`,
///   `<style>`, `<base>` or `<form>`, and the JSON-LD block is valid JSON.
/// - XML (feeds, sitemap) parses.
/// - vCards: every line is a property of the card; none was smuggled in by a line break.
enum OutputCheck {
    static func problems(in site: RenderedSite) -> [String] {
        var problems: [String] = []
        for file in site.files {
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            if file.path.hasPrefix("/") || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
                problems.append("\(file.path): a path that is not plainly inside the output")
            }
            guard case .text(let text) = file.contents else { continue }
            if file.path.hasSuffix(".html") {
                problems += HTMLScan.problems(in: text).map { "\(file.path): \($0)" }
            } else if file.path.hasSuffix(".xml") {
                let parser = XMLParser(data: Data(text.utf8))
                if !parser.parse() {
                    problems.append("\(file.path): not well-formed XML (\(parser.parserError.map { "\($0)" } ?? "?"))")
                }
            } else if file.path.hasSuffix(".vcf") {
                problems += vCardProblems(text).map { "\(file.path): \($0)" }
            }
        }
        return problems
    }

    static let vCardProperties: Set<String> = [
        "BEGIN", "VERSION", "FN", "ORG", "X-ABShowAs", "TEL", "EMAIL", "ADR", "NOTE", "URL", "END",
    ]

    static func vCardProblems(_ text: String) -> [String] {
        let lines = text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        var problems: [String] = []
        if lines.filter({ $0 == "BEGIN:VCARD" }).count != 1 || lines.filter({ $0 == "END:VCARD" }).count != 1 {
            problems.append("not exactly one BEGIN:VCARD and END:VCARD")
        }
        for line in lines.dropLast() {
            let name = line.prefix { $0 != ":" && $0 != ";" }
            if !vCardProperties.contains(String(name)) || line.contains("\n") || line.contains("\r") {
                problems.append("a line that is not a property of the card: \(line.debugDescription)")
            }
        }
        if lines.last != "" { problems.append("the card does not end with CRLF") }
        return problems
    }
}

/// A small HTML tokenizer, enough to see every tag and attribute of bamaso's own output.
enum HTMLScan {
    static let forbiddenElements: Set<String> = [
        "iframe", "object", "embed", "style", "base", "form", "frame", "frameset", "applet",
    ]
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "poster", "data", "xlink:href"]

    static func problems(in html: String) -> [String] {
        let bytes = Array(html.utf8)
        var problems: [String] = []
        var index = 0
        func starts(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text.utf8)
            guard position + pattern.count <= bytes.count else { return false }
            for offset in 0..<pattern.count where lower(bytes[position + offset]) != pattern[offset] { return false }
            return true
        }
        func find(_ text: String, from position: Int) -> Int? {
            var position = position
            while position < bytes.count {
                if starts(text, at: position) { return position }
                position += 1
            }
            return nil
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if starts("<!--", at: index) {
                index = (find("-->", from: index + 4) ?? bytes.count) + 3
                continue
            }
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "/") || next == UInt8(ascii: "?") {
                index = (find(">", from: index) ?? bytes.count) + 1
                continue
            }
            guard isLetter(next) else {
                index += 1
                continue
            }
            var position = index + 1
            while position < bytes.count, isNameCharacter(bytes[position]) { position += 1 }
            let name = String(decoding: bytes[(index + 1)..<position].map(lower), as: UTF8.self)
            var attributes: [(String, String)] = []
            while position < bytes.count, bytes[position] != UInt8(ascii: ">") {
                if isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "/") {
                    position += 1
                    continue
                }
                let start = position
                while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "="),
                    bytes[position] != UInt8(ascii: ">"), bytes[position] != UInt8(ascii: "/")
                {
                    position += 1
                }
                let attribute = String(decoding: bytes[start..<position].map(lower), as: UTF8.self)
                var value = ""
                if position < bytes.count, bytes[position] == UInt8(ascii: "=") {
                    position += 1
                    if position < bytes.count,
                        bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
                    {
                        let quote = bytes[position]
                        let end = bytes[(position + 1)...].firstIndex(of: quote) ?? bytes.count
                        value = String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
                        position = end + 1
                    } else {
                        let start = position
                        while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
                            position += 1
                        }
                        value = String(decoding: bytes[start..<position], as: UTF8.self)
                    }
                }
                attributes.append((attribute, value))
            }
            let end = min(position + 1, bytes.count)
            problems += check(element: name, attributes: attributes)
            if name == "script" {
                let close = find("</script", from: end) ?? bytes.count
                let json = Data(bytes[end..<close])
                if isQuickExit(attributes) {
                    if !json.isEmpty { problems.append("the quick exit's <script src> has content") }
                } else if (try? JSONSerialization.jsonObject(with: json)) == nil {
                    problems.append("the JSON-LD block is not valid JSON")
                }
                index = close
                continue
            }
            index = end
        }
        return problems
    }

    static func check(element: String, attributes: [(String, String)]) -> [String] {
        var problems: [String] = []
        if element == "script", !attributes.contains(where: { $0.0 == "type" && $0.1 == "application/ld+json" }),
            !isQuickExit(attributes)
        {
            problems.append("a <script> element that is not JSON-LD")
        }
        if forbiddenElements.contains(element) { problems.append("a <\(element)> element") }
        if element == "meta", attributes.contains(where: { $0.0 == "http-equiv" }) {
            problems.append("a <meta http-equiv>")
        }
        for (name, value) in attributes {
            if name.hasPrefix("on") { problems.append("an event attribute \(name)= on <\(element)>") }
            if urlAttributes.contains(name) {
                // What a browser makes of it: character references decoded, tabs, line breaks
                // and leading spaces and control characters removed.
                let url = decodeReferences(value).unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined()
                    .lowercased()
                if url.hasPrefix("javascript:") || url.hasPrefix("vbscript:") || url.hasPrefix("data:text/html") {
                    problems.append("\(name)=\"\(value)\" on <\(element)> can run script")
                }
            }
        }
        return problems
    }

    /// The theme's one script, `templates/static/quick-exit.js` as published (`quick-exit.1a2b3c4d.js`).
    static func isQuickExit(_ attributes: [(String, String)]) -> Bool {
        guard let src = attributes.first(where: { $0.0 == "src" })?.1 else { return false }
        let name = src.split(separator: "/").last ?? ""
        return attributes.allSatisfy { ["src", "defer"].contains($0.0) } && name.hasPrefix("quick-exit.")
            && name.hasSuffix(".js") && name.dropFirst("quick-exit.".count).dropLast(3).allSatisfy(\.isHexDigit)
    }

    /// `&amp;`, `&#39;`, `&#x3A;` and the like, as a browser reads an attribute.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.firstIndex(of: ";"), rest.distance(from: rest.startIndex, to: semicolon) <= 10
            else {
                result += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            let named = [
                "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n",
            ]
            if let character = named[String(name).lowercased()] {
                result += character
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                result.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "&" + name + ";"
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

    static func isLetter(_ byte: UInt8) -> Bool {
        switch byte {
        case 65...90, 97...122: true
        default: false
        }
    }

    static func isNameCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 65...90, 97...122, 48...57, 45, 58: true  // letters, digits, '-', ':'
        default: false
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        switch byte {
        case 9, 10, 12, 13, 32: true
        default: false
        }
    }
}
