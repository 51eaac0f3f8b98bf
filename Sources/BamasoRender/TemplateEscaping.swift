import Mustache

/// How `{{name}}` is escaped in every template: the text swift-mustache's own HTML escaping
/// gives, byte for byte, but found by looking at bytes. The library's escaping compares every
/// Character of every value, which made it a fifth of the time spent rendering a site.
///
/// `TemplateSet` compiles each template behind the pragma `{{% CONTENT_TYPE: BAMASO_HTML}}`;
/// the library starts every template, partial and parent with its own HTML content type, so
/// every template needs the pragma.
struct TemplateEscaping: MustacheContentType {
    /// The content type's name, registered with the library the first time it is asked for.
    static let name: String = {
        MustacheContentTypes.register(TemplateEscaping(), named: "BAMASO_HTML")
        return "BAMASO_HTML"
    }()

    func escapeText(_ text: String) -> String { Self.escape(text) }

    /// `<`, `>`, `&`, `"` and `'` as `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&#39;`, when each
    /// is a Character of its own, as the library does it.
    static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            var extra = 0
            for index in bytes.indices {
                let added = Int(entityLength[Int(bytes[index])])
                guard added > 0 else { continue }
                // Next to a non-ASCII byte, the character may be part of a larger Character
                // (`"` followed by a combining accent is one), which the library leaves alone.
                if index > 0 && bytes[index - 1] >= 0x80 || index + 1 < bytes.count && bytes[index + 1] >= 0x80 {
                    return escapeCharacters(text)
                }
                extra += added - 1
            }
            guard extra > 0 else { return text }
            return String(unsafeUninitializedCapacity: bytes.count + extra) { output in
                var count = 0
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "<"): count = write("&lt;", into: output, at: count)
                    case UInt8(ascii: ">"): count = write("&gt;", into: output, at: count)
                    case UInt8(ascii: "&"): count = write("&amp;", into: output, at: count)
                    case UInt8(ascii: "\""): count = write("&quot;", into: output, at: count)
                    case UInt8(ascii: "'"): count = write("&#39;", into: output, at: count)
                    default:
                        output[count] = byte
                        count += 1
                    }
                }
                return count
            }
        }
    }

    /// The length of each byte's entity; 0 for bytes that stay as they are.
    private static let entityLength: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "<"), UInt8(ascii: ">"): 4
        case UInt8(ascii: "&"), UInt8(ascii: "'"): 5
        case UInt8(ascii: "\""): 6
        default: 0
        }
    }

    private static func write(_ entity: StaticString, into output: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var count = start
        for index in 0..<entity.utf8CodeUnitCount {
            output[count] = entity.utf8Start[index]
            count += 1
        }
        return count
    }

    /// The library's own loop (`String.htmlEscape`): Character by Character, each compared
    /// with the five that are escaped.
    static func escapeCharacters(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
