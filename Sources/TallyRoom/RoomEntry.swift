import TallyCore

/// One row of the room's log: an envelope that a site appended, at its place in the room's
/// order (its `envelope.seq` is the room's sequence).
public struct RoomEntry: Sendable, Equatable {
    public var site: String
    public var envelope: Envelope

    public init(site: String, envelope: Envelope) {
        self.site = site
        self.envelope = envelope
    }

    /// The room's sequence of the entry.
    public var seq: UInt64 { envelope.seq }
}

/// A site of the room, as its heartbeat in the database says.
public struct RoomSite: Sendable, Equatable {
    public var name: String
    /// Seconds since the site's hub was last heard from.
    public var secondsSinceHeard: Double
    /// Whether its hub holds the room's lease.
    public var decides: Bool

    public init(name: String, secondsSinceHeard: Double, decides: Bool) {
        self.name = name
        self.secondsSinceHeard = secondsSinceHeard
        self.decides = decides
    }
}
