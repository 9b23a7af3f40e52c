/// How much an event matters commercially; `bigBet` events get the most attention.
public enum Tier: String, Codable, Sendable, CaseIterable {
    case tier1 = "1", tier2 = "2", tier3 = "3", bigBet = "big-bet"
}
