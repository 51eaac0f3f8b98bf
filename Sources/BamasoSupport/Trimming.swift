/// Trimming that gives exactly what Foundation's `trimmingCharacters(in: .whitespaces)` and
/// `trimmingCharacters(in: .whitespacesAndNewlines)` give, without their detour: on Linux both
/// copy the whole text into an `NSString` and back, which made trimming a sixth of a build's
/// work. Only the ends of the text are looked at here.
///
/// Foundation trims code point by code point, not character by character (`" \u{301}a"`
/// loses its space and keeps the accent), and so does this. The sets are Foundation's, which
/// differ from Unicode's `White_Space` (U+200B ZERO WIDTH SPACE is in, U+0085 only with the
/// newlines); `TrimmingTests` checks them against Foundation for every code point. Inlinable,
/// so that each caller gets code for its own string type rather than generic calls.
extension StringProtocol {
    /// Without the spaces and tabs at either end, as `trimmingCharacters(in: .whitespaces)`.
    @inlinable
    public func trimmingWhitespaces() -> String {
        String(trimmed(where: Self.isWhitespace))
    }

    /// Without white space and line breaks at either end, as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    @inlinable
    public func trimmingWhitespacesAndNewlines() -> String {
        String(trimmed(where: Self.isWhitespaceOrNewline))
    }

    /// The part of the text left by `trimmingWhitespacesAndNewlines()`, not copied.
    @inlinable
    public var withoutWhitespacesAndNewlines: SubSequence {
        trimmed(where: Self.isWhitespaceOrNewline)
    }

    @inlinable
    func trimmed(where isTrimmed: (Unicode.Scalar) -> Bool) -> SubSequence {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isTrimmed(scalars[start]) { scalars.formIndex(after: &start) }
        while start < end {
            let last = scalars.index(before: end)
            guard isTrimmed(scalars[last]) else { break }
            end = last
        }
        return self[start..<end]
    }

    /// Foundation's `CharacterSet.whitespaces`: tab, and the space separators.
    @inlinable
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Foundation's `CharacterSet.whitespacesAndNewlines`.
    @inlinable
    static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: isWhitespace(scalar)
        }
    }
}
