import Foundation
import TallyCore

extension RecordingIndex {
    /// Reads the recording at `source` once, saving the state every `intervalSeconds` of
    /// recording time (or every `envelopesPerState`, when sooner); returns the index file's
    /// bytes. Malformed lines are skipped, as on replay. `progress` hears the fraction read.
    /// Lines are decoded a batch at a time on every core, and the states are compressed on a
    /// thread of their own, while the pass applies envelopes in order.
    static func build(for source: String, every intervalSeconds: Double, envelopesPerState: Int = 4000,
                      progress: (Double) -> Void) throws -> Data {
        let stamp = try fileStamp(source)
        var stream = try LineStream(path: source)
        defer { stream.close() }
        guard let first = try stream.next() else { throw RecordingError.empty(file: source) }
        let header: RecordingHeader
        do {
            header = try WireFormat.makeDecoder().decode(RecordingHeader.self, from: Data(first.line))
        } catch {
            throw RecordingError.notARecording(file: source, reason: "line 1 is not a recording header")
        }
        var pass = IndexPass(source: source, header: header, intervalSeconds: intervalSeconds, envelopesPerState: envelopesPerState)
        try pass.save(offset: UInt64(first.line.count + 1), line: 2)
        var batch: [(line: ArraySlice<UInt8>, offset: UInt64, number: Int)] = []
        func applyBatch() throws {
            let lines = batch
            let decoded = decodedInParallel(count: lines.count) { item, decoder in
                try decoder.decode(lines[item].line)
            }
            for (line, result) in zip(lines, decoded) {
                switch result {
                case .success(let envelope): try pass.apply(envelope, offset: line.offset, line: line.number)
                case .failure(let error): pass.skip(line: line.number, because: error)
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
        let percent = max(1, stamp.bytes / 100)
        var reported = UInt64(0)
        while let line = try stream.next() {
            if line.offset / percent > reported {
                reported = line.offset / percent
                progress(Double(line.offset) / Double(stamp.bytes))
            }
            batch.append(line)
            if batch.count == 2048 { try applyBatch() }
        }
        try applyBatch()
        return try pass.finish(stamp: stamp)
    }
}

/// What one pass over a recording gathers for its index: the states to save, the strip's
/// marks and the lines that did not parse.
private struct IndexPass {
    let source: String
    let start: Instant
    let intervalSeconds: Double
    let envelopesPerState: Int
    private var state: ConsoleState
    private var writer = StatePieceWriter()
    private let compressor = StateCompressor()
    private var checkpoints: [RecordingIndex.Checkpoint] = []
    private var marks = TimelineMarks()
    private var issues: [RecordingIssue] = []
    private var count = 0, sinceSaved = 0
    private var last: Instant, next: Instant

    init(source: String, header: RecordingHeader, intervalSeconds: Double, envelopesPerState: Int) {
        self.source = source
        self.intervalSeconds = intervalSeconds
        self.envelopesPerState = envelopesPerState
        start = header.started
        state = header.state ?? ConsoleState()
        last = header.started
        next = header.started.adding(seconds: intervalSeconds)
    }

    /// Saves the state as it stands, before the line at `offset`.
    mutating func save(offset: UInt64, line: Int) throws {
        compressor.compress(try writer.encode(state))
        checkpoints.append(RecordingIndex.Checkpoint(offset: offset, line: line, at: last, blob: 0, length: 0))
    }

    mutating func apply(_ envelope: Envelope, offset: UInt64, line: Int) throws {
        // A state every interval of recording time, and every `envelopesPerState` in a busy
        // stretch, so that a seek never has more than that many envelopes to read.
        if envelope.timestamp > next || (sinceSaved >= envelopesPerState && envelope.timestamp > last) {
            try save(offset: offset, line: line)
            sinceSaved = 0
            while next < envelope.timestamp { next = next.adding(seconds: intervalSeconds) }
        }
        sinceSaved += 1
        state.apply(envelope)
        marks.note(envelope)
        last = max(last, envelope.timestamp)
        count += 1
    }

    mutating func skip(line: Int, because error: any Error) {
        if issues.count < 1000 { issues.append(RecordingIssue(file: source, line: line, reason: RecordingReader.explain(error))) }
    }

    /// The index file: the summary line, then the compressed states.
    func finish(stamp: (bytes: UInt64, modified: Int64)) throws -> Data {
        let blobs = try compressor.finish()
        var placed = checkpoints, position = UInt64(0)
        for (index, blob) in blobs.enumerated() {
            placed[index].blob = position
            placed[index].length = blob.count
            position += UInt64(blob.count)
        }
        let summary = RecordingIndex.Summary(sourceBytes: stamp.bytes, sourceModifiedMilliseconds: stamp.modified, start: start,
                                             end: last, envelopes: count, checkpoints: placed, marks: marks, issues: issues)
        var file = try JSONEncoder().encode(summary)
        file.append(0x0A)
        for blob in blobs { file.append(blob) }
        return file
    }
}
