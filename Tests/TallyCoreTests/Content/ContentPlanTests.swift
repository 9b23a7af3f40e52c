import TallyCore
import Testing

/// The content budget spent where the audience is: on-air primaries of the most-watched events
/// first, at their own interval; the rest round-robin on what is left; never over the budget.
struct ContentPlanTests {
    static func candidates(primaries: Int, others: Int) -> [ContentPlan.Candidate] {
        (0..<primaries).map { ContentPlan.Candidate(feedId: "primary-\($0)", isOnAirPrimary: true, viewers: 100_000 * (primaries - $0), everySeconds: 10) }
            + (0..<others).map { ContentPlan.Candidate(feedId: "other-\($0)", isOnAirPrimary: false, viewers: 5_000_000, everySeconds: 10) }
    }

    static func rate(_ plan: [FeedID: Double]) -> Double { plan.values.reduce(0) { $0 + 1 / $1 } }

    @Test func theMostWatchedOnAirPrimariesAreCheckedFirstAndTheRestShare() {
        // 3 checks a second: 20 primaries at one every 10 s take 2, the rest share 1.
        let plan = ContentPlan.intervals(Self.candidates(primaries: 20, others: 100), checksPerSecond: 3)
        #expect((0..<20).allSatisfy { plan["primary-\($0)"] == 10 }, "every on-air primary at its own interval")
        #expect(plan["other-0"].map { abs($0 - 100) < 1e-6 } == true, "100 others share one check a second: each every 100 s")
        #expect(abs(Self.rate(plan) - 3) < 1e-9)
    }

    @Test func whenThePrimariesAloneExceedTheBudgetTheMostWatchedWin() {
        let plan = ContentPlan.intervals(Self.candidates(primaries: 50, others: 10), checksPerSecond: 2.5)
        #expect(plan["primary-0"] == 10, "the most-watched event's primary")
        #expect(plan["primary-21"] == 10, "22 primaries in 90 % of the budget")
        #expect(plan["primary-22"].map { $0 > 10 } == true, "past it: with the rest, round-robin")
        #expect(Self.rate(plan) <= 2.5 + 1e-9, "never over the budget: \(Self.rate(plan)) checks/s")
    }

    @Test func theBudgetHoldsAtFiveHundredFeedsAndNobodyIsForgotten() {
        let plan = ContentPlan.intervals(Self.candidates(primaries: 100, others: 400), checksPerSecond: 2.5)
        #expect(plan.count == 500)
        #expect(Self.rate(plan) <= 2.5 + 1e-9, "\(Self.rate(plan)) checks/s within 2.5")
        #expect(plan.values.allSatisfy { $0 <= 86_400 }, "every feed still checked now and then")
        #expect(ContentPlan.intervals(Self.candidates(primaries: 1, others: 1), checksPerSecond: 100).values.allSatisfy { $0 == 10 },
                "a roomy budget checks no feed more often than it asked")
    }
}
