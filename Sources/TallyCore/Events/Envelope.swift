/// One bus event with its metadata: the unit of the bus, of recordings and of the hub protocol.
public struct Envelope: Sendable, Equatable {
    /// Order on the bus that carried it; strictly increasing.
    public var seq: UInt64
    /// A unique id, when the origin gave one.
    public var id: String?
    public var timestamp: Instant
    /// Who published it (`hls-monitor`, `scheduler`, `console`).
    public var source: String
    public var site: String?
    public var console: String?
    /// Version of the `data` schema for this `type`.
    public var version: Int
    public var event: BusEvent

    public init(
        seq: UInt64, id: String? = nil, timestamp: Instant, source: String,
        site: String? = nil, console: String? = nil, version: Int = 1, event: BusEvent
    ) {
        self.seq = seq
        self.id = id
        self.timestamp = timestamp
        self.source = source
        self.site = site
        self.console = console
        self.version = version
        self.event = event
    }
}
