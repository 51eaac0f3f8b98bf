import Foundation

/// Escaping for what bamaso writes outside Mustache templates (which escape HTML themselves).
public enum Escape {
    /// Text and attribute values in XML. Characters XML 1.0 forbids (control characters, which
    /// a YAML escape such as `"\x01"` can put into a title) become U+FFFD: one of them would
    /// make a feed reader reject the whole feed.
    public static func xml(_ text: String) -> String {
        markup(text, apostrophe: "&apos;")
    }

    /// Text and attribute values in HTML written by hand (the preview server's own pages), with
    /// the same entities Mustache uses.
    public static func html(_ text: String) -> String {
        markup(text, apostrophe: "&#39;")
    }

    /// Byte by byte: everything it replaces is ASCII, or U+FFFE and U+FFFF, whose UTF-8 starts
    /// with a byte that always starts a character.
    private static func markup(_ text: String, apostrophe: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            func replaces(at index: Int) -> Bool {
                switch bytes[index] {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                    true
                case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): false
                case 0x00...0x1F: true
                case 0xEF: index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE
                default: false
                }
            }
            // Most text has nothing to escape.
            guard var index = bytes.indices.first(where: replaces) else { return text }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 64)
            escaped += bytes[..<index]
            while index < bytes.count {
                guard replaces(at: index) else {
                    escaped.append(bytes[index])
                    index += 1
                    continue
                }
                switch bytes[index] {
                case UInt8(ascii: "&"): escaped += "&amp;".utf8
                case UInt8(ascii: "<"): escaped += "&lt;".utf8
                case UInt8(ascii: ">"): escaped += "&gt;".utf8
                case UInt8(ascii: "\""): escaped += "&quot;".utf8
                case UInt8(ascii: "'"): escaped += apostrophe.utf8
                case 0xEF:
                    escaped += "\u{FFFD}".utf8
                    index += 2
                default: escaped += "\u{FFFD}".utf8
                }
                index += 1
            }
            return String(decoding: escaped, as: UTF8.self)
        }
    }

    /// JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` are written as
    /// `\u003c`-style escapes, so no value can close the element or start a comment.
    static func jsonForHTML(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
            let json = String(data: data, encoding: .utf8)
        else { return "{}" }
        // Most JSON has none of the three, nor anything else Foundation might take for one.
        guard
            json.utf8.contains(where: {
                $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") || $0 >= 0x80
            })
        else { return json }
        return json.replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    /// `text` as a JSON string, written as JSONSerialization writes it, when it holds only
    /// letters, digits and `-._~:/` (a page's address): in quotes, with `/` as `\/`. Nil for
    /// other text.
    static func plainJSONString(_ text: String) -> String? {
        var json: [UInt8] = [UInt8(ascii: "\"")]
        json.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"):
                json.append(byte)
            case UInt8(ascii: "/"):
                json += [UInt8(ascii: "\\"), byte]
            default:
                return nil
            }
        }
        json.append(UInt8(ascii: "\""))
        return String(decoding: json, as: UTF8.self)
    }

    /// A value in a vCard 3.0 property (RFC 2426 §5): backslash, comma, semicolon, newline.
    static func vCard(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A query value in a share link (`https://wa.me/?text=`, `sms:?body=`, `mailto:?body=`):
    /// each byte of its UTF-8 as `%XX`, except letters, digits and `-._~!$'()*` (what
    /// Foundation's `addingPercentEncoding` gives with `urlQueryAllowed` less `&=+?#/:;,@`).
    static func query(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count * 2)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"),
                UInt8(ascii: "$"),
                UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"):
                escaped.append(byte)
            default:
                escaped += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
