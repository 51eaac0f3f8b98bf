/// GitHub Actions workflow commands, so that a pull request shows each problem on its line.
///
/// Format and escaping as GitHub documents them ("Workflow commands for GitHub Actions"):
/// `::error file=PATH,line=L,col=C::MESSAGE`; in the message `%`, `\r` and `\n` become `%25`,
/// `%0D` and `%0A`; in a property value `:` and `,` also become `%3A` and `%2C`.
extension Diagnostic {
    /// The annotation for this diagnostic. `pathPrefix` is put before the path when the
    /// project is not at the root of the repository (`site/` for `--root site`).
    public func githubAnnotation(pathPrefix: String = "") -> String {
        var text = message
        if let hint { text += "\n" + hint }
        let properties = [
            "file=" + Self.escapeProperty(pathPrefix + location.path),
            "line=\(location.line)",
            "col=\(location.column)",
        ]
        return "::\(severity.rawValue) \(properties.joined(separator: ","))::\(Self.escapeData(text))"
    }

    static func escapeData(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
