import Logging
import PostgresNIO

/// The room's tables, created and migrated by the hubs themselves, versioned like the SQLite
/// store's: each version's statements run once, in one transaction, under an advisory lock so
/// that hubs starting together never race. A database newer than this Tally is refused.
enum RoomSchema {
    /// The statements of each version, oldest first; version N is `versions[N - 1]`.
    static let versions: [[String]] = [
        [
            // The room's log: every site's envelopes in one order. `seq` is taken under the log's
            // lock (see RoomLog), so it is also the order of commits; `event_id` makes an
            // envelope with an id (an operator's action, by its idempotency key) appear once.
            """
            CREATE TABLE room_log (
              seq bigint PRIMARY KEY,
              site text NOT NULL,
              at timestamptz NOT NULL,
              type text NOT NULL,
              event_id text UNIQUE,
              envelope text NOT NULL
            )
            """,
            "CREATE INDEX room_log_at ON room_log (at)",
        ],
        [
            // Each site's heartbeat, and whether its hub holds the room's lease (a session-level
            // advisory lock: it is let go when the hub's connection dies).
            "CREATE TABLE room_sites (site text PRIMARY KEY, heard_at timestamptz NOT NULL, decides boolean NOT NULL)",
        ],
        [
            // The notification outbox: a page (alert, action, level, round) is claimed here by the
            // deciding hub before it goes out, so that a new leader never sends what was sent.
            "CREATE TABLE room_pages (key text PRIMARY KEY, site text NOT NULL, claimed_at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX room_pages_claimed_at ON room_pages (claimed_at)",
        ],
        [
            // The room's state as the deciding hub saved it every few minutes, after the log's
            // entry `seq`: a hub starts from the newest and the log after it, never from the
            // beginning of time, and the log before the oldest kept state can be let go.
            "CREATE TABLE room_states (seq bigint PRIMARY KEY, saved_at timestamptz NOT NULL DEFAULT now(), site text NOT NULL, state text NOT NULL)",
        ],
    ]

    /// The advisory lock taken while migrating.
    static let lock: Int64 = 0x7A11_5C4E

    /// Brings the database to the newest version; throws when it is newer than this Tally knows.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lock))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS tally_schema (version integer NOT NULL)", logger: logger)
            var current = 0
            for try await version in try await connection.query("SELECT coalesce(max(version), 0) FROM tally_schema", logger: logger).decode(Int.self) {
                current = version
            }
            guard current <= versions.count else { throw RoomFailure("the room's database is at schema version \(current), newer than this Tally's \(versions.count): upgrade Tally") }
            for version in current..<versions.count {
                for statement in versions[version] { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
            }
            if current < versions.count {
                try await connection.query("DELETE FROM tally_schema", logger: logger)
                try await connection.query("INSERT INTO tally_schema (version) VALUES (\(versions.count))", logger: logger)
                logger.notice("room schema migrated", metadata: ["from": "\(current)", "to": "\(versions.count)"])
            }
        }
    }
}

/// Why the room cannot be used, in words for the log and the command line.
public struct RoomFailure: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    /// An error from the room's database in words for a log: PostgreSQL's own code and message
    /// (postgres-nio's description of its errors says nothing, to keep queries out of logs).
    static func describing(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        let server = [error.serverInfo?[.sqlState], error.serverInfo?[.message]].compactMap { $0 }.joined(separator: " ")
        return server.isEmpty ? "\(error.code)" : "\(error.code): \(server)"
    }
}
