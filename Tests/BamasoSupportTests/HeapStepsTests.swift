import Testing

@testable import BamasoSupport

@Suite struct HeapStepsTests {
    #if os(Linux)
    @Test("glibc's malloc takes the larger step a one-off build asks for")
    func setsTopPad() {
        #expect(HeapSteps.grow())
        // glibc would take a negative size as a pad of nearly all memory.
        #expect(!HeapSteps.grow(by: -1))
        #expect(HeapSteps.grow())
    }
    #endif
}
