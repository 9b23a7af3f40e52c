/// The targets a `paged` audit line names: written by the engine as the level's targets, then
/// described by the roster of the state that applied it (`rotation:primary (kenji), person:maria`),
/// so the trail says who was told; and read back into people for reports.
public enum PagedTargets {
    static let separator = ", "

    /// The line's targets, each rotation with who held it at the line's moment.
    static func described(_ record: AuditRecord, by roster: Roster) -> String? {
        record.detail.map { detail in
            detail.components(separatedBy: separator).map { roster.describe($0, at: record.at) }.joined(separator: separator)
        }
    }

    /// The people a described `paged` line names: a rotation's holder (none when nobody was on
    /// shift), a person by name, any other target as written.
    public static func people(in record: AuditRecord) -> [String] {
        guard record.action == .paged, let detail = record.detail, !detail.isEmpty else { return [] }
        return detail.components(separatedBy: separator).compactMap { target in
            if target.hasPrefix("rotation:") {
                guard let open = target.firstIndex(of: "("), target.hasSuffix(")") else { return nil }
                let holder = String(target[target.index(after: open)..<target.index(before: target.endIndex)])
                return holder == Roster.nobody ? nil : holder
            }
            return target.hasPrefix("person:") ? String(target.dropFirst("person:".count)) : target
        }
    }
}
