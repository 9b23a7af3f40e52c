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
