import Foundation
import TallyCore

extension RecordingIndex {
    /// Where a recording goes on: the byte offset and number of a line.
    public struct Position: Sendable, Equatable {
        public var offset: UInt64
        public var line: Int
    }

    /// The console state at `instant` (after every envelope up to and including it), and where
    /// the envelopes after it begin. One saved state is read, and the envelopes after it up to
    /// `instant` are read from the recording and applied. The state's new pieces and those
    /// envelopes are decoded together on every core; pieces seen in earlier seeks are not
    /// decoded again.
    public func seek(to instant: Instant) throws -> (state: ConsoleState, next: Position) {
        let index = checkpointIndex(at: instant)
        let checkpoint = summary.checkpoints[index]
        let split = try pieceReader.split(savedState(checkpoint))
        let segment = try envelopeLines(from: index)
        let due = segment.lines[..<segment.firstLine(after: instant)]
        // One list of jobs: the state without its pieces, then its new pieces, then the envelopes.
        enum Decoded { case core(ConsoleState), piece(StatePiece), envelope(Envelope) }
        let results = decodedInParallel(count: 1 + split.unknown.count + due.count) { job, decoder -> Decoded in
            if job == 0 { return .core(try decoder.json.decode(ConsoleState.self, from: Data(split.core))) }
            if job <= split.unknown.count { return .piece(try StatePiece(line: split.unknown[job - 1], decoder: decoder.json)) }
            return .envelope(try decoder.decode(due[due.startIndex + job - 1 - split.unknown.count]))
        }
        guard case .core(let core) = try results[0].get() else { throw StatePiece.Malformed() }
        let pieces = try results[1..<(1 + split.unknown.count)].map { result -> StatePiece in
            guard case .piece(let piece) = try result.get() else { throw StatePiece.Malformed() }
            return piece
        }
        var state = pieceReader.assemble(split, core: core, decoded: pieces)
        // Lines that do not parse are skipped, as on replay.
        for case .success(.envelope(let envelope)) in results[(1 + split.unknown.count)...] { state.apply(envelope) }
        return (state, segment.position(ofLine: due.endIndex, after: checkpoint))
    }

    /// The console state at `instant`: after every envelope up to and including it.
    public func state(at instant: Instant) throws -> ConsoleState {
        try seek(to: instant).state
    }

    /// The last checkpoint not after `instant` (they are in time order).
    private func checkpointIndex(at instant: Instant) -> Int {
        let checkpoints = summary.checkpoints
        var low = 0, high = checkpoints.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if checkpoints[middle].at <= instant { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The lines from checkpoint `index` to the next (or to the end of the indexed recording).
    private func envelopeLines(from index: Int) throws -> Segment {
        let start = summary.checkpoints[index].offset
        let end = index + 1 < summary.checkpoints.count ? summary.checkpoints[index + 1].offset : summary.sourceBytes
        guard let handle = FileHandle(forReadingAtPath: source) else {
            throw RecordingError.unreadable(file: source, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        try handle.seek(toOffset: start)
        let bytes = [UInt8](try handle.read(upToCount: Int(end - start)) ?? Data())
        // Only whole lines: the piece after the last newline is empty, or a line half written.
        let lines = Array(bytes.split(separator: StatePiece.newline, omittingEmptySubsequences: false).dropLast())
        return Segment(start: start, lines: lines)
    }

    private func savedState(_ checkpoint: Checkpoint) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw RecordingError.unreadable(file: path, reason: "index gone") }
        defer { try? handle.close() }
        try handle.seek(toOffset: blobsStart + checkpoint.blob)
        let blob = try handle.read(upToCount: checkpoint.length) ?? Data()
        let inflated = try GzipInflater().inflate(blob)
        guard !inflated.isCorrupt else { throw RecordingError.unreadable(file: path, reason: "a saved state is corrupt; delete the index") }
        return [UInt8](inflated.bytes)
    }
}

/// The lines of a recording between two checkpoints.
private struct Segment {
    let start: UInt64
    /// Each line without its newline (slices of the bytes read, which they keep).
    let lines: [ArraySlice<UInt8>]

    /// The index of the first line whose envelope is later than `instant` (found by halving,
    /// reading only each line's time; the envelopes are in time order).
    func firstLine(after instant: Instant) -> Int {
        let decoder = JSONDecoder()
        var low = 0, high = lines.count
        while low < high {
            let middle = (low + high) / 2
            // A line that does not parse is skipped on replay: it counts as not later.
            let time = try? decoder.decode(Envelope.Moment.self, from: Data(lines[middle])).timestamp
            if let time, time > instant { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Where line `index` of this segment begins.
    func position(ofLine index: Int, after checkpoint: RecordingIndex.Checkpoint) -> RecordingIndex.Position {
        let offset = index < lines.count ? lines[index].startIndex : (lines.last.map { $0.endIndex + 1 } ?? 0)
        return RecordingIndex.Position(offset: start + UInt64(offset), line: checkpoint.line + index)
    }
}
