import Dispatch
import Foundation
import Synchronization

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

extension Array where Element: Sendable {
    /// `map` for work that mostly waits for the disk, on `diskThreads` threads of its own, the
    /// results in the order of the elements.
    ///
    /// Reading yesterday's site or content, which the system no longer holds in memory, one
    /// request per core left the disk idle most of the time: at 10,000 pages, the write stage
    /// of a rebuild over a folder tree read from the disk took 0.85 s on two threads and 0.37 s
    /// on sixteen, and reading the pages 0.50 s against 0.28 s; with the files in memory, the
    /// times are the same either way.
    public func diskMap<T: Sendable>(_ transform: @escaping @Sendable (Element) -> T) -> [T] {
        let threads = Swift.min(diskThreads, count)
        guard threads > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            guard let base = buffer.baseAddress else { return }
            let results = Slots(base: base)
            let next = Atomic<Int>(0)
            let group = DispatchGroup()
            let elements = self
            for _ in 0..<threads {
                group.enter()
                Thread.detachNewThread {
                    while case let index = next.add(1, ordering: .relaxed).oldValue, index < elements.count {
                        (results.base + index).initialize(to: transform(elements[index]))
                    }
                    group.leave()
                }
            }
            group.wait()
            initializedCount = count
        }
    }
}

/// How many requests `diskMap` keeps waiting on the disk at once.
public let diskThreads = 16

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
