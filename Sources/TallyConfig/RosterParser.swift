import Foundation
import TallyCore
import Yams

/// Reads `roster.yaml` (schema in README.md, "Alerting"): rotations of shifts in time zones, with overrides.
public enum RosterParser {
    static let weekdays = ["mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7]

    public static func parse(_ text: String, file: String) throws(ConfigProblem) -> Roster {
        let reader = YAMLReader(file: file)
        let top = try reader.mapping(try reader.root(text), at: "", allowed: ["rotations"], required: ["rotations"])
        var rotations: [Roster.Rotation] = []
        for (index, node) in try reader.sequence(top["rotations"]!, at: "rotations").enumerated() {
            let path = "rotations[\(index)]"
            let fields = try reader.mapping(node, at: path, allowed: ["name", "shifts", "overrides"], required: ["name", "shifts"])
            var shifts: [Roster.Shift] = []
            for (shiftIndex, item) in try reader.sequence(fields["shifts"]!, at: path + ".shifts").enumerated() {
                shifts.append(try shift(item, at: "\(path).shifts[\(shiftIndex)]", reader: reader))
            }
            var overrides: [Roster.Override] = []
            if let node = fields["overrides"] {
                for (overrideIndex, item) in try reader.sequence(node, at: path + ".overrides").enumerated() {
                    overrides.append(try override(item, at: "\(path).overrides[\(overrideIndex)]", reader: reader))
                }
            }
            rotations.append(Roster.Rotation(name: try reader.string(fields["name"]!, at: path + ".name"), shifts: shifts, overrides: overrides))
        }
        return Roster(rotations: rotations)
    }

    private static func shift(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> Roster.Shift {
        let fields = try reader.mapping(node, at: path, allowed: ["who", "zone", "from", "to", "days"], required: ["who", "zone", "from", "to"])
        let zone = try reader.string(fields["zone"]!, at: path + ".zone")
        guard TimeZone(identifier: zone) != nil else {
            throw reader.problem(fields["zone"]!, "\(path).zone: \"\(zone)\" is not a time zone (write one such as Asia/Tokyo or America/Los_Angeles)")
        }
        var days: Set<Int>?
        if let node = fields["days"] {
            var set: Set<Int> = []
            for name in try reader.strings(node, at: path + ".days") {
                guard let day = weekdays[name.lowercased()] else {
                    throw reader.problem(node, "\(path).days: \"\(name)\" is not a day (mon, tue, wed, thu, fri, sat, sun)")
                }
                set.insert(day)
            }
            days = set
        }
        return Roster.Shift(who: try reader.string(fields["who"]!, at: path + ".who"), zone: zone,
                            startMinute: try minute(fields["from"]!, at: path + ".from", reader: reader),
                            endMinute: try minute(fields["to"]!, at: path + ".to", reader: reader), days: days)
    }

    private static func override(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> Roster.Override {
        let fields = try reader.mapping(node, at: path, allowed: ["who", "from", "until"], required: ["who", "from", "until"])
        func instant(_ key: String) throws(ConfigProblem) -> Instant {
            let text = try reader.string(fields[key]!, at: path + "." + key)
            guard let instant = Instant(rfc3339: text) else {
                throw reader.problem(fields[key]!, "\(path).\(key): \"\(text)\" is not a time (write 2026-03-14T18:00:00Z)")
            }
            return instant
        }
        let from = try instant("from"), until = try instant("until")
        guard from < until else { throw reader.problem(fields["until"]!, "\(path).until: must be after from") }
        return Roster.Override(who: try reader.string(fields["who"]!, at: path + ".who"), from: from, until: until)
    }

    /// Minutes after midnight from `HH:MM` (24:00 allowed as the end of a day).
    private static func minute(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> Int {
        let text = try reader.string(node, at: path)
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...24).contains(hours), (0..<60).contains(minutes),
              hours * 60 + minutes <= 1440 else {
            throw reader.problem(node, "\(path): \"\(text)\" is not a time of day (write 09:00 or 17:30)")
        }
        return (hours * 60 + minutes) % 1440
    }
}
