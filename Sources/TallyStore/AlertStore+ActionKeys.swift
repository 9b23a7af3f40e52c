import GRDB
import TallyCore

extension AlertStore {
    /// The idempotency keys of operator actions applied since `cutoff`; older ones are
    /// forgotten (a console resends an unconfirmed action within seconds, not days).
    public func actionKeys(since cutoff: Instant) throws -> Set<String> {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM action_key WHERE at < ?", arguments: [cutoff.rfc3339])
            return Set(try String.fetchAll(db, sql: "SELECT key FROM action_key"))
        }
    }
}
