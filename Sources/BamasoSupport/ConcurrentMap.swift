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

/// `first()` on this thread while `second()` runs on another; both results. For a piece of
/// work as long as hundreds of items (the feeds of a site) beside the items themselves.
public func alongside<First, Second: Sendable>(
    _ first: () -> First, _ second: @escaping @Sendable () -> Second
) -> (First, Second) {
    let box = Box<Second>()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { box.value = second() }
    let result = first()
    group.wait()
    return (result, box.value!)
}

/// The result of `alongside`'s second piece: safe because it is written by one thread before
/// `group.wait()` returns, and read only after.
private final class Box<Value>: @unchecked Sendable {
    var value: Value?
}
