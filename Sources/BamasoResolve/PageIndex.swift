import BamasoLoad
import BamasoParse

/// Looks pages up by key and language in constant time.
///
/// A key is hashed once per look-up: it names a row of `slots`, which holds the position of
/// the key's page in each language (in the order of `site.yml`'s `languages`), or -1. The preview
/// asks the index tens of thousands of questions after every save (`ItemMemo`), so each costs
/// one hash, and building it allocates nothing per key.
struct PageIndex {
    var pages: [Page]
    private var rows: [String: Int] = [:]
    private var slots: [Int] = []
    /// Every key, in the order of `pages`.
    private var keys: [String] = []
    private var bySection: [String: [String]] = [:]
    /// The site's languages: the columns of `slots`.
    private let languages: [Language]
    /// Each language's fallback chain (`SiteConfig.fallbackChain`), as columns.
    private let chains: [[Int]]

    init(pages: [Page], site: SiteConfig) {
        self.pages = pages
        languages = site.languages
        chains = site.languages.map { language in
            site.fallbackChain(of: language).compactMap { site.languages.firstIndex(of: $0) }
        }
        let width = languages.count
        rows.reserveCapacity(pages.count)
        for (position, page) in pages.enumerated() {
            let key = page.key
            let row: Int
            if let existing = rows[key] {
                row = existing
            } else {
                row = keys.count
                rows[key] = row
                keys.append(key)
                slots += repeatElement(-1, count: width)
                if let section = page.section, page.slug != nil { bySection[section, default: []].append(key) }
            }
            if let column = column(page.language) { slots[row * width + column] = position }
        }
    }

    /// The column of `language`; a page in a language the site does not have is refused
    /// before it gets here (`PageParser.place`).
    private func column(_ language: Language) -> Int? {
        // A site has a handful of languages: a linear search beats hashing.
        languages.firstIndex(of: language)
    }

    func page(_ key: String, _ language: Language) -> Page? {
        guard let row = rows[key], let column = column(language) else { return nil }
        return page(row: row, column: column)
    }

    private func page(row: Int, column: Int) -> Page? {
        let position = slots[row * languages.count + column]
        return position < 0 ? nil : pages[position]
    }

    /// The page in `language`, else in the first language of its fallback chain that has it.
    func page(_ key: String, preferring language: Language) -> Page? {
        guard let row = rows[key] else { return nil }
        guard let column = column(language) else { return anyPage(row: row) }
        return chains[column].lazy.compactMap { self.page(row: row, column: $0) }.first
    }

    /// The page in any language, the default language first.
    func anyPage(_ key: String) -> Page? {
        rows[key].flatMap(anyPage(row:))
    }

    private func anyPage(row: Int) -> Page? {
        languages.indices.lazy.compactMap { page(row: row, column: $0) }.first
    }

    /// The languages `key` exists in, as bits by place in `languages`.
    func places(of key: String, in languages: [Language]) -> UInt64 {
        guard let row = rows[key] else { return 0 }
        var places: UInt64 = 0
        for (place, language) in languages.enumerated()
        where column(language).flatMap({ page(row: row, column: $0) }) != nil {
            places |= 1 << UInt64(place)
        }
        return places
    }

    var allKeys: [String] { keys }

    func keys(inSection section: String) -> [String] { bySection[section] ?? [] }

    func path(of key: String, in language: Language) -> String { SiteIndex.path(of: key, in: language) }
}
