import Testing
@testable import TallyCore

/// An envelope held in memory stays small whatever its kind: a night of them is held whole.
struct EnvelopeSizeTests {
    @Test func anEnvelopeIsAboutAHundredBytes() {
        #expect(MemoryLayout<Envelope>.stride <= 128, "\(MemoryLayout<Envelope>.stride) bytes")
    }
}
