import Foundation

/// Who is on call: rotations of follow-the-sun shifts, each in its own time zone, with
/// overrides (a swap, cover for illness) that win while they last.
public struct Roster: Sendable, Equatable, Codable {
    /// One person's daily hours in a time zone; `days` (1 Monday … 7 Sunday) limits the days
    /// the shift starts on. A shift may cross midnight (22:00–06:00).
    public struct Shift: Sendable, Equatable, Codable {
        public var who: String
        public let zone: String
        public var startMinute: Int
        public var endMinute: Int
        public var days: Set<Int>?
        /// The zone, looked up once: the header asks who is on call at every frame.
        private let timeZone: TimeZone?

        public init(who: String, zone: String, startMinute: Int, endMinute: Int, days: Set<Int>? = nil) {
            self.who = who
            self.zone = zone
            self.timeZone = TimeZone(identifier: zone)
            self.startMinute = startMinute
            self.endMinute = endMinute
            self.days = days
        }

        func covers(_ instant: Instant) -> Bool {
            let offset = timeZone?.secondsFromGMT(
                for: Date(timeIntervalSince1970: Double(instant.millisecondsSinceEpoch) / 1000)) ?? 0
            let local = instant.millisecondsSinceEpoch / 1000 + Int64(offset)
            let (days1970, secondOfDay) = local.floorDivided(by: 86_400)
            let day = Int(days1970)
            let minute = Int(secondOfDay) / 60
            let crosses = startMinute >= endMinute
            let inHours = crosses ? (minute >= startMinute || minute < endMinute) : (minute >= startMinute && minute < endMinute)
            guard inHours else { return false }
            guard let days else { return true }
            let startDay = crosses && minute < endMinute ? day - 1 : day
            // 1970-01-01 was a Thursday (4).
            let weekday = ((startDay + 3) % 7 + 7) % 7 + 1
            return days.contains(weekday)
        }
    }

    /// Someone holds the rotation from `from` until `until`, whatever the shifts say.
    public struct Override: Sendable, Equatable, Codable {
        public var who: String
        public var from: Instant
        public var until: Instant

        public init(who: String, from: Instant, until: Instant) {
            self.who = who
            self.from = from
            self.until = until
        }
    }

    public struct Rotation: Sendable, Equatable, Codable {
        public var name: String
        public var shifts: [Shift]
        public var overrides: [Override]

        public init(name: String, shifts: [Shift], overrides: [Override] = []) {
            self.name = name
            self.shifts = shifts
            self.overrides = overrides
        }
    }

    public var rotations: [String: Rotation]

    public init(rotations: [Rotation] = []) {
        self.rotations = Dictionary(rotations.map { ($0.name, $0) }) { _, last in last }
    }

    /// Who holds `rotation` at `instant`: the last override covering it, else the first shift.
    public func holder(of rotation: String, at instant: Instant) -> String? {
        guard let rotation = rotations[rotation] else { return nil }
        if let override = rotation.overrides.last(where: { $0.from <= instant && instant < $0.until }) { return override.who }
        return rotation.shifts.first { $0.covers(instant) }?.who
    }

    /// A level's target as a person: `rotation:NAME` becomes whoever holds it, `person:NAME`
    /// the person; nil when a rotation has nobody on shift (or is unknown).
    public func person(for target: String, at instant: Instant) -> String? {
        if target.hasPrefix("rotation:") { return holder(of: String(target.dropFirst(9)), at: instant) }
        if target.hasPrefix("person:") { return String(target.dropFirst(7)) }
        return target
    }

    /// `rotation:primary (kenji)`, `rotation:lead (nobody on shift)`, `person:maria`.
    public func describe(_ target: String, at instant: Instant) -> String {
        guard target.hasPrefix("rotation:") else { return target }
        return target + " (" + (person(for: target, at: instant) ?? Self.nobody) + ")"
    }

    /// What `describe` says of a rotation nobody holds.
    public static let nobody = "nobody on shift"

    /// The roster of the built-in demo: the BOC's follow-the-sun rotations between Los Gatos,
    /// Los Angeles and Tokyo.
    public static let demo = Roster(rotations: [
        Rotation(name: "primary", shifts: [
            Shift(who: "maria", zone: "America/Los_Angeles", startMinute: 7 * 60, endMinute: 15 * 60),
            Shift(who: "dev", zone: "America/Los_Angeles", startMinute: 15 * 60, endMinute: 23 * 60),
            Shift(who: "kenji", zone: "Asia/Tokyo", startMinute: 15 * 60, endMinute: 23 * 60),
        ]),
        Rotation(name: "secondary", shifts: [
            Shift(who: "aiko", zone: "Asia/Tokyo", startMinute: 15 * 60, endMinute: 23 * 60),
            Shift(who: "sam", zone: "America/Los_Angeles", startMinute: 7 * 60, endMinute: 23 * 60),
        ]),
        Rotation(name: "lead", shifts: [
            // Round the clock: a shift from midnight to midnight.
            Shift(who: "rosa", zone: "America/Los_Angeles", startMinute: 0, endMinute: 0),
        ]),
    ])
}
