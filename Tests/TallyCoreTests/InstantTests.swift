import Testing
@testable import TallyCore

struct InstantTests {
    @Test func formatsUTCWithMilliseconds() {
        let instant = Instant(millisecondsSinceEpoch: 1_773_514_923_250)
        #expect(instant.rfc3339 == "2026-03-14T19:02:03.250Z")
    }

    @Test func parsesWhatItFormats() {
        for ms: Int64 in [0, 1_773_514_923_250, 951_782_400_000, -86_400_001, 4_102_444_799_999] {
            let instant = Instant(millisecondsSinceEpoch: ms)
            #expect(Instant(rfc3339: instant.rfc3339) == instant)
        }
    }

    @Test func acceptsOffsetsAndFractionsOfAnyLength() {
        #expect(Instant(rfc3339: "2026-03-14T20:02:03+01:00") == Instant(rfc3339: "2026-03-14T19:02:03.000Z"))
        #expect(Instant(rfc3339: "2026-03-14T19:02:03.25Z")?.millisecondsSinceEpoch == 1_773_514_923_250)
        #expect(Instant(rfc3339: "2026-03-14T19:02:03.250999Z")?.millisecondsSinceEpoch == 1_773_514_923_250)
    }

    @Test(arguments: ["", "2026-03-14", "2026-13-01T00:00:00Z", "2026-03-14T25:00:00Z",
                      "2026-03-14T19:02:03", "2026-03-14T19:02:03.Z", "2026-03-14T19:02:03Zjunk", "yesterday"])
    func rejectsWhatIsNotRFC3339(_ text: String) {
        #expect(Instant(rfc3339: text) == nil)
    }
}
