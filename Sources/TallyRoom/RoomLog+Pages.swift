import PostgresNIO
import TallyCore

extension RoomLog {
    /// The key of a page in the room's notification outbox: one per alert, action, level and round.
    static func pageKey(_ notice: AlertNotification) -> String {
        "\(notice.alertId)/\(notice.action.rawValue)/L\(notice.level)/r\(notice.round)"
    }

    /// Claims `notices` for `site` in one statement: those no hub claimed before, which this
    /// hub alone may now send.
    func claim(_ notices: [AlertNotification], site: String) async throws -> [AlertNotification] {
        guard !notices.isEmpty else { return [] }
        let keys = notices.map(Self.pageKey)
        var won = Set<String>()
        let rows = try await connection.query("""
            INSERT INTO room_pages (key, site) SELECT k, \(site) FROM unnest(\(keys)::text[]) AS u(k)
            ON CONFLICT (key) DO NOTHING RETURNING key
            """, logger: logger)
        for try await key in rows.decode(String.self) { won.insert(key) }
        return notices.filter { won.remove(Self.pageKey($0)) != nil }
    }
}
