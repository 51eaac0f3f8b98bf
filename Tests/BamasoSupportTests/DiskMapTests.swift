import Foundation
import Synchronization
import Testing

@testable import BamasoSupport

/// `diskMap` is `map` for reading and comparing files: the results in order, and many requests
/// waiting on the disk at once, not one per core.
@Suite struct DiskMapTests {
    @Test(
        "every element is mapped once, in order, for none, one, fewer than the threads and many",
        arguments: [0, 1, 3, 1_000])
    func order(count: Int) {
        let calls = Mutex(0)
        let results = Array(0..<count).diskMap { index in
            calls.withLock { $0 += 1 }
            return "file-\(index)"
        }
        #expect(results == (0..<count).map { "file-\($0)" })
        #expect(calls.withLock { $0 } == count)
    }

    @Test("more requests wait at once than a machine with two cores would run")
    func manyAtOnce() {
        // The first three elements each wait until all three are under way: on two threads
        // the third would start only after the others gave up, five seconds later.
        let running = Mutex(0)
        let together = Array(0..<40).diskMap { index -> Bool in
            guard index < 3 else { return true }
            running.withLock { $0 += 1 }
            let deadline = Date().addingTimeInterval(5)
            while running.withLock({ $0 }) < 3 {
                guard Date() < deadline else { return false }
                usleep(1_000)
            }
            return true
        }
        #expect(together.allSatisfy { $0 })
    }

    @Test("later maps run on the threads of the first: a rebuild maps a dozen times")
    func threadsKept() {
        let pool = DiskThreads()
        // All sixteen threads take part in the first map: each element waits until sixteen
        // are under way.
        let running = Mutex(0)
        let first = Array(0..<diskThreads).diskMap(on: pool) { _ -> Bool in
            running.withLock { $0 += 1 }
            let deadline = Date().addingTimeInterval(5)
            while running.withLock({ $0 }) < diskThreads {
                guard Date() < deadline else { return false }
                usleep(1_000)
            }
            return true
        }
        #expect(first.allSatisfy { $0 })
        for _ in 0..<5 {
            // A thread is idle a moment after its last element is mapped.
            let deadline = Date().addingTimeInterval(5)
            while pool.threads.idle < diskThreads, Date() < deadline { usleep(1_000) }
            #expect(Array(0..<200).diskMap(on: pool) { $0 * 2 } == (0..<200).map { $0 * 2 })
        }
        #expect(pool.threads.started == diskThreads)
    }
}
