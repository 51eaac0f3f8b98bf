import Dispatch

extension Array where Element: Sendable {
    /// `map` run on every core, the results in the order of the elements.
    ///
    /// Loading, parsing and resolving are work per file or per page over values that do not
    /// change meanwhile, which is what this is for.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            guard let base = buffer.baseAddress else { return }
            let results = Slots(base: base)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (results.base + index).initialize(to: transform(self[index]))
            }
            initializedCount = count
        }
    }
}

/// The result buffer, shared by the iterations of `concurrentMap`: safe because each
/// iteration initialises its own slot, and the array is used only after all have returned.
private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
