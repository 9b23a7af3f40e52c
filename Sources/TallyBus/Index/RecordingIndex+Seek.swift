import Foundation
import TallyCore

extension RecordingIndex {
    /// The console state at `instant`: after every envelope up to and including it. One saved
    /// state is read and the envelopes after it, up to `instant`, are read from the recording
    /// and applied.
    public func state(at instant: Instant) throws -> ConsoleState {
        let checkpoints = summary.checkpoints
        // The last checkpoint not after `instant` (they are in time order).
        var low = 0, high = checkpoints.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if checkpoints[middle].at <= instant { low = middle } else { high = middle - 1 }
        }
        let checkpoint = checkpoints[low]
        var state = try savedState(checkpoint)
        var stream = try LineStream(path: source, from: checkpoint.offset, lineNumber: checkpoint.line, chunkSize: 1 << 18)
        defer { stream.close() }
        let decoder = WireFormat.makeDecoder()
        while let (line, _, _) = try stream.next() {
            guard let envelope = try? decoder.decode(Envelope.self, from: Data(line)) else { continue }
            if envelope.timestamp > instant { break }
            state.apply(envelope)
        }
        return state
    }

    private func savedState(_ checkpoint: Checkpoint) throws -> ConsoleState {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw RecordingError.unreadable(file: path, reason: "index gone") }
        defer { try? handle.close() }
        try handle.seek(toOffset: blobsStart + checkpoint.blob)
        let blob = try handle.read(upToCount: checkpoint.length) ?? Data()
        let inflated = try GzipInflater().inflate(blob)
        guard !inflated.isCorrupt else { throw RecordingError.unreadable(file: path, reason: "a saved state is corrupt; delete the index") }
        return try WireFormat.makeDecoder().decode(ConsoleState.self, from: inflated.bytes)
    }
}
