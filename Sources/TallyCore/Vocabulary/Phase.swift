/// Where a live event is in its day: from the schedule through preflight checks, on air, off air.
public enum Phase: String, Codable, Sendable, CaseIterable {
    case scheduled, preflight, live, ended, post

    /// Whether the event is on air or about to be, so that it deserves a place near the top.
    public var isActive: Bool { self == .live || self == .preflight }
}
