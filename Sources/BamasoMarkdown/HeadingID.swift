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
        let folded =
            text.utf8.allSatisfy { $0 < 0x80 }
            ? text
            : text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        // Only ASCII letters and digits are kept, so the slug is made of bytes; every byte of
        // any other character is 0x80 or more, and stands for a separator as the character did.
        var slug: [UInt8] = []
        var pendingHyphen = false
        for byte in folded.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingHyphen, !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                slug.append(byte)
                pendingHyphen = false
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingHyphen, !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                slug.append(byte + 0x20)  // lowercase
                pendingHyphen = false
            default:
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : String(decoding: slug, as: UTF8.self)
    }
}
