import Testing
import TallyCore

/// The escalation chain with a manual clock: every timer is a time passed in.
struct EscalationTests {
    static let t0 = Instant(rfc3339: "2026-03-14T19:00:00Z")!
    static let policy = EscalationPolicy(
        name: "big-event", version: 3,
        levels: [
            .init(targets: ["boc-primary"], delaySeconds: 120),
            .init(targets: ["boc-lead"], delaySeconds: 300),
            .init(targets: ["duty-manager", "vp-live"], delaySeconds: 600),
        ],
        repeats: 1, acknowledgementTimeoutSeconds: 900)

    func at(_ seconds: Double) -> Instant { Self.t0.adding(seconds: seconds) }

    @Test func levelOneIsToldAtOnceAndEachTimeoutTellsTheNext() {
        var (escalation, steps) = Escalation.trigger(policy: Self.policy, at: at(0))
        #expect(steps == [.reached(level: 1, round: 0, targets: ["boc-primary"], manual: false)])
        let result1 = escalation.advance(to: at(119))
        #expect(result1.isEmpty)
        let result2 = escalation.advance(to: at(120))
        #expect(result2 == [.reached(level: 2, round: 0, targets: ["boc-lead"], manual: false)])
        let result3 = escalation.advance(to: at(420))
        #expect(result3 == [.reached(level: 3, round: 0, targets: ["duty-manager", "vp-live"], manual: false)])
        #expect(escalation.nextDeadline == at(1020))
    }

    @Test func afterTheLastLevelTheChainRepeatsThenIsExhausted() {
        var (escalation, _) = Escalation.trigger(policy: Self.policy, at: at(0))
        // One long silence: every timer that ran out fires, in order, from its own deadline.
        let steps = escalation.advance(to: at(10_000))
        #expect(steps.map(Self.summary) == ["L2", "L3", "L1 r1", "L2 r1", "L3 r1", "exhausted"])
        #expect(escalation.isExhausted)
        #expect(escalation.nextDeadline == nil)
        let result4 = escalation.advance(to: at(100_000))
        #expect(result4.isEmpty)
    }

    @Test func anAcknowledgementStopsTheClimbUntilItTimesOut() {
        var (escalation, _) = Escalation.trigger(policy: Self.policy, at: at(0))
        let result5 = escalation.acknowledge(at: at(60))
        #expect(result5)
        let result6 = escalation.advance(to: at(959))
        #expect(result6.isEmpty, "no escalation while acknowledged")
        let result7 = escalation.advance(to: at(960))
        #expect(result7 == [.acknowledgementExpired])
        #expect(escalation.status == .triggered)
        #expect(escalation.level == 1, "escalation resumes at the level it had")
        let result8 = escalation.advance(to: at(1080))
        #expect(result8 == [.reached(level: 2, round: 0, targets: ["boc-lead"], manual: false)])
    }

    @Test func unacknowledgingRestartsTheLevelsDelay() {
        var (escalation, _) = Escalation.trigger(policy: Self.policy, at: at(0))
        _ = escalation.acknowledge(at: at(100))
        let result9 = escalation.unacknowledge(at: at(500))
        #expect(result9)
        #expect(escalation.nextDeadline == at(620))
        let result10 = escalation.unacknowledge(at: at(501))
        #expect(!result10, "only an acknowledged alert can be let go")
    }

    @Test func manualEscalationTellsTheNextLevelAtOnce() {
        var (escalation, _) = Escalation.trigger(policy: Self.policy, at: at(0))
        let result11 = escalation.escalate(at: at(30))
        #expect(result11 == [.reached(level: 2, round: 0, targets: ["boc-lead"], manual: true)])
        #expect(escalation.nextDeadline == at(330), "the new level's delay counts from the escalation")
        _ = escalation.acknowledge(at: at(40))
        let result12 = escalation.escalate(at: at(50))
        #expect(result12.map(Self.summary) == ["L3 manual"])
        #expect(escalation.status == .acknowledged, "handing up does not drop ownership")
    }

    @Test func aResolvedAlertNeverEscalates() {
        var (escalation, _) = Escalation.trigger(policy: Self.policy, at: at(0))
        escalation.resolve(at: at(10))
        let result13 = escalation.advance(to: at(100_000))
        #expect(result13.isEmpty)
        let result14 = escalation.escalate(at: at(20))
        #expect(result14.isEmpty)
        let result15 = escalation.acknowledge(at: at(30))
        #expect(!result15)
        #expect(escalation.nextDeadline == nil)
    }

    /// Random sequences of time passing and operator actions keep the promises people rely on.
    @Test(arguments: 1...200 as ClosedRange<UInt64>)
    func invariantsHoldOverRandomHistories(seed: UInt64) {
        var random = SplitMix(seed: seed)
        var (escalation, steps) = Escalation.trigger(policy: Self.policy, at: at(0))
        var now = 0.0
        var lastLevel = (level: 1, round: 0)
        for _ in 0..<60 {
            now += Double(random.next() % 900)
            let before = escalation
            var produced: [Escalation.Step]
            switch random.next() % 6 {
            case 0: _ = escalation.acknowledge(at: at(now)); produced = []
            case 1: _ = escalation.unacknowledge(at: at(now)); produced = []
            case 2: produced = escalation.escalate(at: at(now))
            case 3 where random.next() % 4 == 0: escalation.resolve(at: at(now)); produced = []
            default: produced = escalation.advance(to: at(now))
            }
            steps += produced
            if before.status == .resolved { #expect(produced.isEmpty && escalation.status == .resolved, "a resolved alert never escalates") }
            if before.status == .acknowledged, let ackAt = before.acknowledgedAt,
               now < ackAt.seconds(since: Self.t0) + Self.policy.acknowledgementTimeoutSeconds {
                #expect(!produced.contains { if case .reached(_, _, _, false) = $0 { true } else { false } },
                        "an acknowledged alert never escalates on its own before its acknowledgement times out")
            }
            for case .reached(let level, let round, _, _) in produced {
                let next = lastLevel.level < Self.policy.levels.count ? (lastLevel.level + 1, lastLevel.round) : (1, lastLevel.round + 1)
                #expect(level == next.0 && round == next.1, "levels never skip: \(lastLevel) then \((level, round))")
                lastLevel = (level, round)
            }
        }
    }

    static func summary(_ step: Escalation.Step) -> String {
        switch step {
        case .reached(let level, let round, _, let manual): "L\(level)" + (round > 0 ? " r\(round)" : "") + (manual ? " manual" : "")
        case .acknowledgementExpired: "ack expired"
        case .exhausted: "exhausted"
        }
    }
}

/// A small seeded generator, so that a failing history can be replayed from its seed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
