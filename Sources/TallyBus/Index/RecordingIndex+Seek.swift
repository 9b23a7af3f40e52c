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
        // The saved state and the envelopes after it are decoded side by side (decoding is
        // most of a seek's time); then the envelopes are applied to the state in order.
        let saved = SeekParts(), following = SeekParts()
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                saved.state = Result { try savedState(checkpoint) }
            } else {
                following.envelopes = Result { try envelopes(after: checkpoint, until: instant) }
            }
        }
        guard var state = try saved.state?.get(), let envelopes = try following.envelopes?.get() else {
            throw RecordingError.unreadable(file: path, reason: "seek did not finish")
        }
        for envelope in envelopes { state.apply(envelope) }
        return state
    }

    /// The envelopes after a checkpoint, up to and including `instant`.
    private func envelopes(after checkpoint: Checkpoint, until instant: Instant) throws -> [Envelope] {
        var stream = try LineStream(path: source, from: checkpoint.offset, lineNumber: checkpoint.line, chunkSize: 1 << 18)
        defer { stream.close() }
        let decoder = WireFormat.makeDecoder()
        var envelopes: [Envelope] = []
        while let (line, _, _) = try stream.next() {
            guard let envelope = try? decoder.decode(Envelope.self, from: Data(line)) else { continue }
            if envelope.timestamp > instant { break }
            envelopes.append(envelope)
        }
        return envelopes
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

/// What each half of a seek decoded; each is written by one thread and read after both finish.
private final class SeekParts: @unchecked Sendable {
    var state: Result<ConsoleState, any Error>?
    var envelopes: Result<[Envelope], any Error>?
}
