import TallyCore

/// How the hub proper is doing, as its core tells the server: what `GET /healthz` answers and
/// what `GET /metrics` adds to the server's own counts.
public struct HubHealth: Sendable, Equatable {
    /// Why the hub is unwell (the store refusing writes, a monitor thread stalled, the
    /// recording failing); empty when it is well.
    public var problems: [String] = []
    /// How long the store's writes take.
    public var storeWrites = LatencySummary()
    /// How late the monitors' thread runs, in seconds; nil with no monitors.
    public var monitorLagSeconds: Double?

    public init(problems: [String] = [], storeWrites: LatencySummary = LatencySummary(), monitorLagSeconds: Double? = nil) {
        self.problems = problems
        self.storeWrites = storeWrites
        self.monitorLagSeconds = monitorLagSeconds
    }
}
