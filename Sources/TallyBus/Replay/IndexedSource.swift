import Foundation
import TallyCore

/// A long plain recording read from disk as it plays, never held whole: envelopes are decoded
/// one by one ahead of the clock, a seek reads one saved state of the index and the envelopes
/// after it, and the strip's marks come from the index.
public struct IndexedSource: ReplaySource {
    public let index: RecordingIndex
    /// The state before the first envelope (a cut recording's saved state, or an empty one).
    public let initialState: ConsoleState
    private var stream: LineStream
    private var upcoming: Envelope?
    private let decoder = WireFormat.makeDecoder()

    /// Plays the recording `index` was built for from its start.
    public init(index: RecordingIndex) throws {
        self.index = index
        let (state, position) = try index.seek(to: index.start.adding(seconds: -1))
        initialState = state
        stream = try LineStream(path: index.source, from: position.offset, lineNumber: position.line)
        upcoming = readNext()
    }

    public var start: Instant { index.start }
    public var end: Instant { index.end }
    public var marks: [TimelineMarks.Mark] { index.marks }
    public var nextTimestamp: Instant? { upcoming?.timestamp }

    public mutating func take(through instant: Instant, limit: Int) -> [Envelope] {
        var taken: [Envelope] = []
        while let next = upcoming, next.timestamp <= instant, taken.count < limit {
            taken.append(next)
            upcoming = readNext()
        }
        return taken
    }

    public mutating func seek(to instant: Instant) throws -> ConsoleState {
        let (state, position) = try index.seek(to: instant)
        stream = try LineStream(path: index.source, from: position.offset, lineNumber: position.line)
        upcoming = readNext()
        return state
    }

    /// The next envelope of the recording; lines that do not parse are skipped, as on replay
    /// (the index named them). A read error ends the replay there.
    private mutating func readNext() -> Envelope? {
        while let line = try? stream.next() {
            if let envelope = try? decoder.decode(Envelope.self, from: Data(line.line)) { return envelope }
        }
        return nil
    }
}
