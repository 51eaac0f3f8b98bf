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

    private static func markup(_ text: String, apostrophe: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += apostrophe
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` are written as
    /// `\u003c`-style escapes, so no value can close the element or start a comment.
    static func jsonForHTML(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              let json = String(data: data, encoding: .utf8)
        else { return "{}" }
        return json.replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
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

    /// A query value in a share link (`https://wa.me/?text=`, `sms:?body=`, `mailto:?body=`).
    static func query(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#/:;,@")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
