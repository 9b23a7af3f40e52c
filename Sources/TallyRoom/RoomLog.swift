import Foundation
import Logging
import NIOCore
import PostgresNIO
import TallyCore

/// The room's one ordered log in PostgreSQL, on a connection of its own: sites append, and
/// every hub reads it in the same order.
///
/// The trap of a `bigserial`: its value is taken when a row is inserted, not when its
/// transaction commits, so seq 11 can be seen before seq 10, and a reader that remembers "11"
/// misses 10 forever. Here an append takes a transaction-scoped advisory lock first, then the
/// next numbers (`max(seq) + 1`, read after the lock, so past every earlier append's commit),
/// and holds the lock until it commits: sequence order is commit order, and `seq > last_seen`
/// never skips a row. The same transaction sends `NOTIFY tally_room` with the last sequence.
///
/// Not for concurrent use: one task drives a log (the hub's room link); a second task takes a
/// second log. (Sendable all the same, so that a round given up on past its deadline can be
/// left to end on its own task.)
public final class RoomLog: Sendable {
    /// The advisory lock around every append.
    static let appendLock: Int64 = 0x7A11_1060
    /// The room's engine lease.
    static let leaseLock: Int64 = 0x7A11_1EA5
    /// The channel that `NOTIFY` wakes the hubs on.
    public static let channel = "tally_room"

    let connection: PostgresConnection
    let logger: Logger

    private init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Connects to the room at `address` and brings its schema up to date.
    public static func open(_ address: RoomAddress, on loop: any EventLoop, id: Int = 1, logger: Logger) async throws -> RoomLog {
        let connection = try await RoomConnection.connect(to: address, on: loop, id: id, logger: logger)
        do {
            try await RoomSchema.migrate(connection, logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        return RoomLog(connection: connection, logger: logger)
    }

    /// What became of one envelope handed to `append`.
    public enum Appended: Sendable, Equatable {
        /// In the log at this sequence.
        case appended(UInt64)
        /// Not appended: an envelope with its id is in the log already (sent again after a reconnect,
        /// or by another site).
        case duplicate
    }

    /// Appends `envelopes` from `site` in one transaction, in their order, and wakes the other
    /// hubs; says where each went.
    public func append(_ envelopes: [Envelope], site: String) async throws -> [Appended] {
        guard !envelopes.isEmpty else { return [] }
        var lines: [String] = []
        lines.reserveCapacity(envelopes.count)
        let encoder = WireFormat.makeEncoder()
        for envelope in envelopes { lines.append(try envelope.jsonLine(payloadEncoder: encoder)) }
        let ids = envelopes.compactMap(\.id)
        return try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.appendLock))", logger: logger)
            var last = try await Self.lastSeq(on: connection, logger: logger)
            var present = Set<String>()
            if !ids.isEmpty {
                for try await id in try await connection.query("SELECT event_id FROM room_log WHERE event_id = ANY(\(ids))", logger: logger).decode(String.self) {
                    present.insert(id)
                }
            }
            var results: [Appended] = []
            var rows = (seq: [Int64](), at: [String](), type: [String](), id: [String](), line: [String]())
            for (envelope, line) in zip(envelopes, lines) {
                if let id = envelope.id, !present.insert(id).inserted {
                    results.append(.duplicate)
                    continue
                }
                last += 1
                results.append(.appended(UInt64(last)))
                rows.seq.append(last)
                rows.at.append(envelope.timestamp.rfc3339)
                rows.type.append(envelope.event.type)
                rows.id.append(envelope.id ?? "")
                rows.line.append(line)
            }
            guard !rows.seq.isEmpty else { return results }
            try await connection.query("""
                INSERT INTO room_log (seq, site, at, type, event_id, envelope)
                SELECT s, \(site), a::timestamptz, t, NULLIF(i, ''), e
                FROM unnest(\(rows.seq)::bigint[], \(rows.at)::text[], \(rows.type)::text[], \(rows.id)::text[], \(rows.line)::text[]) AS u(s, a, t, i, e)
                """, logger: logger)
            try await connection.query("SELECT pg_notify(\(Self.channel), \(String(last)))", logger: logger)
            return results
        }
    }

    /// Up to `limit` entries after `seq`, in order. A row this Tally cannot read (a newer
    /// version's) is passed over and logged, so that it never stops the room.
    public func read(after seq: UInt64, limit: Int = 1000) async throws -> [RoomEntry] {
        let rows = try await connection.query(
            "SELECT seq, site, envelope FROM room_log WHERE seq > \(Int64(clamping: seq)) ORDER BY seq LIMIT \(max(1, limit))", logger: logger)
        var entries: [RoomEntry] = []
        let decoder = EnvelopeDecoder()
        for try await (seq, site, line) in rows.decode((Int64, String, String).self) {
            do {
                var envelope = try decoder.decode(line)
                envelope.seq = UInt64(clamping: seq)
                entries.append(RoomEntry(site: site, envelope: envelope))
            } catch {
                logger.error("room log row not readable; passed over", metadata: ["seq": "\(seq)", "site": "\(site)", "error": "\(error)"])
            }
        }
        return entries
    }

    /// The room's engine lease: a session-level advisory lock, tried when `held` is false, and
    /// held for as long as this connection lives. Also the site's heartbeat. Whether it is held.
    func holdLease(site: String, held: Bool) async throws -> Bool {
        var holds = held
        if !held {
            for try await taken in try await connection.query("SELECT pg_try_advisory_lock(\(Self.leaseLock))", logger: logger).decode(Bool.self) {
                holds = taken
            }
        }
        try await connection.query("""
            INSERT INTO room_sites (site, heard_at, decides) VALUES (\(site), now(), \(holds))
            ON CONFLICT (site) DO UPDATE SET heard_at = now(), decides = EXCLUDED.decides
            """, logger: logger)
        return holds
    }

    /// Every site's heartbeat, by name.
    func sites() async throws -> [RoomSite] {
        let rows = try await connection.query(
            "SELECT site, extract(epoch FROM now() - heard_at)::float8, decides FROM room_sites ORDER BY site", logger: logger)
        var sites: [RoomSite] = []
        for try await (name, age, decides) in rows.decode((String, Double, Bool).self) {
            sites.append(RoomSite(name: name, secondsSinceHeard: age.isFinite ? max(0, age) : 0, decides: decides))
        }
        return sites
    }

    /// The last sequence in the log (0 when it is empty).
    public func lastSeq() async throws -> UInt64 {
        UInt64(clamping: try await Self.lastSeq(on: connection, logger: logger))
    }

    /// The last sequence of an entry made at `moment` or before (0 when none was).
    public func lastSeq(atOrBefore moment: Instant) async throws -> UInt64 {
        var last: Int64 = 0
        for try await value in try await connection.query(
            "SELECT coalesce(max(seq), 0) FROM room_log WHERE at <= \(moment.rfc3339)::timestamptz", logger: logger).decode(Int64.self) {
            last = value
        }
        return UInt64(clamping: last)
    }

    private static func lastSeq(on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        var last: Int64 = 0
        for try await value in try await connection.query("SELECT coalesce(max(seq), 0) FROM room_log", logger: logger).decode(Int64.self) {
            last = value
        }
        return last
    }

    public func close() async {
        try? await connection.close()
    }
}
