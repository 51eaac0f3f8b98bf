/// The site's languages. Kinyarwanda comes first: it is the default.
public enum Language: String, CaseIterable, Sendable, Comparable, Hashable {
    case rw, en

    /// The language's name in itself, for the language switcher.
    public var nativeName: String {
        switch self {
        case .rw: "Ikinyarwanda"
        case .en: "English"
        }
    }

    /// BCP 47 tag for `lang`, `hreflang` and date formatting.
    public var tag: String { rawValue }

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public static var names: [String] { allCases.map(\.rawValue) }
}
