import Testing
import TallyCore
import TallySources

/// The budget's plan as the monitors ask it: equal shares until the hub ranks the feeds, then
/// the on-air primary of the most-watched event first.
struct ContentBudgetTests {
    @Test func rankingByTheAudienceChecksTheWatchedPrimaryAtItsOwnInterval() async {
        let budget = ContentBudget(cores: 0.25)
        let feeds = (0..<40).map { "ev-\($0 / 2)-\($0 % 2 == 0 ? "primary" : "backup")" }
        for feed in feeds { await budget.register(feed, everySeconds: 10) }
        // 0.25 of a core at 0.1 s a check pays for 2.5 checks a second; 40 feeds ask for 4.
        #expect(abs(await budget.checksPerSecond - 2.5) < 1e-9)
        #expect(abs(await budget.interval(for: "ev-0-primary") - 16) < 1e-6, "unranked: an equal share each")

        let start = Instant(rfc3339: "2026-03-14T19:00:00Z")!
        var state = ConsoleState()
        let event = LiveEventScheduled(eventId: "ev-7", title: "Japan v Korea", venue: "Tokyo Dome", tier: .bigBet, start: start, end: start.adding(seconds: 3600),
                                       feeds: [FeedDescriptor(feedId: "ev-7-primary", role: .primary, path: "fibre"), FeedDescriptor(feedId: "ev-7-backup", role: .backup, path: "srt")])
        state.apply(Envelope(seq: 1, timestamp: start, source: "test", event: .eventScheduled(event)))
        state.apply(Envelope(seq: 2, timestamp: start, source: "test", event: .phaseChanged(PhaseChanged(eventId: "ev-7", phase: .live))))
        state.apply(Envelope(seq: 3, timestamp: start, source: "test", event: .viewers(ViewerSample(eventId: "ev-7", concurrent: 9_600_000))))
        await budget.rank(state)
        #expect(abs(await budget.interval(for: "ev-7-primary") - 10) < 1e-9, "the on-air primary at the interval it asked")
        #expect(await budget.interval(for: "ev-7-backup") > 10, "its backup with the rest")
        let rate = await feeds.asyncReduce(0.0) { $0 + 1 / (await budget.interval(for: $1)) }
        #expect(rate <= 2.5 + 1e-9, "within the budget: \(rate) checks/s")
    }

    /// 500 feeds offering a segment at the same moment start one check, not 500; and checks
    /// charged as they end keep to the budget over time.
    @Test func checksOfferedAtOnceStartOneAtATimeAndKeepToTheBudget() async throws {
        let budget = ContentBudget(cores: 0.25)
        var admitted: [Double] = []
        for _ in 0..<500 { if let reserved = await budget.admit() { admitted.append(reserved) } }
        #expect(admitted.count == 1, "one check runs at a time within a quarter of a core")
        #expect(await budget.running == 1)
        await budget.charge(0.05, reserved: admitted[0])
        #expect(await budget.running == 0)
        // For a second, checks of 50 ms each, charged as if each had run: at most the bucket's
        // quarter second and the quarter second it fills by.
        let began = ContinuousClock.now
        var checks = 0
        while ContinuousClock.now - began < .seconds(1) {
            if let reserved = await budget.admit() {
                checks += 1
                await budget.charge(0.05, reserved: reserved)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        // A machine that stalls lets fewer through, never more: the bound is what the bucket held
        // and gained over the time that really passed.
        let elapsed = (ContinuousClock.now - began) / .seconds(1)
        let most = Int(saturating: ((0.25 + 0.25 * elapsed) / 0.05).rounded(.up)) + 1
        #expect(checks >= 1 && checks <= most, "\(checks) checks of 50 ms in \(elapsed) s within 0.25 of a core (at most \(most))")
        #expect(ContentBudget(cores: 2).concurrency == 2)
    }
}

extension Sequence {
    func asyncReduce<Result>(_ initial: Result, _ next: (Result, Element) async -> Result) async -> Result {
        var result = initial
        for element in self { result = await next(result, element) }
        return result
    }
}
