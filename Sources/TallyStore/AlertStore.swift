import Foundation
import GRDB
import TallyCore

/// Alerts, silences and the append-only audit trail in SQLite: WAL with `synchronous=FULL`,
/// so that once `save` returns, what it saved survives a crash or a power cut. The console
/// shows an operator's action as done only after `save` returns.
public final class AlertStore: Sendable {
    let writer: any DatabaseWriter
    /// Where the store lives, or nil for a throwaway in-memory store (the demo's).
    public let path: String?
    /// Rows that could not be read when the store was opened, each set aside in the
    /// `quarantine` table with an audit line, so that one bad row never keeps Tally from starting.
    public let quarantined: [Quarantine.Entry]

    private init(writer: any DatabaseWriter, path: String?) throws {
        self.writer = writer
        self.path = path
        try StoreSchema.migrator.migrate(writer)
        quarantined = try writer.write { db in try Quarantine.setAsideUnreadableRows(in: db) }
    }

    /// Opens (creating folders and the file as needed) the store at `path`; every error names it.
    public static func open(path: String) throws(StoreError) -> AlertStore {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard !isFolder.boolValue, let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
                  type == .typeRegular else {
                throw StoreError(path: path, reason: "not a regular file, so it cannot hold a store")
            }
        }
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            configuration.busyMode = .timeout(5)
            return try AlertStore(writer: DatabasePool(path: path, configuration: configuration), path: path)
        } catch let error as DatabaseError {
            throw StoreError(path: path, reason: "cannot open the store: \(error.message ?? "SQLite error \(error.resultCode.rawValue)")"
                                 + (error.resultCode == .SQLITE_NOTADB ? " (this is not a Tally store)" : ""))
        } catch {
            throw StoreError(path: path, reason: "cannot open the store: \(error.localizedDescription)")
        }
    }

    /// A store that lives in memory and is gone when the process ends.
    public static func inMemory() throws -> AlertStore {
        try AlertStore(writer: DatabaseQueue(), path: nil)
    }

    /// Closes the database (a checkpoint of the write-ahead log into the file); the store takes no write after.
    public func close() throws {
        try writer.close()
    }

    /// Appends `records` and writes the alerts and silences they touched, and the engine's
    /// counters, in one transaction.
    /// `actionKeys` are the idempotency keys of the operator actions applied, kept so that an
    /// action sent again (after a reconnect, or a hub restart) is recognised and not applied twice.
    public func save(_ records: [AuditRecord], from engine: AlertEngine, actionKeys: [(key: String, at: Instant)] = []) throws {
        guard !records.isEmpty || !actionKeys.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let alertIDs = Set(records.compactMap(\.alertId)).sorted()
        let silenceIDs = Set(records.compactMap(\.silenceId)).sorted()
        try writer.write { db in
            for record in records { try AuditRow.insert(record, into: db) }
            for (key, at) in actionKeys {
                try db.execute(sql: "INSERT OR IGNORE INTO action_key (key, at) VALUES (?, ?)", arguments: [key, at.rfc3339])
            }
            for id in alertIDs {
                guard let alert = engine.alerts[id] else { continue }
                try db.execute(
                    sql: "INSERT OR REPLACE INTO alert (id, dedup_key, state, updated_at, body) VALUES (?, ?, ?, ?, ?)",
                    arguments: [alert.id, alert.raised.dedupKey, alert.state.rawValue, (engine.now ?? alert.lastSeenAt).rfc3339,
                                String(decoding: try encoder.encode(alert), as: UTF8.self)])
            }
            for id in silenceIDs {
                guard let silence = engine.silences[id] else { continue }
                try db.execute(
                    sql: "INSERT OR REPLACE INTO silence (id, ends_at, body) VALUES (?, ?, ?)",
                    arguments: [silence.id, silence.endedAt.rfc3339, String(decoding: try encoder.encode(silence), as: UTF8.self)])
            }
            for (name, value) in [("next_alert_id", Int64(engine.nextAlertID)), ("next_silence_id", Int64(engine.nextSilenceID)),
                                  ("next_audit_seq", engine.nextAuditSeq), ("now_ms", engine.now?.millisecondsSinceEpoch ?? 0)] {
                try db.execute(sql: "INSERT OR REPLACE INTO counter (name, value) VALUES (?, ?)", arguments: [name, value])
            }
        }
    }

    /// An engine carrying on from what is stored: open alerts, alerts resolved within the
    /// retention, silences not yet ended, and the counters.
    public func restore(rules: AlertRules) throws -> AlertEngine {
        let decoder = JSONDecoder()
        // Rows were checked when the store was opened; one written unreadable since is skipped.
        return try writer.read { db in
            let counters = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, value FROM counter").map {
                ($0["name"] as String, $0["value"] as Int64)
            })
            let now = counters["now_ms"].flatMap { $0 > 0 ? Instant(millisecondsSinceEpoch: $0) : nil }
            let cutoff = (now ?? Instant(millisecondsSinceEpoch: 0)).adding(seconds: -AlertEngine.resolvedRetentionSeconds)
            let alerts = try String.fetchAll(db, sql: "SELECT body FROM alert WHERE state != 'resolved' OR updated_at >= ?",
                                             arguments: [cutoff.rfc3339])
                .compactMap { try? decoder.decode(Alert.self, from: Data($0.utf8)) }
            let silences = try String.fetchAll(db, sql: "SELECT body FROM silence WHERE ends_at >= ?", arguments: [cutoff.rfc3339])
                .compactMap { try? decoder.decode(Silence.self, from: Data($0.utf8)) }
            return AlertEngine(
                rules: rules, restoring: alerts, silences: silences,
                nextAlertID: Int(counters["next_alert_id"] ?? 1), nextSilenceID: Int(counters["next_silence_id"] ?? 1),
                nextAuditSeq: counters["next_audit_seq"] ?? 1, now: now)
        }
    }

    /// The audit trail in order, optionally from a time on and for one alert.
    public func audit(since: Instant? = nil, alert: AlertID? = nil, limit: Int? = nil) throws -> [AuditRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let since {
            conditions.append("at >= ?")
            arguments += [since.rfc3339]
        }
        if let alert {
            conditions.append("alert_id = ?")
            arguments += [alert]
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = limit.map { "SELECT * FROM (SELECT * FROM audit\(filter) ORDER BY seq DESC LIMIT \($0)) ORDER BY seq" }
            ?? "SELECT * FROM audit\(filter) ORDER BY seq"
        return try writer.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(AuditRow.record) }
    }
}
