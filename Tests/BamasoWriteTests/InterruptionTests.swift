import Foundation
import Testing

@testable import BamasoWrite

/// What a signal asks of the process at each moment of a build.
@Suite struct InterruptionTests {
    @Test("before writing the process may end; while writing the writer stops; after it, the output may be new")
    func responses() {
        let before = Interruption()
        #expect(before.request(SIGINT) == .endNow(afterWriting: false))
        #expect(!before.beginWriting())  // no writer starts after the signal

        let during = Interruption()
        #expect(during.beginWriting())
        #expect(during.request(SIGTERM) == .writerStops)
        #expect(during.request(SIGINT) == .writerStops)
        #expect(during.requested == SIGTERM)  // the first signal counts
        during.endWriting()
        #expect(during.request(SIGINT) == .endNow(afterWriting: true))
    }

    @Test("the test hook pauses only at its own point, until a signal comes")
    func checkpoint() {
        let interruption = Interruption(pausingAt: "render")
        let started = Date()
        interruption.checkpoint("parse")
        #expect(Date().timeIntervalSince(started) < 0.5)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { _ = interruption.request(SIGINT) }
        interruption.checkpoint("render")
        let waited = Date().timeIntervalSince(started)
        #expect(waited >= 0.2 && waited < 5)
    }
}
