import Foundation
import GRDB
import TallyCore

/// Stored alerts and silences that cannot be read (written by a damaged disk, a hand edit, or
/// a version that knew values this one refuses) are moved to the `quarantine` table with the
/// reason and an audit line, instead of keeping the hub or the console from starting.
public enum Quarantine {
    /// One row set aside.
    public struct Entry: Sendable, Equatable, CustomStringConvertible {
        public var table: String
        public var rowID: Int64
        public var reason: String

        public var description: String { "\(table) row \(rowID) set aside: \(reason)" }
    }

    /// Moves every unreadable alert and silence to the quarantine, auditing each.
    static func setAsideUnreadableRows(in db: Database) throws -> [Entry] {
        var entries: [Entry] = []
        let now = Instant(Date())
        for (table, kind) in [("alert", Alert.self as any Decodable.Type), ("silence", Silence.self)] {
            for row in try Row.fetchAll(db, sql: "SELECT id, body FROM \(table)") {
                let id: Int64 = row["id"] ?? 0
                let body = row["body"] as String? ?? ""
                guard let reason = unreadable(body, as: kind) else { continue }
                entries.append(Entry(table: table, rowID: id, reason: reason))
                try db.execute(sql: "INSERT INTO quarantine (at, from_table, row_id, body, reason) VALUES (?, ?, ?, ?, ?)",
                               arguments: [now.rfc3339, table, id, body, reason])
                try db.execute(sql: "DELETE FROM \(table) WHERE id = ?", arguments: [id])
            }
        }
        guard !entries.isEmpty else { return [] }
        var seq = try Int64.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'next_audit_seq'") ?? 1
        seq = max(seq, (try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit") ?? 0) + 1)
        for entry in entries {
            var record = AuditRecord(seq: seq, at: now, action: .quarantined, actor: "tally", channel: "store")
            if entry.table == "alert" { record.alertId = Int(truncatingIfNeeded: entry.rowID) } else { record.silenceId = Int(truncatingIfNeeded: entry.rowID) }
            record.note = "the stored \(entry.table) could not be read and was set aside in the quarantine table"
            record.detail = entry.reason
            try AuditRow.insert(record, into: db)
            seq += 1
        }
        try db.execute(sql: "INSERT OR REPLACE INTO counter (name, value) VALUES ('next_audit_seq', ?)", arguments: [seq])
        return entries
    }

    /// Why `body` does not decode as `kind`, or nil when it does.
    private static func unreadable(_ body: String, as kind: any Decodable.Type) -> String? {
        do {
            _ = try JSONDecoder().decode(kind, from: Data(body.utf8))
            return nil
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        } catch let DecodingError.dataCorrupted(context) {
            return "not valid JSON: \(context.debugDescription)"
        } catch let DecodingError.keyNotFound(key, _) {
            return "missing key \(key.stringValue)"
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        } catch {
            return "\(error)"
        }
    }
}
