extension EventDiary {
    /// The event's after-show report: its timeline (phases, alerts with their owner and time to
    /// acknowledge, escalations, handovers), its audience as a text chart with the alerts
    /// marked, each feed's time down by hop and team, the viewer-minutes affected, and then the
    /// figures `tally report --event` gives for it.
    public func afterShow(source: String) -> ReportDocument {
        let end = facts.end ?? phases.last?.at ?? opened
        let alerts = facts.alerts.values.filter { $0.raised.eventId == eventId }.sorted { ($0.raisedAt, $0.id) < ($1.raisedAt, $1.id) }
        var document = ReportDocument(title: "After-show report: \(schedule.title) (\(eventId))",
                                      subtitle: "\(schedule.venue) · \(Self.minute(opened)) to \(Self.minute(end)) UTC, from \(source)")
        document.add("Timeline", note: "Phases as the schedule announced them, alerts as raised (the owner is who first acknowledged, the time from the raise), escalations from the audit trail, and the shift handovers written while the event's day was open.",
                     table: ReportDocument.Table(columns: ["Time (UTC)", "What"], rows: timeline(alerts).map { [Self.second($0.at), $0.text] }))
        let peak = viewers.max { $0.concurrent < $1.concurrent }
        document.add("Viewers", note: "The last audience sample of each minute; each column of the chart is the most viewers among its minutes, and ▲ marks a minute an alert was raised.",
                     lines: [peak.map { "peak \(Figures.count($0.concurrent)) at \(Self.second($0.minute)) UTC" } ?? "no audience samples"],
                     preformatted: ViewerChart(points: viewers, marks: alerts.map(\.raisedAt)).lines())
        let times = feeds.values.sorted { ($1.downSeconds, $0.feed.feedId) < ($0.downSeconds, $1.feed.feedId) }
        document.add("Feeds: time down", note: "Time each feed spent down and degraded by its health changes, to the post-show step; summed by hop and by team below.",
                     lines: Self.totals(times, by: { $0.feed.stage.rawValue }, "hop") + Self.totals(times, by: { $0.feed.team }, "team"),
                     table: ReportDocument.Table(columns: ["Feed", "Role", "Hop", "Team", "Down", "Degraded"], rows: times.map {
                         [$0.feed.feedId, $0.feed.role.rawValue, $0.feed.stage.rawValue, $0.feed.team ?? "–",
                          OperationsReport.responseTime($0.downSeconds), OperationsReport.responseTime($0.degradedSeconds)]
                     }))
        let minutes = alerts.map { ($0, $0.impact?.viewerMinutes(at: $0.resolvedAt ?? end) ?? 0) }
        document.add("Viewer-minutes affected, by alert", note: "Each alert's viewers at risk over the time it was open, to its resolution or the post-show step.",
                     lines: ["\(Figures.viewerMinutes(minutes.reduce(0) { $0 + $1.1 })) in all"],
                     table: ReportDocument.Table(columns: ["Alert", "Summary", "Viewer-minutes"], rows: minutes.filter { $0.1 > 0 }.map {
                         ["#\($0.0.id)", $0.0.summary, Figures.viewerMinutes($0.1)]
                     }))
        document.append(OperationsReport(facts, scope: ReportScope(event: eventId)).document(source: source, eventTitles: facts.eventTitles))
        return document
    }

    /// One line of the timeline.
    struct Moment {
        var at: Instant
        var text: String
    }

    private func timeline(_ alerts: [Alert]) -> [Moment] {
        var moments = phases.map { Moment(at: $0.at, text: $0.phase.rawValue.uppercased() + ($0.step.map { " (\($0))" } ?? "")) }
        let acknowledged = OperationsReport.firstAcknowledgements(facts.records)
        for alert in alerts {
            var text = "▲ #\(alert.id) \(alert.severity.rawValue): \(alert.summary)"
            if let at = acknowledged[alert.id], let record = facts.records.first(where: { $0.alertId == alert.id && $0.action == .acknowledged && $0.at == at }) {
                text += " · owned by \(record.actor) after " + OperationsReport.responseTime(at.seconds(since: alert.raisedAt))
            } else {
                text += " · never acknowledged"
            }
            if let resolved = alert.resolvedAt { text += " · resolved after " + OperationsReport.responseTime(resolved.seconds(since: alert.raisedAt)) }
            moments.append(Moment(at: alert.raisedAt, text: text))
        }
        let ids = Set(alerts.map(\.id))
        for record in facts.records where record.alertId.map(ids.contains) == true {
            let id = record.alertId ?? 0
            switch record.action {
            case .escalated:
                let by = record.actor == AlertEngine.engineActor ? "by timeout" : "by \(record.actor)"
                moments.append(Moment(at: record.at, text: "#\(id) escalated to L\(record.level ?? 0) \(by)" + (record.note.map { ": \($0)" } ?? "")))
            case .exhausted:
                moments.append(Moment(at: record.at, text: "#\(id) escalation chain exhausted"))
            default:
                break
            }
        }
        moments += handovers.map { Moment(at: $0.at, text: "shift handover by \($0.author) (\($0.path))") }
        return moments.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    /// `origin 4m00s down, 1m10s degraded`, for each hop or team with any bad time.
    private static func totals(_ times: [FeedTime], by name: (FeedTime) -> String?, _ kind: String) -> [String] {
        Dictionary(grouping: times.filter { $0.downSeconds + $0.degradedSeconds > 0 }) { name($0) ?? "–" }
            .sorted { $0.key < $1.key }
            .map { name, group in
                "\(kind) \(name): " + OperationsReport.responseTime(group.reduce(0) { $0 + $1.downSeconds }) + " down, "
                    + OperationsReport.responseTime(group.reduce(0) { $0 + $1.degradedSeconds }) + " degraded"
            }
    }

    private static func minute(_ instant: Instant) -> String {
        String(instant.rfc3339.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    private static func second(_ instant: Instant) -> String {
        String(instant.rfc3339.dropFirst(11).prefix(8))
    }
}
