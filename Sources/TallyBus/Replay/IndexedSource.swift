import Foundation
import TallyCore

/// A long plain recording read from disk as it plays, never held whole: envelopes are decoded
/// one by one ahead of the clock, a seek reads one saved state of the index and the envelopes
/// after it, and the strip's marks come from the index. It plays from its first envelope while
/// its index is still being built; seeks and alert jumps wait for the index.
public struct IndexedSource: ReplaySource {
    public let path: String
    public let indexing: IndexBuilder
    public let start: Instant
    public let end: Instant
    /// The state before the first envelope (a cut recording's saved state, or an empty one).
    public let initialState: ConsoleState
    private var stream: LineStream
    private var upcoming: Envelope?
    private let decoder = EnvelopeDecoder()

    /// Thrown by a seek before the index is ready.
    public struct IndexNotReady: Error, CustomStringConvertible {
        public var description: String
    }

    /// Plays the recording at `path` from its start, its index ready or on its way.
    public init(path: String, indexing: IndexBuilder) throws {
        self.path = path
        self.indexing = indexing
        var stream = try LineStream(path: path)
        guard let first = try stream.next() else { throw RecordingError.empty(file: path) }
        let header: RecordingHeader
        do {
            header = try decoder.json.decode(RecordingHeader.self, from: Data(first.line))
        } catch {
            throw RecordingError.notARecording(file: path, reason: "line 1 is not a recording header")
        }
        self.stream = stream
        initialState = header.state ?? ConsoleState()
        start = header.started
        end = indexing.index?.end ?? Self.lastMoment(of: path, decoder: decoder.json) ?? header.started
        upcoming = Self.next(from: &self.stream, decoder: decoder)
    }

    /// Plays the recording `index` was built for from its start.
    public init(index: RecordingIndex) throws {
        try self.init(path: index.source, indexing: IndexBuilder(ready: index))
    }

    public var marks: [TimelineMarks.Mark] { indexing.index?.marks ?? [] }
    public var nextTimestamp: Instant? { upcoming?.timestamp }

    public var indexFraction: Double? {
        switch indexing.progress {
        case .building(let fraction): fraction
        case .ready, .failed: nil
        }
    }

    public mutating func take(through instant: Instant, limit: Int) -> [Envelope] {
        handOut(&upcoming, from: &stream, through: instant, limit: limit) { [decoder] in Self.next(from: &$0, decoder: decoder) }
    }

    public mutating func seek(to instant: Instant) throws -> ConsoleState {
        let index: RecordingIndex
        switch indexing.progress {
        case .ready(let ready): index = ready
        case .building(let fraction): throw IndexNotReady(description: "the index for seeking is still being built (\(Int(saturating: fraction * 100))%)")
        case .failed(let reason): throw IndexNotReady(description: "no index for seeking: \(reason)")
        }
        let (state, position) = try index.seek(to: instant)
        stream = try LineStream(path: path, from: position.offset, lineNumber: position.line)
        upcoming = Self.next(from: &stream, decoder: decoder)
        return state
    }

    /// The next envelope of the recording; lines that do not parse are skipped, as on replay
    /// (the index names them). A read error ends the replay there.
    private static func next(from stream: inout LineStream, decoder: EnvelopeDecoder) -> Envelope? {
        while let line = try? stream.next() {
            if let envelope = try? decoder.decode(line.line) { return envelope }
        }
        return nil
    }

    /// The time of the last whole envelope in the file at `path`, read from its end.
    private static func lastMoment(of path: String, decoder: JSONDecoder) -> Instant? {
        guard let handle = FileHandle(forReadingAtPath: path), let size = try? handle.seekToEnd() else { return nil }
        defer { try? handle.close() }
        for tail in [UInt64(1) << 16, 1 << 20, 1 << 25] {
            try? handle.seek(toOffset: size - min(size, tail))
            let bytes = [UInt8]((try? handle.read(upToCount: Int(min(size, tail)))) ?? Data())
            for line in bytes.split(separator: 0x0A).reversed() {
                if let moment = try? decoder.decode(Envelope.Moment.self, from: Data(line)) { return moment.timestamp }
            }
            if tail >= size { break }
        }
        return nil
    }
}
