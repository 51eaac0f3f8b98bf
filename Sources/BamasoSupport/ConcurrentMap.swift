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
    /// `map` for work that mostly waits for the disk, on `diskThreads` threads (kept from one
    /// map to the next: `DiskThreads`), the results in the order of the elements.
    ///
    /// Reading yesterday's site or content, which the system no longer holds in memory, one
    /// request per core left the disk idle most of the time: at 10,000 pages, the write stage
    /// of a rebuild over a folder tree read from the disk took 0.85 s on two threads and 0.37 s
    /// on sixteen, and reading the pages 0.50 s against 0.28 s; with the files in memory, the
    /// times are the same either way.
    public func diskMap<T: Sendable>(_ transform: @escaping @Sendable (Element) -> T) -> [T] {
        diskMap(on: .shared, transform)
    }

    /// `diskMap` on the threads of `pool`.
    func diskMap<T: Sendable>(on pool: DiskThreads, _ transform: @escaping @Sendable (Element) -> T) -> [T] {
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
                pool.run {
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

/// The threads `diskMap` runs on, kept once started: a rebuild maps a dozen times (the content,
/// each level of the staging tree, each quarter of the files), and starting sixteen threads
/// for each took about 5 ms of a 0.4 s rebuild at 1,000 pages per language (load and write
/// stages, eight alternating pairs). A job never waits for a thread: when none is idle, a new
/// one starts, so maps that wait on each other (tests do) cannot stop each other.
final class DiskThreads: Sendable {
    static let shared = DiskThreads()

    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var idle = 0
        var started = 0
    }
    private let state = Mutex(State())
    /// Signalled once for each idle thread `run` claims.
    private let wake = DispatchSemaphore(value: 0)

    /// Runs `job` on an idle thread, or on a new one.
    func run(_ job: @escaping @Sendable () -> Void) {
        let claimedIdle = state.withLock { state in
            state.jobs.append(job)
            guard state.idle > 0 else {
                state.started += 1
                return false
            }
            state.idle -= 1
            return true
        }
        if claimedIdle {
            wake.signal()
        } else {
            Thread.detachNewThread { [self] in work() }
        }
    }

    /// How many threads have started, and how many of them wait for a job.
    var threads: (started: Int, idle: Int) { state.withLock { ($0.started, $0.idle) } }

    /// A thread's life: every job it finds, then idle until `run` claims it.
    private func work() {
        while true {
            while let job = state.withLock({ $0.jobs.isEmpty ? nil : $0.jobs.removeFirst() }) {
                job()
            }
            state.withLock { $0.idle += 1 }
            wake.wait()
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
