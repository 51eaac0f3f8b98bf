import Foundation

/// Makes the `id` of a heading from its text: lowercase ASCII letters and digits joined by
/// hyphens ("Ibimenyetso byo kuba maso!" → "ibimenyetso-byo-kuba-maso"), unique in a page.
struct HeadingIDs {
    private var used: [String: Int] = [:]

    mutating func next(for text: String) -> String {
        let base = Self.slug(text)
        let count = used[base, default: 0] + 1
        used[base] = count
        return count == 1 ? base : "\(base)-\(count)"
    }

    static func slug(_ text: String) -> String {
        // Folding changes nothing in ASCII text that the lowercasing below does not: it is
        // only asked for the others, where it turns "é" into "e".
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text
            : text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            // The ASCII letters and digits, which are the ASCII part of `CharacterSet.alphanumerics`.
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : slug.lowercased()
    }
}
