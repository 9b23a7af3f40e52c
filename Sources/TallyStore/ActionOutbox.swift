import Foundation
import GRDB
import TallyCore

/// The operators' actions of a site of a shared room that the room's log has not taken yet, in
/// SQLite beside the hub's state (WAL, `synchronous=FULL`): an action a console was told is done
/// survives a cut-off link and a restart, and is appended, once (by its idempotency key), when
/// the room's database is back.
public final class ActionOutbox: Sendable {
    private let writer: DatabaseQueue
    public let path: String
    private let encoder = WireFormat.makeEncoder()

    /// Opens (creating folders and the file as needed) the outbox at `path`.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            writer = try DatabaseQueue(path: path, configuration: configuration)
            try writer.write { db in
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS outbox (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, envelope TEXT NOT NULL)")
            }
        } catch {
            throw StoreError(path: path, reason: "cannot open the room's outbox: \(error)")
        }
    }

    /// Keeps `envelopes` (each with an id) until `forget` names them; on disk when it returns.
    public func keep(_ envelopes: [Envelope]) throws {
        let rows = try envelopes.compactMap { envelope in try envelope.id.map { ($0, try envelope.jsonLine(payloadEncoder: encoder)) } }
        guard !rows.isEmpty else { return }
        try writer.write { db in
            for (id, line) in rows { try db.execute(sql: "INSERT OR IGNORE INTO outbox (id, envelope) VALUES (?, ?)", arguments: [id, line]) }
        }
    }

    /// Lets go of the envelopes with these ids: the room's log has them.
    public func forget(_ ids: [String]) throws {
        guard !ids.isEmpty else { return }
        try writer.write { db in
            for id in ids { try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id]) }
        }
    }

    /// What is kept, oldest first; a row this Tally cannot read (a newer one's) is left out.
    public func kept() throws -> [Envelope] {
        let decoder = EnvelopeDecoder()
        let lines = try writer.read { db in try String.fetchAll(db, sql: "SELECT envelope FROM outbox ORDER BY n") }
        return lines.compactMap { try? decoder.decode($0) }
    }

    public func close() throws { try writer.close() }
}
