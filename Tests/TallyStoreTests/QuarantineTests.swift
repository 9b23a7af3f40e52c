import Foundation
import GRDB
import Testing
@testable import TallyStore
import TallyCore

/// A store with rows this version cannot read still opens: each such row is set aside with its
/// reason, in the quarantine table and the audit trail; and every store error names the file.
struct QuarantineTests {
    @Test func aStoreWithUnreadableRowsOpensAndReportsThem() throws {
        let path = AlertStoreTests.temporaryPath()
        var engine = AlertEngine(rules: AlertStoreTests.rules)
        do {
            let store = try AlertStore.open(path: path)
            try store.save(engine.raise(AlertStoreTests.raised("good"), at: AlertStoreTests.t0).records, from: engine)
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO alert (id, dedup_key, state, updated_at, body) VALUES (7, 'k', 'triggered', '2026-03-14T19:00:00.000Z', '{\"id\":7,')")
                try db.execute(sql: """
                    INSERT INTO silence (id, ends_at, body) VALUES (3, '9999-12-31T00:00:00.000Z',
                      '{"id":3,"matchers":[],"startsAt":"2026-03-14T19:00:00.000Z","endsAt":"31690765-01-01T00:00:00.000Z","author":"a","channel":"c","comment":""}')
                    """)
            }
        }
        let reopened = try AlertStore.open(path: path)
        #expect(reopened.quarantined.map(\.description) == [
            "alert row 7 set aside: not valid JSON: The given data was not valid JSON.",
            "silence row 3 set aside: endsAt: not an RFC 3339 date-time: 31690765-01-01T00:00:00.000Z",
        ])
        let restored = try reopened.restore(rules: AlertStoreTests.rules)
        #expect(restored.alerts.keys.sorted() == [1], "the good alert is kept")
        let audit = try reopened.audit().filter { $0.action == .quarantined }
        #expect(audit.map(\.alertId) == [7, nil])
        #expect(audit.map(\.silenceId) == [nil, 3])
        #expect(audit.last?.detail == "endsAt: not an RFC 3339 date-time: 31690765-01-01T00:00:00.000Z")
        #expect(try AlertStore.open(path: path).quarantined.isEmpty, "set aside once, not again on the next start")
    }

    @Test func aStoreThatIsNotAFileSaysWhichFile() {
        #expect(throws: StoreError(path: "/dev/null", reason: "not a regular file, so it cannot hold a store")) {
            try AlertStore.open(path: "/dev/null")
        }
        let folder = NSTemporaryDirectory()
        #expect(throws: StoreError(path: folder, reason: "not a regular file, so it cannot hold a store")) {
            try AlertStore.open(path: folder)
        }
    }

    @Test func aFileThatIsNotAStoreSaysSo() throws {
        let path = AlertStoreTests.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try String(repeating: "not a database\n", count: 400).write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try AlertStore.open(path: path)
            Issue.record("a text file opened as a store")
        } catch {
            #expect(error.description.hasPrefix("\(path): cannot open the store: "))
            #expect(error.description.hasSuffix("(this is not a Tally store)"))
        }
    }
}
