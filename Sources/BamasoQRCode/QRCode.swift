import CQRencode
import Foundation

/// A QR code made with libqrencode, the only door to it: the C symbol is made and freed here,
/// and callers get Swift values (the modules, an SVG string).
public struct QRCode: Sendable, Equatable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row by row, `true` for a dark module.
    public let modules: [Bool]

    /// The code of `text` (an address), at error correction level M (15 % of the code may be
    /// smudged or torn and it still reads, as on a printed sheet); nil when the text is too long
    /// for any QR code (about 2,300 bytes at level M) or libqrencode fails.
    public init?(_ text: String) {
        // Mode 8 (bytes), case-sensitive: an address's path and query are.
        guard let symbol = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(symbol) }
        let size = Int(symbol.pointee.width)
        guard size > 0, let data = symbol.pointee.data else { return nil }
        // Bit 0 of each byte says whether the module is dark; the others are libqrencode's own.
        self.size = size
        modules = (0..<size * size).map { data[$0] & 1 == 1 }
    }

    /// Modules of light margin around the code, as the standard asks (ISO/IEC 18004: 4).
    public static let quietZone = 4

    /// The code as an SVG element to put inline in HTML: one path of horizontal runs, drawn with
    /// a stroke one module wide on a white square that includes the quiet zone, so it stays
    /// crisp at any print size and weighs one to two kilobytes.
    /// - Parameters:
    ///   - pixels: the width and height the SVG asks for (CSS may change it).
    ///   - label: what the code is, for screen readers (`aria-label`).
    public func svg(pixels: Int, label: String) -> String {
        let side = size + 2 * Self.quietZone
        var path = ""
        for row in 0..<size {
            var column = 0
            var penX: Int?
            while column < size {
                guard modules[row * size + column] else {
                    column += 1
                    continue
                }
                let start = column
                while column < size, modules[row * size + column] { column += 1 }
                if let x = penX {
                    path += "m\(start - x) 0"
                } else {
                    path += "M\(start + Self.quietZone) \(row + Self.quietZone).5"
                }
                path += "h\(column - start)"
                penX = column
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(pixels)\" "
            + "height=\"\(pixels)\" role=\"img\" aria-label=\"\(Self.escaped(label))\" shape-rendering=\"crispEdges\">"
            + "<path fill=\"#fff\" d=\"M0 0h\(side)v\(side)H0z\"/>"
            + "<path stroke=\"#000\" d=\"\(path)\"/></svg>"
    }

    /// `text` for an attribute in double quotes.
    private static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
