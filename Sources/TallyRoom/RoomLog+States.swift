import Foundation
import PostgresNIO
import TallyCore

extension RoomLog {
    /// Saves `state`, the room's after the log's entry `state.lastSeq`, as `site` reduced it;
    /// a state already saved at that entry stays as it was.
    public func save(_ state: ConsoleState, site: String) async throws {
        let text = String(decoding: try WireFormat.makeEncoder().encode(state), as: UTF8.self)
        try await connection.query("""
            INSERT INTO room_states (seq, site, state) VALUES (\(Int64(clamping: state.lastSeq)), \(site), \(text))
            ON CONFLICT (seq) DO NOTHING
            """, logger: logger)
    }

    /// The sequence of the newest saved state (0 when none is).
    func newestStateSeq() async throws -> UInt64 {
        var newest: Int64 = 0
        for try await seq in try await connection.query("SELECT coalesce(max(seq), 0) FROM room_states", logger: logger).decode(Int64.self) {
            newest = seq
        }
        return UInt64(clamping: newest)
    }

    /// The oldest saved state: where the room's kept history starts (nil when none is saved,
    /// or it cannot be read: the history then starts at the log's beginning).
    public func oldestState() async throws -> ConsoleState? {
        try await state(sql: "SELECT seq, state FROM room_states ORDER BY seq LIMIT 1")
    }

    /// The newest saved state (saved by `moment`, when given), or nil when none is, or none can
    /// be read (a newer Tally's, logged): the log is then read from its beginning.
    public func newestState(savedBy moment: Instant? = nil) async throws -> ConsoleState? {
        try await state(sql: """
            SELECT seq, state FROM room_states WHERE saved_at <= coalesce(\(moment?.rfc3339)::timestamptz, 'infinity')
            ORDER BY seq DESC LIMIT 1
            """)
    }

    private func state(sql: PostgresQuery) async throws -> ConsoleState? {
        for try await (seq, text) in try await connection.query(sql, logger: logger).decode((Int64, String).self) {
            do {
                return try WireFormat.makeDecoder().decode(ConsoleState.self, from: Data(text.utf8))
            } catch {
                logger.error("saved room state not readable; the log is read from its beginning", metadata: ["seq": "\(seq)", "error": "\(error)"])
            }
        }
        return nil
    }

    /// What `prune` let go of.
    public struct Pruned: Sendable, Equatable {
        public var entries: Int
        public var states: Int
        public var pages: Int

        public init(entries: Int, states: Int, pages: Int) {
            self.entries = entries
            self.states = states
            self.pages = pages
        }

        public static let nothing = Pruned(entries: 0, states: 0, pages: 0)
    }

    /// Lets go of what is older than `seconds`: the log's entries up to the newest state saved
    /// before then (that state is kept, as the room's history starts from it), the states
    /// before it, and the pages claimed before then. Without such a state nothing of the log goes.
    public func prune(olderThan seconds: Double) async throws -> Pruned {
        let interval = "\(Int64(saturating: min(max(0, seconds.isFinite ? seconds : 0), Limits.longestDurationSeconds))) seconds"
        return try await connection.withTransaction(logger: logger) { connection in
            var base: Int64 = 0
            for try await seq in try await connection.query(
                "SELECT coalesce(max(seq), 0) FROM room_states WHERE saved_at < now() - \(interval)::interval", logger: logger).decode(Int64.self) {
                base = seq
            }
            var pruned = Pruned(entries: 0, states: 0, pages: 0)
            if base > 0 {
                pruned.entries = try await Self.count(connection.query("WITH gone AS (DELETE FROM room_log WHERE seq <= \(base) RETURNING 1) SELECT count(*) FROM gone", logger: logger))
                pruned.states = try await Self.count(connection.query("WITH gone AS (DELETE FROM room_states WHERE seq < \(base) RETURNING 1) SELECT count(*) FROM gone", logger: logger))
            }
            pruned.pages = try await Self.count(connection.query(
                "WITH gone AS (DELETE FROM room_pages WHERE claimed_at < now() - \(interval)::interval RETURNING 1) SELECT count(*) FROM gone", logger: logger))
            return pruned
        }
    }

    private static func count(_ rows: PostgresRowSequence) async throws -> Int {
        var count: Int64 = 0
        for try await value in rows.decode(Int64.self) { count = value }
        return Int(clamping: count)
    }
}
