import Foundation
import Testing
import TallyBus
import TallyCore
@testable import TallyScenarios

struct WBCNightScenarioTests {
    static let compact = WBCNightScenario(options: .compact).recording()

    @Test func theSameSeedGivesTheSameNightAndAnotherSeedAnother() {
        var short = WBCNightScenario.Options.compact
        short.hours = 0.5
        let first = WBCNightScenario(options: short).recording().envelopes
        #expect(first == WBCNightScenario(options: short).recording().envelopes)
        short.seed = 7
        #expect(first != WBCNightScenario(options: short).recording().envelopes)
    }

    @Test(arguments: [0.1, 0.5, 1])
    func aShortNightStillHasLiveEventsWithSamples(hours: Double) {
        var options = WBCNightScenario.Options()
        options.hours = hours
        let recording = WBCNightScenario(options: options).recording()
        for case .eventScheduled(let event) in recording.envelopes.map(\.event) {
            #expect(event.end > event.start, "\(event.eventId) ends before it starts")
        }
        let midway = recording.state(at: recording.start.adding(seconds: hours * 1800))
        #expect(midway.events.values.filter { $0.phase == .live }.count >= 30)
        #expect(recording.envelopes.contains { if case .viewers = $0.event { true } else { false } })
    }

    @Test func theShippedDemoIsExactlyTheCompactScenario() throws {
        let shipped = try BuiltInDemo.recording()
        #expect(shipped.issues.isEmpty)
        #expect(shipped.header == WBCNightScenario(options: .compact).header)
        #expect(shipped.envelopes == Self.compact.envelopes, "regenerate the resource: see README, Recordings")
    }

    @Test func atLeastFortySevenEventsAreLiveAtOnceAndOneGamePassesNinePointSixMillion() {
        var state = ConsoleState()
        var mostLive = 0
        for envelope in Self.compact.envelopes {
            state.apply(envelope)
            if case .phaseChanged = envelope.event {
                mostLive = max(mostLive, state.events.values.filter { $0.phase == .live }.count)
            }
        }
        #expect(mostLive >= 47)
        #expect(state.events.values.map(\.peakViewers).max()! > 9_600_000)
        #expect(state.feeds.count == 3 * state.events.count)
        #expect(Self.compact.end.seconds(since: Self.compact.start) > 3.4 * 3600)
    }

    @Test func everyKindOfInjectedFailureRaisesAndClearsItsAlert() {
        let raised = Set(Self.compact.envelopes.compactMap { envelope -> String? in
            if case .alertRaised(let alert) = envelope.event { return alert.class } else { return nil }
        })
        #expect(raised.isSuperset(of: ["feed.stale", "feed.down", "feed.bitrate", "qoe.rebuffering", "viewers.drop", "content.black",
                                       "content.frozen", "content.silent", "content.loudness", "feed.latency", "scte35.missing"]))
        let final = Self.compact.state(at: Self.compact.end)
        #expect(final.alerts.values.allSatisfy { $0.state == .resolved })
        #expect(final.rejectedActions == 0)
    }

    /// The night's content incidents, as the console shows them: a primary black for 40 s
    /// outside a break, with its picture; pictures recorded only when they change state.
    @Test func theContentIncidentsShowWithTheirPictures() throws {
        let black = try #require(Self.compact.envelopes.first { envelope in
            if case .alertRaised(let alert) = envelope.event { alert.class == "content.black" } else { false }
        })
        guard case .alertRaised(let alert) = black.event else { return }
        let feed = try #require(alert.labels["feed"])
        #expect(feed.hasSuffix("-primary"))
        let state = Self.compact.state(at: black.timestamp)
        let event = try #require(state.events[alert.labels["event"] ?? ""])
        #expect(!PhasePlan.isBreak(steps: event.schedule.phases ?? [], at: black.timestamp), "black outside a break")
        let content = try #require(state.feeds[feed]?.content)
        let picture = try #require(content.preview.flatMap { PicturePreview(base64: $0) })
        #expect(picture.pixels(width: 1, height: 1)[0].green < 20, "the recorded picture is the black")
        #expect(content.since(.black).map { black.timestamp.seconds(since: $0) } == 10)
        let cleared = Self.compact.envelopes.first { envelope in
            if case .alertCleared(let cleared) = envelope.event { cleared.dedupKey == alert.dedupKey } else { false }
        }
        #expect(try #require(cleared).timestamp.seconds(since: black.timestamp) >= 40, "black for 40 s, then recovered")

        var previews: [FeedID: Int] = [:], checks: [FeedID: Int] = [:]
        for case .feedContent(let checked) in Self.compact.envelopes.map(\.event) {
            checks[checked.feedId, default: 0] += 1
            if checked.picture?.preview != nil { previews[checked.feedId, default: 0] += 1 }
        }
        #expect(previews.count == checks.count, "every checked feed has a picture to show")
        #expect(previews.values.allSatisfy { $0 <= 3 }, "a picture only when it changes state: \(previews.filter { $0.value > 3 })")
    }

    @Test func recordedOperatorsAcknowledgeSomeAlertsAndLeaveOthers() {
        let state = Self.compact.state(at: Self.compact.moment("00:27:00")!)
        let open = state.alerts.values.filter(\.isOpen)
        #expect(open.contains { $0.state == .acknowledged })
        #expect(open.contains { $0.state == .triggered })
    }

    @Test func envelopesAreInTimeOrderWithIncreasingSequence() {
        let envelopes = Self.compact.envelopes
        #expect(zip(envelopes, envelopes.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp && $0.seq < $1.seq })
    }
}
