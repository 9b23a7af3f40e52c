import Testing
import TallyConfig
import TallyCore

/// Follow-the-sun rotations: whoever's local hours cover the moment holds the rotation, and
/// an override wins while it lasts.
struct RosterTests {
    static let text = """
        rotations:
          - name: primary
            shifts:
              - {who: maria, zone: America/Los_Angeles, from: "07:00", to: "15:00"}
              - {who: dev, zone: America/Los_Angeles, from: "15:00", to: "23:00"}
              - {who: kenji, zone: Asia/Tokyo, from: "15:00", to: "23:00"}
            overrides:
              - {who: sam, from: "2026-03-14T20:00:00Z", until: "2026-03-14T22:00:00Z"}
          - name: weekend
            shifts:
              - {who: aiko, zone: Asia/Tokyo, from: "22:00", to: "06:00", days: [sat, sun]}
        """

    func at(_ text: String) -> Instant { Instant(rfc3339: text)! }

    @Test func theShiftWhoseLocalHoursCoverTheMomentHoldsTheRotation() throws {
        let roster = try RosterParser.parse(Self.text, file: "roster.yaml")
        // 14 March 2026: Los Angeles is on daylight time (UTC-7), Tokyo is UTC+9.
        #expect(roster.holder(of: "primary", at: at("2026-03-14T15:00:00Z")) == "maria")  // 08:00 in Los Gatos
        #expect(roster.holder(of: "primary", at: at("2026-03-15T02:00:00Z")) == "dev")    // 19:00 in Los Angeles
        #expect(roster.holder(of: "primary", at: at("2026-03-15T07:00:00Z")) == "kenji")  // 16:00 in Tokyo
        #expect(roster.holder(of: "primary", at: at("2026-03-14T21:00:00Z")) == "sam", "the override wins")
        #expect(roster.describe("rotation:primary", at: at("2026-03-14T15:00:00Z")) == "rotation:primary (maria)")
        #expect(roster.person(for: "person:rosa", at: at("2026-03-14T15:00:00Z")) == "rosa")
    }

    @Test func anOvernightShiftCountsFromTheDayItStarts() throws {
        let roster = try RosterParser.parse(Self.text, file: "roster.yaml")
        // Saturday 14 March, 23:00 in Tokyo, and Sunday 02:00: the Saturday night shift.
        #expect(roster.holder(of: "weekend", at: at("2026-03-14T14:00:00Z")) == "aiko")
        #expect(roster.holder(of: "weekend", at: at("2026-03-14T17:00:00Z")) == "aiko")
        // Monday 16 March, 02:00 in Tokyo: Sunday night's shift still.
        #expect(roster.holder(of: "weekend", at: at("2026-03-15T17:00:00Z")) == "aiko")
        // Tuesday 17 March, 02:00 in Tokyo: Monday night, not a weekend night.
        #expect(roster.holder(of: "weekend", at: at("2026-03-16T17:00:00Z")) == nil)
        #expect(roster.describe("rotation:weekend", at: at("2026-03-16T17:00:00Z")) == "rotation:weekend (nobody on shift)")
    }

    @Test(arguments: [
        ("rotations:\n  - name: p\n    shifts:\n      - {who: a, zone: Mars/Base, from: \"09:00\", to: \"17:00\"}\n",
         "roster.yaml:4: rotations[0].shifts[0].zone: \"Mars/Base\" is not a time zone (write one such as Asia/Tokyo or America/Los_Angeles)"),
        ("rotations:\n  - name: p\n    shifts:\n      - {who: a, zone: UTC, from: \"9am\", to: \"17:00\"}\n",
         "roster.yaml:4: rotations[0].shifts[0].from: \"9am\" is not a time of day (write 09:00 or 17:30)"),
        ("rotations:\n  - name: p\n    shifts: []\n    overrides:\n      - {who: b, from: \"2026-03-14T20:00:00Z\", until: \"2026-03-14T19:00:00Z\"}\n",
         "roster.yaml:5: rotations[0].overrides[0].until: must be after from"),
    ])
    func mistakesAreNamedWithFileAndLine(text: String, expected: String) {
        do {
            _ = try RosterParser.parse(text, file: "roster.yaml")
            Issue.record("accepted a bad roster")
        } catch {
            #expect(error.description == expected)
        }
    }
}
