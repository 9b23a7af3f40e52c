import TallyCore

/// Where a player's envelopes come from, in order, with a way to stand at any moment: a
/// recording held in memory (`MemorySource`), or a long one read from disk through its index
/// (`IndexedSource`).
public protocol ReplaySource {
    var start: Instant { get }
    var end: Instant { get }
    /// Where each alert opened and each phase changed: the strip's marks and the alert jumps.
    var marks: [TimelineMarks.Mark] { get }
    /// While the index that seeks need is being built: the fraction built; nil otherwise.
    var indexFraction: Double? { get }
    /// The time of the next envelope to hand out; nil at the end.
    var nextTimestamp: Instant? { get }
    /// Hands out the envelopes up to and including `instant`, in order, at most `limit` of them
    /// (the rest on the next call).
    mutating func take(through instant: Instant, limit: Int) -> [Envelope]
    /// Stands just after `instant`, forwards or backwards: returns the console state there.
    mutating func seek(to instant: Instant) throws -> ConsoleState
    /// Waits until the whole recording is at hand, for a jump or a seek that needs all of it.
    mutating func finishReading()
}

extension ReplaySource {
    public mutating func finishReading() {}
}

/// Hands out `upcoming` and the envelopes `next` reads from `reader` after it, up to and
/// including `instant` and at most `limit` of them, leaving `upcoming` at the first not handed
/// out: the take of a source that reads its recording as it plays.
func handOut<Reader>(_ upcoming: inout Envelope?, from reader: inout Reader, through instant: Instant, limit: Int,
                     next: (inout Reader) -> Envelope?) -> [Envelope] {
    var taken: [Envelope] = []
    while let envelope = upcoming, envelope.timestamp <= instant, taken.count < limit {
        taken.append(envelope)
        upcoming = next(&reader)
    }
    return taken
}
