import TallyCore

/// The report overlay's lines: the night so far in figures, with a sparkline of alerts raised
/// per hour and bars for the times to acknowledge by team and the viewer-minutes by event, as
/// many bars as the rows left let stand.
enum ReportLines {
    /// The width of the figure names on the left.
    static let labelWidth = 16
    /// The width of a bar's name, and of the longest bar, in cells.
    static let barNameWidth = 24
    static let barWidth = 12
    /// How many people and noisy keys the one-line lists name.
    static let listed = 4

    static func title(_ report: OperationsReport, context: ScreenContext) -> String {
        guard let start = report.start, let end = report.end else { return "The night so far" }
        return "The night so far · since " + Labels.clock(start, offset: context.utcOffsetSeconds) + " (" + Figures.duration(end.seconds(since: start)) + ")"
    }

    /// The lines for `rows` rows, naming events by their titles where `titles` has them.
    static func lines(_ report: OperationsReport, rows: Int, titles: [EventID: String], context: ScreenContext) -> [Table.Item] {
        let glyphs = context.glyphs
        var lines = [
            line("Alerts", ([Figures.count(report.alerts)] + report.bySeverity.compactMap { count in
                Severity(rawValue: count.name).map { glyphs.symbol(for: $0) + " \(count.count) \(count.name)" }
            }).joined(separator: " · ")),
            line("Raised per hour", perHour(report.raisedPerHour, glyphs: glyphs), .sparkline),
            line("To acknowledge", responses(report.acknowledge, missing: "never")),
            line("To resolve", responses(report.resolve, missing: "open")),
            line("Escalations", "\(report.escalationsByTimeout) by timeout · \(report.escalationsByHand) by hand · "
                 + (report.exhausted.isEmpty ? "no chain exhausted" : "exhausted " + report.exhausted.map { "#\($0)" }.joined(separator: " "))),
            line("Checklists", "\(report.checklists.onTime) on time · \(report.checklists.late) late · \(report.checklists.missed) missed"),
            line("Pages", report.pages.prefix(listed).map { "\($0.person) \($0.pages)" + ($0.atNight > 0 ? " (\($0.atNight) at night)" : "") }
                .joined(separator: " · ").ifEmpty("none")),
            line("Delivery", report.notifiers.map { "\($0.notifier) \($0.delivered)/\($0.attempts)" + ($0.retries > 0 ? " (\($0.retries) retried)" : "") }
                .joined(separator: " · ").ifEmpty("nothing sent")),
            line("Noisiest", report.noisiest.prefix(listed).map { "\($0.dedupKey) \($0.raises)×" }.joined(separator: " · ").ifEmpty("no key raised twice")),
            line("Affected", Figures.viewerMinutes(report.viewerMinutes) + " in all, summed over alerts"),
        ]
        // The rows left go to the two bar charts, a heading apiece: the teams up to half, the events the rest.
        let spare = max(0, rows - lines.count - 2)
        let teams = report.acknowledge.perTeam.compactMap { row in row.summary.median.map { (row.name, $0) } }
        let teamBars = bars("Acknowledged in, by team (median)", teams, limit: min(teams.count, (spare + 1) / 2), glyphs: glyphs,
                            figure: OperationsReport.responseTime)
        let events = report.viewerMinutesPerEvent.map { (titles[$0.name] ?? $0.name, $0.viewerMinutes) }
        lines += teamBars
        lines += bars("Viewer-minutes affected, by event", events, limit: spare - max(teamBars.count - 1, 0), glyphs: glyphs,
                      figure: Figures.viewerMinutes)
        return lines
    }

    private static func line(_ label: String, _ text: String, _ role: StyleRole = .overlay) -> Table.Item {
        Table.Item(label.fitted(to: labelWidth) + text, role)
    }

    private static func responses(_ responses: OperationsReport.Responses, missing: String) -> String {
        let summary = responses.overall
        guard let median = summary.median, let p90 = summary.p90, let worst = summary.worst else { return "none yet · \(responses.never) \(missing)" }
        return "median " + OperationsReport.responseTime(median) + " · p90 " + OperationsReport.responseTime(p90)
            + " · worst " + OperationsReport.responseTime(worst) + " · \(responses.never) \(missing)"
    }

    private static func perHour(_ hours: [Int], glyphs: Glyphs) -> String {
        guard let most = hours.max(), most > 0 else { return "none" }
        return Sparkline(values: hours, glyphs: glyphs).text(width: min(hours.count, 48)) + "  most \(most) in an hour"
    }

    /// A heading and up to `limit` bars scaled to the largest value, or nothing when there is no room or nothing to show.
    private static func bars(_ heading: String, _ values: [(String, Double)], limit: Int, glyphs: Glyphs,
                             figure: (Double) -> String) -> [Table.Item] {
        let values = values.filter { $0.1 > 0 }
        guard limit > 0, let largest = values.map(\.1).max() else { return [] }
        let block = glyphs.sparkline.last ?? "#"
        let shown = values.prefix(limit).map { name, value in
            let cells = max(1, Int(saturating: (value / largest * Double(barWidth)).rounded()))
            return Table.Item("  " + name.fitted(to: barNameWidth - 1, ellipsis: glyphs.ellipsis) + " " + String(repeating: block, count: cells).fitted(to: barWidth + 1) + figure(value), .chart)
        }
        let more = values.count > limit ? " (\(limit) of \(values.count))" : ""
        return [Table.Item(heading + more, .tableHeader)] + shown
    }
}
