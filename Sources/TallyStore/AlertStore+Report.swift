import Foundation
import GRDB
import TallyCore

extension AlertStore {
    /// What `tally report --store` is computed from: every alert the store holds, as it last
    /// stood, and the whole audit trail (with its `paged` lines naming who was told). A row that
    /// cannot be read (checked when the store was opened) is left out.
    public func reportFacts(roster: Roster) throws -> ReportFacts {
        let decoder = JSONDecoder()
        let alerts = try writer.read { db in
            try String.fetchAll(db, sql: "SELECT body FROM alert ORDER BY id").compactMap { try? decoder.decode(Alert.self, from: Data($0.utf8)) }
        }
        return ReportFacts(alerts: alerts, records: try audit(), roster: roster)
    }
}
