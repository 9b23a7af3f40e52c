import TallyBus
import TallyCore
import TallyRoom

/// A stretch of a shared room's log as an ordinary recording, for `tally demo` and the other
/// recording tools: it starts from the room's state at its start (the newest state saved before
/// it, and the log from there), then every entry made in the stretch, in the room's order.
enum RoomExport {
    /// Writes the entries made `from`…`to` in the room at `address` to `out`; how many.
    static func write(_ address: RoomAddress, from: Instant, to: Instant, out: String) async throws -> Int {
        try await RoomReading.withLog(address) { try await write($0, from: from, to: to, out: out) }
    }

    private static func write(_ log: RoomLog, from: Instant, to: Instant, out: String) async throws -> Int {
        var state = try await log.newestState(savedBy: from) ?? ConsoleState()
        let last = try await log.lastSeq(atOrBefore: to)
        let meta = ["exported": "room \(from.rfc3339)/\(to.rfc3339)"]
        var writer: RecordingWriter?
        var written = 0
        var latest: Instant?
        try await RoomReading.follow(log, from: &state, through: last) { entry, state in
            let envelope = entry.envelope
            // Before the stretch begins, the room's state as it was; once it has, every entry in it.
            if writer == nil, envelope.timestamp < from {
                state.apply(envelope)
                return
            }
            guard envelope.timestamp <= to else { return }
            if writer == nil { writer = try RecordingWriter(path: out, header: RecordingHeader(started: from, meta: meta, state: state)) }
            // The log's order is the room's; an entry stamped before the one ahead of it (another
            // site's clock, a cut-off site's queue appended late) is written at that one's time,
            // so that the recording's time never runs backwards.
            var moment = envelope
            moment.timestamp = max(envelope.timestamp, latest ?? envelope.timestamp)
            latest = moment.timestamp
            try writer?.append(moment)
            written += 1
        }
        try (writer ?? RecordingWriter(path: out, header: RecordingHeader(started: from, meta: meta, state: state))).close()
        return written
    }
}
