import Foundation

/// A person's night: 22:00 to 07:00 on the clock of the time zone their roster shifts are in
/// (the first rotation by name that names them), daylight saving time included; UTC for
/// someone the roster does not name.
public enum NightHours {
    /// The local hours counted as night: from `startHour` up to, not including, `endHour`.
    public static let startHour = 22
    public static let endHour = 7

    /// The time zone `person` keeps, by the roster.
    public static func zone(of person: String, in roster: Roster) -> String {
        for name in roster.rotations.keys.sorted() {
            if let shift = roster.rotations[name]?.shifts.first(where: { $0.who == person }) { return shift.zone }
        }
        return "UTC"
    }

    /// Whether `instant` is at night on the clock of `zone`.
    public static func contains(_ instant: Instant, zone: String) -> Bool {
        let date = Date(timeIntervalSince1970: Double(instant.millisecondsSinceEpoch) / 1000)
        let offset = TimeZone(identifier: zone)?.secondsFromGMT(for: date) ?? 0
        let (_, secondOfDay) = (instant.millisecondsSinceEpoch / 1000 + Int64(offset)).floorDivided(by: 86_400)
        let hour = Int(secondOfDay / 3600)
        return hour >= startHour || hour < endHour
    }
}
