import GRDB

/// The store's tables, created and changed only through numbered migrations, so that a file
/// written by any earlier version opens in this one.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: alerts, silences, audit") { db in
            try db.execute(sql: """
                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    action TEXT NOT NULL,
                    alert_id INTEGER,
                    dedup_key TEXT,
                    silence_id INTEGER,
                    state_before TEXT,
                    state_after TEXT,
                    actor TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    note TEXT,
                    level INTEGER,
                    round INTEGER,
                    policy TEXT,
                    policy_version INTEGER,
                    expires_at TEXT,
                    detail TEXT
                );
                CREATE INDEX audit_by_alert ON audit(alert_id, seq);
                CREATE INDEX audit_by_time ON audit(at);
                CREATE TABLE alert (
                    id INTEGER PRIMARY KEY,
                    dedup_key TEXT NOT NULL,
                    state TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX alert_open ON alert(state) WHERE state != 'resolved';
                CREATE TABLE silence (
                    id INTEGER PRIMARY KEY,
                    ends_at TEXT NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE TABLE counter (
                    name TEXT PRIMARY KEY,
                    value INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: checklists") { db in
            try db.execute(sql: """
                ALTER TABLE audit ADD COLUMN event_id TEXT;
                ALTER TABLE audit ADD COLUMN step TEXT;
                ALTER TABLE audit ADD COLUMN item TEXT;
                CREATE TABLE checklist (
                    event_id TEXT NOT NULL,
                    step TEXT NOT NULL,
                    item TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    at TEXT NOT NULL,
                    PRIMARY KEY (event_id, step, item)
                );
                """)
        }
        migrator.registerMigration("v3: action keys") { db in
            try db.execute(sql: """
                CREATE TABLE action_key (
                    key TEXT PRIMARY KEY,
                    at TEXT NOT NULL
                );
                CREATE INDEX action_key_at ON action_key (at);
                """)
        }
        migrator.registerMigration("v4: quarantine") { db in
            try db.execute(sql: """
                CREATE TABLE quarantine (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    from_table TEXT NOT NULL,
                    row_id INTEGER,
                    body TEXT,
                    reason TEXT NOT NULL
                );
                """)
        }
        return migrator
    }
}
