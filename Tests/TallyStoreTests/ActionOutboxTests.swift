import Foundation
import Testing
import TallyCore
import TallyStore

/// A site's outbox of operators' actions for the room: on disk once kept, there after a
/// restart, in order, each once, and gone once the log has it.
struct ActionOutboxTests {
    static func action(_ key: String) -> Envelope {
        Envelope(seq: 0, id: key, timestamp: Instant(rfc3339: "2026-03-14T19:00:00Z")!, source: "console", site: "tokyo",
                 event: .operatorAction(OperatorAction(alertId: 3, dedupKey: "feed.down/a", action: .ack, actor: "kenji", channel: "key")))
    }

    @Test func actionsKeptSurviveAReopenInOrderOnceUntilForgotten() throws {
        let path = NSTemporaryDirectory() + "outbox-\(UUID().uuidString)/room-outbox.sqlite"
        let outbox = try ActionOutbox(path: path)
        try outbox.keep([Self.action("a"), Self.action("b")])
        try outbox.keep([Self.action("a"), Self.action("c")])
        try outbox.close()
        let reopened = try ActionOutbox(path: path)
        #expect(try reopened.kept() == [Self.action("a"), Self.action("b"), Self.action("c")])
        try reopened.forget(["a", "c"])
        #expect(try reopened.kept().map(\.id) == ["b"])
    }

    @Test func anOutboxWhereAFolderIsSaysWhere() throws {
        let folder = NSTemporaryDirectory() + "outbox-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(throws: StoreError.self) { try ActionOutbox(path: folder) }
    }
}
