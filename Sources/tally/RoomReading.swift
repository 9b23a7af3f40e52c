import Logging
import NIOPosix
import TallyCore
import TallyRoom

/// What the command line reads from a shared room: its log on a connection of its own, the
/// room's state now, and its audit trail (the log reduced, each line with its site).
enum RoomReading {
    /// Runs `body` on the room's log, closed after.
    static func withLog<T>(_ address: RoomAddress, _ body: (RoomLog) async throws -> T) async throws -> T {
        let log = try await RoomLog.open(address, on: MultiThreadedEventLoopGroup.singleton.next(), logger: Logger(label: "tally.room") { _ in SwiftLogNoOpLogHandler() })
        do {
            let value = try await body(log)
            await log.close()
            return value
        } catch {
            await log.close()
            throw error
        }
    }

    /// Reads the log after `state.lastSeq` to its end (to `last`, when given), handing each entry
    /// to `each` with the state to apply it to; the log is read on from the state's new position.
    static func follow(_ log: RoomLog, from state: inout ConsoleState, through last: UInt64? = nil,
                       _ each: (RoomEntry, inout ConsoleState) throws -> Void) async throws {
        var after = state.lastSeq
        while true {
            let entries = try await log.read(after: after, limit: 1000)
            guard let tail = entries.last else { return }
            for entry in entries {
                if let last, entry.seq > last { return }
                try each(entry, &state)
            }
            after = tail.seq
        }
    }

    /// The room's state now: the newest saved state and the log after it.
    static func state(_ address: RoomAddress) async throws -> ConsoleState {
        try await withLog(address) { log in
            var state = try await log.newestState() ?? ConsoleState()
            try await follow(log, from: &state) { entry, state in state.apply(entry.envelope) }
            return state
        }
    }

    /// The room's audit trail from where its kept history starts, numbered by the log's
    /// entries; from `since` on, for one `alert` when given.
    static func audit(_ address: RoomAddress, since: Instant?, alert: AlertID?) async throws -> [AuditRecord] {
        try await withLog(address) { log in
            var state = try await log.oldestState() ?? ConsoleState()
            var records: [AuditRecord] = []
            try await follow(log, from: &state) { entry, state in
                let outcome = state.apply(entry.envelope)
                for var record in outcome.records where since.map({ record.at >= $0 }) ?? true && alert.map({ record.alertId == $0 }) ?? true {
                    record.seq = Int64(clamping: entry.seq)
                    records.append(record)
                }
            }
            return records
        }
    }

    /// The facts for a report: the log replayed from where its kept history starts (from
    /// `fresh` when no state was ever saved).
    static func reportFacts(_ address: RoomAddress, fresh: ConsoleState) async throws -> ReportFacts {
        try await withLog(address) { log in
            var state = try await log.oldestState() ?? fresh
            var facts = ReportFacts(roster: state.roster)
            try await follow(log, from: &state) { entry, state in facts.add(state.apply(entry.envelope), of: entry.envelope, to: state) }
            return facts
        }
    }
}
