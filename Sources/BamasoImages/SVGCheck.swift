import Foundation

/// SVG files are published as they are, so what they hold is checked: an SVG is a document
/// that can carry a script, which would run on the site's own address when opened.
enum SVGCheck {
    /// What makes `data` unsafe to publish, or not an SVG at all; nil when it is a plain drawing.
    static func problem(in data: Data) -> ImageProblem? {
        let text = String(decoding: data, as: UTF8.self).lowercased()
        guard text.contains("<svg") else { return .notTheFormat(named: .svg, found: nil) }
        if text.contains("<script") { return .svgScript("<script>") }
        if let attribute = eventAttribute(in: text) { return .svgScript("\(attribute)=") }
        if text.contains("javascript:") { return .svgScript("javascript:") }
        return nil
    }

    /// The first attribute whose name starts with `on` (`onload`, `onclick`): an event handler.
    static func eventAttribute(in text: String) -> String? {
        let bytes = Array(text.utf8)
        var index = 1
        while index + 2 < bytes.count {
            let before = bytes[index - 1]
            if bytes[index] == UInt8(ascii: "o"), bytes[index + 1] == UInt8(ascii: "n"),
                before == 0x20 || before == 0x0A || before == 0x09 || before == 0x0D || before == UInt8(ascii: "/")
            {
                var end = index + 2
                while end < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[end]) { end += 1 }
                var after = end
                while after < bytes.count, [0x20, 0x0A, 0x09, 0x0D].contains(bytes[after]) { after += 1 }
                if end > index + 2, after < bytes.count, bytes[after] == UInt8(ascii: "=") {
                    return String(decoding: bytes[index..<end], as: UTF8.self)
                }
            }
            index += 1
        }
        return nil
    }
}
