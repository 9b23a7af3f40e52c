import Foundation
import Testing
import TallyCore

/// The edge validators over random and extreme input: each value is either refused with a
/// reason or lands within its documented range, and nothing traps on the way.
struct LimitsPropertyTests {
    static let extremes: [Double] = [
        0, -0.0, 1, -1, 0.5, 1e-300, -1e-300, 1e15, 1e300, -1e300, .infinity, -.infinity, .nan, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, .leastNonzeroMagnitude, 9.223372036854775807e18, -9.223372036854775808e18, 315_576_000, 315_576_000.5,
    ]

    static func randomDoubles(_ seed: UInt64, count: Int = 2000) -> [Double] {
        var random = SplitMix(seed: seed)
        return (0..<count).map { _ in Double(bitPattern: random.next()) } + extremes
    }

    @Test func saturatingConversionStaysInRangeForEveryDouble() {
        for value in Self.randomDoubles(1) {
            let int = Int(saturating: value), small = Int32(saturating: value), unsigned = UInt64(saturating: value)
            if value.isNaN { #expect(int == 0 && small == 0 && unsigned == 0) }
            if value.isFinite, abs(value) < 1e15 { #expect(int == Int(exactly: value.rounded(.towardZero))) }
            #expect(value >= 0 || unsigned == 0)
            #expect(value.isNaN || value < 1 || small > 0)
        }
    }

    @Test func checkedRangesRefuseOrReturnAValueInside() {
        for value in Self.randomDoubles(2) {
            for range in [Limits.durationSeconds, Limits.audience, Limits.percent, Limits.offsetSeconds] {
                if let checked = try? range.checked(value) {
                    #expect(range.contains(checked) && checked.isFinite)
                } else {
                    #expect(!value.isFinite || !range.contains(value))
                }
            }
            if let whole = try? Limits.targetDuration.checked(value) { #expect(Limits.targetDuration.contains(whole)) }
        }
    }

    @Test func instantArithmeticNeverLeavesTheYearsRFC3339CanWrite() {
        let moments = [Instant.earliest, Instant.latest, Instant(rfc3339: "2026-03-14T19:00:00Z")!, Instant(millisecondsSinceEpoch: .max),
                       Instant(millisecondsSinceEpoch: .min)]
        for value in Self.randomDoubles(3, count: 500) {
            for moment in moments {
                let later = moment.adding(seconds: value)
                #expect(later >= .earliest && later <= .latest)
                #expect(Instant(rfc3339: later.rfc3339) == later, "\(later.rfc3339) must read back")
                _ = later.seconds(since: .earliest)
            }
        }
    }

    @Test func figuresDrawAnyValueTheCoreAdmits() {
        for value in Self.randomDoubles(4, count: 500) {
            #expect(!Figures.duration(value).isEmpty)
            #expect(!Figures.decimal(value, places: 1).isEmpty)
            #expect(!Figures.clockDuration(value).isEmpty)
            #expect(!Figures.count(Int(saturating: value)).isEmpty)
        }
        #expect(Figures.count(.min) == "-9223372036.85G")
        #expect(Figures.decimal(.infinity, places: 1) == "∞")
    }

    @Test func durationTextIsRefusedWithAReasonOrWithinTenYears() {
        var random = SplitMix(seed: 5)
        let alphabet = Array("0123456789.eE+-smhdx ninfa")
        var texts = ["90s", "5m", "1h", "1d", "1e300h", "-5m", "nan", "inf", "1e15", "0x10", "", " ", "1.5.5m", "--1", "315576000", "3652.5d"]
        for _ in 0..<3000 {
            texts.append(String((0..<Int(random.next() % 8)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        for text in texts {
            do {
                let seconds = try DurationText.seconds(text)
                #expect(Limits.durationSeconds.contains(seconds) && seconds.isFinite, "\(text) → \(seconds)")
            } catch {
                #expect(error.description.contains("\""), "a refusal quotes what it refused: \(error)")
            }
        }
        #expect((try? DurationText.seconds("5m")) == 300)
        #expect((try? DurationText.seconds("0x10")) == nil, "hexadecimal is not a duration")
    }

    static func envelope(_ type: String, _ data: String, seq: String = "1") -> String {
        #"{"seq":\#(seq),"ts":"2026-03-14T19:00:00.000Z","type":"\#(type)","source":"x","v":1,"data":\#(data)}"#
    }

    @Test(arguments: [
        (envelope("silence.create", #"{"matchers":[],"duration_seconds":1e300,"actor":"a","channel":"c","comment":""}"#),
         "duration_seconds: 1e+300 is outside 0…315576000"),
        (envelope("silence.create", #"{"matchers":[],"duration_seconds":1e15,"actor":"a","channel":"c","comment":""}"#),
         "duration_seconds: 1000000000000000 is outside 0…315576000"),
        (envelope("viewers.sample", #"{"event_id":"e","concurrent":9223372036854775807}"#), "concurrent: 9.223372036854776e+18 is outside 0…10000000000"),
        (envelope("viewers.sample", #"{"event_id":"e","concurrent":5,"rebuffering_percent":1e300}"#), "rebuffering_percent: 1e+300 is outside 0…100"),
        (envelope("feed.sample", #"{"feed_id":"f","variant":"v","target_duration":2,"playlist_age":1e300,"media_sequence":1,"discontinuity_sequence":0,"live_window":6,"segment_download_time":0.1,"measured_bitrate":1,"declared_bitrate":1,"errors":0}"#),
         "playlist_age: 1e+300 is outside 0…315576000"),
        (envelope("feed.sample", #"{"feed_id":"f","variant":"v","target_duration":2,"playlist_age":1,"media_sequence":9223372036854775807,"discontinuity_sequence":0,"live_window":6,"segment_download_time":0.1,"measured_bitrate":1,"declared_bitrate":1,"errors":0}"#),
         "media_sequence: 9223372036854775807 is outside 0…9007199254740992"),
        (envelope("alert.notified", #"{"alert_id":1,"dedup_key":"k","notifier":"n","action":"trigger","level":-9,"attempt":1,"delivered":true,"detail":""}"#),
         "level: -9 is outside 0…1000000"),
        (envelope("alert.raised", #"{"dedup_key":"k","severity":"critical","summary":"s","source":"x"}"#, seq: "18446744073709551615"),
         "18446744073709551615 is outside 0…9007199254740992"),
    ])
    func anEnvelopeWithAnOutOfRangeNumberIsRefusedWithItsKey(line: String, reason: String) {
        do {
            _ = try WireFormat.makeDecoder().decode(Envelope.self, from: Data(line.utf8))
            Issue.record("accepted: \(line)")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription == reason)
        } catch {
            Issue.record("\(error)")
        }
    }
}
