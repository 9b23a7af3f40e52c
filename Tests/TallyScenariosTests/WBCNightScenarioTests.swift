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
        #expect(raised.isSuperset(of: ["feed.stale", "feed.down", "feed.bitrate", "qoe.rebuffering", "viewers.drop"]))
        let final = Self.compact.state(at: Self.compact.end)
        #expect(final.alerts.values.allSatisfy { $0.state == .resolved })
        #expect(final.rejectedActions == 0)
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
