/// The shift handover in Markdown: the outgoing operator's note, alerts still open and those
/// acknowledged (with owners and notes), events live now and coming in the next shift, and
/// checklist items still open. Pure: built from the console's state at a moment.
public enum HandoverReport {
    /// How far ahead "the next shift" looks.
    public static let horizonSeconds = 8.0 * 3600

    public static func markdown(state: ConsoleState, at now: Instant, author: String, site: String?, note: String) -> String {
        var out = "# Shift handover: \(clock(now, date: true)) UTC, from \(author)" + (site.map { " at \($0)" } ?? "") + "\n\n"
        out += "## Note\n\n" + (note.isEmpty ? "(no note)" : note.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")) + "\n"

        let open = state.alerts.values.filter { $0.isOpen }.sorted { ($0.severity, $1.raisedAt) > ($1.severity, $0.raisedAt) }
        let triggered = open.filter { $0.state == .triggered }, acknowledged = open.filter { $0.state == .acknowledged }
        out += section("Open alerts, nobody on them (\(triggered.count))", triggered.map { line(for: $0, state: state, now: now) })
        out += section("Acknowledged (\(acknowledged.count))", acknowledged.map { line(for: $0, state: state, now: now) })

        let events = state.events.values.sorted { $0.schedule.start < $1.schedule.start }
        let live = events.filter { $0.phase == .live || $0.phase == .preflight }
        let coming = events.filter { $0.phase == .scheduled && $0.schedule.start.seconds(since: now) <= horizonSeconds }
        out += section("Live now (\(live.count))", live.map { event in
            "**\(event.title)** (\(event.id)): \(event.step ?? event.phase.rawValue)"
                + (event.nextStep.map { next in ", \(next) at \(event.nextPhaseAt.map { clock($0) } ?? "?") UTC" } ?? "")
                + progress(of: event, state: state)
        })
        out += section("Coming in the next \(Int(saturating: horizonSeconds / 3600)) hours (\(coming.count))", coming.map { event in
            "\(clock(event.schedule.start)) UTC **\(event.title)** (\(event.id)), \(event.schedule.venue)" + progress(of: event, state: state)
        })
        let unticked = (live + coming).flatMap { event in
            (state.checklist(of: event.id)?.entries ?? []).filter { !$0.isTicked }.map { entry in
                "\(event.title) · \(entry.id.step) · \(entry.id.item)"
                    + (entry.due.map { " (due \(clock($0)) UTC\(entry.isOverdue(at: now) ? ", **overdue**" : ""))" } ?? "")
            }
        }
        out += section("Checklist items still open (\(unticked.count))", unticked)
        return out
    }

    private static func line(for alert: Alert, state: ConsoleState, now: Instant) -> String {
        var text = "#\(alert.id) \(alert.severity.rawValue.uppercased()) \(alert.raised.summary), L\(alert.escalationLevel)"
        text += ", raised \(clock(alert.raisedAt)) UTC"
        if let owner = alert.acknowledgedBy { text += ", owned by **\(owner)**" }
        if let team = alert.raised.labels["team"] { text += ", team \(team)" }
        if !alert.notes.isEmpty { text += "; notes: " + alert.notes.map { "“\($0)”" }.joined(separator: " ") }
        return text
    }

    private static func progress(of event: EventState, state: ConsoleState) -> String {
        guard let checklist = state.checklist(of: event.id), !checklist.isEmpty else { return "" }
        return ", checklist \(checklist.ticked)/\(checklist.entries.count)"
    }

    private static func section(_ title: String, _ items: [String]) -> String {
        "\n## \(title)\n\n" + (items.isEmpty ? "None.\n" : items.map { "- " + $0 }.joined(separator: "\n") + "\n")
    }

    /// `19:02`, or `2026-03-14 19:02` with the date.
    static func clock(_ instant: Instant, date: Bool = false) -> String {
        let text = instant.rfc3339
        return date ? String(text.prefix(16)).replacingOccurrences(of: "T", with: " ") : instant.utcHourMinute
    }
}
