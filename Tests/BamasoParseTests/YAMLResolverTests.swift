import BamasoDiagnostics
import Testing
import Yams

@testable import BamasoLoad

/// `YAMLReader.resolver` puts a shortcut in front of Yams's default rules; it must give every
/// plain value the tag the default rules give.
@Suite struct YAMLResolverTests {
    static let samples: [String] = {
        let letters = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) } + ["_"]
        let short = letters + letters.flatMap { first in letters.map { first + $0 } }
        let special = [
            "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
            "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", "", "<<", "=",
            ".nan", ".inf", "-.inf", "0x1F", "0o17", "0b101", "1_000", "+1", "-0", "3.14", "1e5", "190:20:30",
            "2012-06-01", "2012-6-1 10:00:00", "2012-06-01T10:00:00Z",
        ]
        let words = [
            "title", "key_message", "translated_from", "duration_minutes", "nulls", "yess", "no_", "_on",
            "offside", "truely", "Title", "title2", "tit-le", "ba maso", "umwana", "é", "null_", "on_off",
        ]
        return short + special + words
    }()

    @Test("gives every sample the default resolver's tag")
    func sameTags() {
        let different = Self.samples.filter {
            YAMLReader.resolver.resolveTag(of: Node($0)) != Resolver.default.resolveTag(of: Node($0))
        }
        #expect(different == [])
    }

    @Test("a key written plain and quoted is two keys when the plain one is not text, as before")
    func plainAndQuotedKeys() {
        var diagnostics: [Diagnostic] = []
        let reader = YAMLReader(path: "content/site.yml")
        #expect(reader.compose("true: a\n\"true\": b\n", into: &diagnostics) != nil)
        #expect(reader.compose("title: a\n\"title\": b\n", into: &diagnostics) == nil)
        #expect(diagnostics.map(\.message) == ["key 'title' appears more than once"])
    }
}
