import Synchronization

/// Slots that `DispatchQueue.concurrentPerform` iterations fill, each its own index, so
/// results come back in order without a lock per write.
final class ConcurrentResults<Value: Sendable>: @unchecked Sendable {
    // Safe because every index is written by exactly one iteration, and `values` is read
    // only after `concurrentPerform` has returned.
    private var storage: [Value?]

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Value? {
        get { storage[index] }
        set { storage.withUnsafeMutableBufferPointer { $0[index] = newValue } }
    }

    var values: [Value] { storage.compactMap { $0 } }
}
