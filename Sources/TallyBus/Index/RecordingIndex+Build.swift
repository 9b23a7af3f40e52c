import Foundation
import TallyCore

extension RecordingIndex {
    /// Reads the recording at `source` once, saving the state every `intervalSeconds` of
    /// recording time (or every `envelopesPerState`, when sooner); returns the index file's
    /// bytes. Malformed lines are skipped, as on replay. `progress` hears the fraction read.
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
        let decoder = WireFormat.makeDecoder()
        var writer = StatePieceWriter()
        var state = header.state ?? ConsoleState()
        var blobs = Data(), checkpoints: [Checkpoint] = [], marks = TimelineMarks(), issues: [RecordingIssue] = []
        var count = 0, sinceSaved = 0, last = header.started, next = header.started.adding(seconds: intervalSeconds)
        func save(offset: UInt64, line: Int) throws {
            let deflater = try GzipDeflater(level: 6)
            let blob = deflater.compress(try writer.encode(state), finish: true)
            checkpoints.append(Checkpoint(offset: offset, line: line, at: last, blob: UInt64(blobs.count), length: blob.count))
            blobs.append(blob)
        }
        try save(offset: UInt64(first.line.count + 1), line: 2)
        let percent = max(1, stamp.bytes / 100)
        var reported = UInt64(0)
        while let (line, offset, number) = try stream.next() {
            if offset / percent > reported {
                reported = offset / percent
                progress(Double(offset) / Double(stamp.bytes))
            }
            let envelope: Envelope
            do {
                envelope = try decoder.decode(Envelope.self, from: Data(line))
            } catch {
                if issues.count < 1000 { issues.append(RecordingIssue(file: source, line: number, reason: RecordingReader.explain(error))) }
                continue
            }
            // A state every interval of recording time, and every `envelopesPerState` in a busy stretch,
            // so that a seek never has more than that many envelopes to read.
            if envelope.timestamp > next || (sinceSaved >= envelopesPerState && envelope.timestamp > last) {
                try save(offset: offset, line: number)
                sinceSaved = 0
                while next < envelope.timestamp { next = next.adding(seconds: intervalSeconds) }
            }
            sinceSaved += 1
            state.apply(envelope)
            marks.note(envelope)
            last = max(last, envelope.timestamp)
            count += 1
        }
        let summary = Summary(sourceBytes: stamp.bytes, sourceModifiedMilliseconds: stamp.modified, start: header.started,
                              end: last, envelopes: count, checkpoints: checkpoints, marks: marks, issues: issues)
        var file = try JSONEncoder().encode(summary)
        file.append(0x0A)
        file.append(blobs)
        return file
    }
}
