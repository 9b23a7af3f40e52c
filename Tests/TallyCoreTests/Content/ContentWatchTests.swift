import Foundation
import TallyCore
import Testing

/// Content conditions on a manual clock: raised once they have lasted, cleared once gone for
/// the recovery time, expected during a planned break, and a failed check changes nothing.
struct ContentWatchTests {
    static let start = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    static func check(black: Double = 0.1, change: Double? = 40, rms: Double = -20, loudness: Double? = -23, problem: String? = nil) -> ContentChecked {
        ContentChecked(feedId: "jpn-kor-primary", variant: "720p", picture: .init(luma: 90, black: black, change: change),
                       audio: .init(rms: rms, momentary: loudness), problem: problem)
    }

    func at(_ seconds: Double) -> Instant { Self.start.adding(seconds: seconds) }

    @Test func aBlackPictureAlertsAfterTenSecondsAndClearsAfterTheRecovery() {
        var watch = ContentWatch()
        watch.record(Self.check(black: 0.99), at: at(0))
        #expect(watch.problems(at: at(0)).isEmpty, "not yet: black for 0 s")
        watch.record(Self.check(black: 0.99), at: at(8))
        #expect(watch.problems(at: at(8)).isEmpty)
        watch.record(Self.check(black: 0.99), at: at(10))
        #expect(watch.problems(at: at(10)).map(\.reason) == ["black picture for 10 s (99 % black)"])
        #expect(watch.problems(at: at(10)).first?.status == .down)
        watch.record(Self.check(), at: at(12))
        #expect(watch.problems(at: at(12)).map(\.reason) == ["black picture for 12 s, recovering"], "still raised while it recovers")
        watch.record(Self.check(black: 0.99), at: at(14))
        watch.record(Self.check(), at: at(16))
        watch.record(Self.check(), at: at(25))
        #expect(!watch.problems(at: at(25)).isEmpty, "a relapse starts the recovery again")
        watch.record(Self.check(), at: at(26))
        #expect(watch.problems(at: at(26)).isEmpty, "gone for 10 s: cleared")
    }

    @Test func frozenSilentAndLoudEachHaveTheirOwnDuration() {
        var watch = ContentWatch()
        for second in stride(from: 0.0, through: 15, by: 5) {
            watch.record(Self.check(change: 0.2, rms: -70), at: at(second))
        }
        #expect(watch.problems(at: at(15)).map(\.condition) == [.frozen, .silent])
        #expect(watch.problems(at: at(15)).last?.reason == "audio silent for 15 s (-70 dBFS)")
        var loud = ContentWatch()
        loud.record(Self.check(loudness: -14), at: at(0))
        loud.record(Self.check(loudness: -14), at: at(10))
        #expect(loud.problems(at: at(10)).map(\.reason) == ["loudness -14.0 LUFS for 10 s, outside -23 ± 2"])
        var atsc = ContentWatch(rules: { var rules = ContentRules(); rules.loudnessTarget = -24; return rules }())
        atsc.record(Self.check(loudness: -24.5), at: at(0))
        atsc.record(Self.check(loudness: -24.5), at: at(10))
        #expect(atsc.problems(at: at(10)).isEmpty, "within ATSC A/85's −24 ± 2")
    }

    @Test func aBreakExpectsBlackAndSilenceButNotLoudness() {
        var watch = ContentWatch()
        for second in stride(from: 0.0, through: 30, by: 10) {
            watch.record(Self.check(black: 1, change: 0, rms: -90), at: at(second), inBreak: true)
        }
        #expect(watch.problems(at: at(30)).isEmpty, "a slate during a planned break")
        watch.record(Self.check(black: 1, change: 0, rms: -90), at: at(40))
        watch.record(Self.check(black: 1, change: 0, rms: -90), at: at(55))
        #expect(watch.problems(at: at(55)).map(\.condition) == [.black, .silent], "the same picture outside the break (black, not frozen too)")
    }

    @Test func aFailedCheckChangesNothing() {
        var watch = ContentWatch()
        watch.record(Self.check(black: 0.99), at: at(0))
        watch.record(Self.check(problem: "ffmpeg: Invalid data found when processing input"), at: at(5))
        watch.record(Self.check(black: 0.99), at: at(10))
        #expect(watch.problems(at: at(10)).map(\.condition) == [.black], "the black lasted through a failed check")
    }

    @Test func theConsoleStateKeepsSinceWhenEachConditionHasShown() {
        var state = ConsoleState()
        let event = LiveEventScheduled(eventId: "jpn-kor", title: "Japan v Korea", venue: "Tokyo Dome", tier: .bigBet, start: Self.start, end: at(3600),
                                       feeds: [FeedDescriptor(feedId: "jpn-kor-primary", role: .primary, path: "A")])
        state.apply(Envelope(seq: 1, timestamp: Self.start, source: "test", event: .eventScheduled(event)))
        state.apply(Envelope(seq: 2, timestamp: at(5), source: "test", event: .feedContent(Self.check(black: 0.99))))
        state.apply(Envelope(seq: 3, timestamp: at(15), source: "test", event: .feedContent(Self.check(black: 0.99))))
        #expect(state.feeds["jpn-kor-primary"]?.content?.since(.black) == at(5))
        state.apply(Envelope(seq: 4, timestamp: at(20), source: "test", event: .feedContent(Self.check(problem: "ffmpeg took longer than 5 s: stopped"))))
        #expect(state.feeds["jpn-kor-primary"]?.content?.problem == "ffmpeg took longer than 5 s: stopped")
        #expect(state.feeds["jpn-kor-primary"]?.content?.since(.black) == at(5), "a failed check says nothing of the picture")
        state.apply(Envelope(seq: 5, timestamp: at(25), source: "test", event: .feedContent(Self.check())))
        #expect(state.feeds["jpn-kor-primary"]?.content?.since(.black) == nil)
    }

    @Test func aContentCheckFromOutsideIsCheckedWhereItEnters() throws {
        let line = #"{"seq":1,"ts":"2026-03-14T19:00:00Z","source":"x","type":"feed.content","data":{"feed_id":"f","variant":"v","cpu_ms":3,"picture":{"luma":1e300,"black":0.5}}}"#
        #expect(throws: (any Error).self) { try WireFormat.makeDecoder().decode(Envelope.self, from: Data(line.utf8)) }
        let good = #"{"seq":1,"ts":"2026-03-14T19:00:00Z","source":"x","type":"feed.content","data":{"feed_id":"f","variant":"v","cpu_ms":3,"audio":{"rms":-120}}}"#
        let envelope = try WireFormat.makeDecoder().decode(Envelope.self, from: Data(good.utf8))
        #expect(envelope.event == .feedContent(ContentChecked(feedId: "f", variant: "v", audio: .init(rms: -120), cpuMilliseconds: 3)))
    }
}
