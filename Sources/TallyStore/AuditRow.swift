import GRDB
import TallyCore

/// An audit record as one row of the `audit` table.
enum AuditRow {
    static func insert(_ record: AuditRecord, into db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO audit (seq, at, action, alert_id, dedup_key, silence_id, state_before, state_after, actor,
                                   channel, note, level, round, policy, policy_version, expires_at, detail, event_id, step, item)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                record.seq, record.at.rfc3339, record.action.rawValue, record.alertId, record.dedupKey, record.silenceId,
                record.stateBefore?.rawValue, record.stateAfter?.rawValue, record.actor, record.channel, record.note,
                record.level, record.round, record.policy, record.policyVersion, record.expiresAt?.rfc3339, record.detail,
                record.eventId, record.step, record.item,
            ])
        guard let event = record.eventId, let step = record.step, let item = record.item else { return }
        switch record.action {
        case .checklistTicked:
            try db.execute(sql: "INSERT OR REPLACE INTO checklist (event_id, step, item, actor, at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [event, step, item, record.actor, record.at.rfc3339])
        case .checklistUnticked:
            try db.execute(sql: "DELETE FROM checklist WHERE event_id = ? AND step = ? AND item = ?", arguments: [event, step, item])
        default: break
        }
    }

    static func record(_ row: Row) -> AuditRecord {
        var record = AuditRecord(
            seq: row["seq"], at: instant(row["at"]) ?? Instant(millisecondsSinceEpoch: 0),
            action: AuditAction(rawValue: row["action"]) ?? .noted, actor: row["actor"], channel: row["channel"])
        record.alertId = row["alert_id"]
        record.dedupKey = row["dedup_key"]
        record.silenceId = row["silence_id"]
        record.stateBefore = (row["state_before"] as String?).flatMap(AlertState.init(rawValue:))
        record.stateAfter = (row["state_after"] as String?).flatMap(AlertState.init(rawValue:))
        record.note = row["note"]
        record.level = row["level"]
        record.round = row["round"]
        record.policy = row["policy"]
        record.policyVersion = row["policy_version"]
        record.expiresAt = instant(row["expires_at"])
        record.detail = row["detail"]
        record.eventId = row["event_id"]
        record.step = row["step"]
        record.item = row["item"]
        return record
    }

    static func instant(_ text: String?) -> Instant? { text.flatMap(Instant.init(rfc3339:)) }
}
