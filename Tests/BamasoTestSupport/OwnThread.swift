import Foundation

/// Runs blocking work (builds, processes, files) on a thread of its own, and waits for it
/// without holding one of Swift's cooperative threads. Those are as many as the cores (two on
/// the CI machines): tests that block them for a minute stall every other suite's async tests,
/// and their timings, for as long. The work must not call `#expect`, which needs the test's
/// task: it returns what the test then checks.
public func onItsOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
