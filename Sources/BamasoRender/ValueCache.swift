import Synchronization

/// Values that many pages share and that take a while to work out (a phone number as a `tel:`
/// URI, the theme specialized for a section), kept by the first page of a build that needs one
/// for the pages rendered after it and alongside it. A build's `RenderEnvironment` has its own:
/// nothing is kept from one build to the next.
final class ValueCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])

    /// The value for `key`, made by `make` the first time. Two threads asking at once may
    /// both make it; they make the same value.
    func value(for key: Key, orMake make: () -> Value) -> Value {
        if let value = values.withLock({ $0[key] }) { return value }
        let value = make()
        values.withLock { $0[key] = value }
        return value
    }
}
