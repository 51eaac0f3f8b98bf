import BamasoParse

/// The values each layout's context may have: what a template may name at its top level.
/// `Renderer+Context` makes them; `LayoutValuesTests` checks both ways that a context has no
/// value not declared here, and that the theme names no value its layouts' pages cannot have
/// (a name no page has renders as nothing, silently).
enum LayoutValues {
    /// What every page of a language and section shares (`Renderer.sharedValues`).
    static let shared: Set<String> = [
        "lang", "rtl", "t", "site_title", "references", "landing_url", "home_url", "stylesheet", "landing_absolute",
        "menu",
        "help", "quick_exit",
    ]

    /// What every page may have (`PageValues`); `date`, `section`, `audio`,
    /// `translation_notice`, `og` and `print_code` (`printable: true`) only when the page has them.
    static let page: Set<String> = shared.union(PageValues.Key.common.map(\.rawValue))

    /// What pages of `kind` may have, from their front matter's fields (`PageValues.Kind`).
    static func names(of kind: PageKind) -> Set<String> {
        page.union(PageValues.Kind.keys(of: kind).map(\.rawValue))
    }

    /// The values of the layouts of the pages the build makes itself.
    static let booklet: Set<String> = names(of: .section).union(["chapters"])
    static let landing: Set<String> = [
        "lang", "rtl", "t", "site_title", "description", "references", "canonical", "stylesheet", "alternates",
        "entries",
        "quick_exit",
    ]
    static let notFound: Set<String> = ["lang", "rtl", "t", "site_title", "stylesheet", "entries", "quick_exit"]

    /// Every name a page's context may have, whatever its layout: a name in none of these
    /// is nothing on every page, which `TemplateSet.specialized(sharing:)` relies on.
    static let anyPage: Set<String> = PageKind.allCases.reduce(booklet.union(landing).union(notFound)) {
        $0.union(names(of: $1))
    }

    /// The values of `layout` (`layouts.risk`); nil for a name that is not a layout.
    static func names(ofLayout layout: String) -> Set<String>? {
        if let kind = PageKind.allCases.first(where: { TemplateSet.layout(for: $0) == layout }) {
            return names(of: kind)
        }
        switch layout {
        case "layouts.booklet": return booklet
        case "layouts.landing": return landing
        case "layouts.404": return notFound
        default: return nil
        }
    }
}
