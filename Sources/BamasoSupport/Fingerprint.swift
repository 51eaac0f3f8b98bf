/// A short fingerprint of some bytes: 64-bit FNV-1a as 16 hex digits. Used to notice that
/// something changed (a translation's original, a stylesheet's contents); it is a change
/// detector, not a security measure.
public struct Fingerprint: Sendable {
    @usableFromInline var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Inlinable so that callers get a loop specialised for their sequence: through the
    /// generic entry point, every byte of a page cost an iterator call.
    @inlinable
    public mutating func add(_ bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ add(buffer: $0) }) != nil { return }
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
    }

    @inlinable
    mutating func add(buffer: UnsafeBufferPointer<UInt8>) {
        var hash = hash
        for byte in buffer {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        self.hash = hash
    }

    public var hex: String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        var fingerprint = Fingerprint()
        fingerprint.add(bytes)
        return fingerprint.hex
    }
}
