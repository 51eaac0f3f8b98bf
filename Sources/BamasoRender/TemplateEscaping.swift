import Mustache

/// How `{{name}}` is escaped in every template: the entities swift-mustache's own HTML escaping
/// uses, found by looking at bytes. The library's escaping compares every Character of every
/// value, which made it a fifth of the time spent rendering a site, and it leaves `"` or `<`
/// alone when a combining mark follows (they make one Character), so a title such as `"́` could
/// end an attribute early. This escapes each of the five wherever it is.
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

    /// `<`, `>`, `&`, `"` and `'` as `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&#39;`. All five are
    /// ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII, so looking at bytes finds
    /// every one of them.
    static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            var extra = 0
            for byte in bytes {
                extra += max(Int(entityLength[Int(byte)]) - 1, 0)
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

    private static func write(_ entity: StaticString, into output: UnsafeMutableBufferPointer<UInt8>, at start: Int)
        -> Int
    {
        var count = start
        for index in 0..<entity.utf8CodeUnitCount {
            output[count] = entity.utf8Start[index]
            count += 1
        }
        return count
    }
}
