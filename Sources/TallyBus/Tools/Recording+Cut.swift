import TallyCore

extension Recording {
    /// The part of the recording from `start` to `end` (both included), as a recording of its
    /// own: it starts from the console state just before `start`, carried in its header, so
    /// that it shows at every instant what the whole recording shows then.
    public func cut(from start: Instant, to end: Instant) -> Recording {
        var state = header.state ?? ConsoleState()
        var kept: [Envelope] = []
        for envelope in envelopes where envelope.timestamp <= end {
            if envelope.timestamp < start { state.apply(envelope) } else { kept.append(envelope) }
        }
        return Recording(header: header.cut(from: start, to: end, state: state), envelopes: kept)
    }

    /// Recordings of the same night from several hubs as one, in time order (a recording's own
    /// order kept among equal times), numbered afresh.
    public static func merged(_ parts: [(name: String, recording: Recording)]) throws(RecordingError) -> Recording {
        if let cut = parts.first(where: { $0.recording.header.state != nil }) {
            throw .notARecording(file: cut.name, reason: "starts from a saved state (a cut); merge the recordings it was cut from")
        }
        let ordered = parts.enumerated().flatMap { part, entry in
            entry.recording.envelopes.enumerated().map { (key: ($0.element.timestamp, part, $0.offset), envelope: $0.element) }
        }.sorted { $0.key < $1.key }
        var envelopes = ordered.map(\.envelope)
        for index in envelopes.indices { envelopes[index].seq = UInt64(index + 1) }
        let start = parts.map(\.recording.start).min() ?? Instant(millisecondsSinceEpoch: 0)
        let meta = ["merged": parts.map(\.name).joined(separator: " ")]
        return Recording(header: RecordingHeader(started: start, meta: meta), envelopes: envelopes)
    }

    /// The recording with its operators' acknowledgements, escalations, resolutions and
    /// silences taken out: a night for a trainee to answer (checklist ticks stay).
    public var withoutOperatorAnswers: Recording {
        var copy = self
        copy.envelopes = envelopes.filter { envelope in
            switch envelope.event {
            case .operatorAction, .silenceCreated, .silenceExpired: false
            default: true
            }
        }
        return copy
    }

    /// Writes the recording to `path` (compressed when it ends in `.gz`).
    public func write(to path: String) throws {
        let writer = try RecordingWriter(path: path, header: header)
        for envelope in envelopes { try writer.append(envelope) }
        try writer.close()
    }
}

private func < (left: (Instant, Int, Int), right: (Instant, Int, Int)) -> Bool {
    left.0 != right.0 ? left.0 < right.0 : left.1 != right.1 ? left.1 < right.1 : left.2 < right.2
}
