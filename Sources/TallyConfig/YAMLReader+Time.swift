import Foundation
import TallyCore
import Yams

extension YAMLReader {
    /// A moment: RFC 3339 (`2026-03-14T19:00:00Z`, `2026-03-14T19:00:00+09:00`) or a local time
    /// with its IANA zone (`2026-03-14 19:00 Asia/Tokyo`). A local time the clocks skip (the
    /// hour lost when daylight saving starts) is refused; one they repeat is its first occurrence.
    public func instant(_ node: Node, at path: String) throws(ConfigProblem) -> Instant {
        let text = try string(node, at: path).trimmingCharacters(in: .whitespaces)
        if let instant = Instant(rfc3339: text) { return instant }
        let parts = text.split(separator: " ")
        guard parts.count == 3 else {
            throw problem(node, "\(path): \"\(text)\" is not a time (write 2026-03-14T19:00:00Z or 2026-03-14 19:00 Asia/Tokyo)")
        }
        guard let zone = TimeZone(identifier: String(parts[2])) else {
            throw problem(node, "\(path): \"\(parts[2])\" is not an IANA time zone (such as Asia/Tokyo or America/Los_Angeles)")
        }
        let date = parts[0].split(separator: "-").compactMap { Int($0) }, time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard date.count == 3, (2...3).contains(time.count) else {
            throw problem(node, "\(path): \"\(text)\" is not a time (write 2026-03-14 19:00 Asia/Tokyo)")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let wanted = DateComponents(year: date[0], month: date[1], day: date[2], hour: time[0], minute: time[1],
                                    second: time.count == 3 ? time[2] : 0)
        guard let moment = calendar.date(from: wanted) else { throw problem(node, "\(path): \"\(text)\" is not a date") }
        let found = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: moment)
        guard found.year == wanted.year, found.month == wanted.month, found.day == wanted.day, found.hour == wanted.hour,
              found.minute == wanted.minute, found.second == wanted.second else {
            throw problem(node, "\(path): \"\(text)\" does not exist in \(zone.identifier) (the clocks skip it)")
        }
        return Instant(moment)
    }
}
