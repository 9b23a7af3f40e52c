extension OperationsReport {
    /// The report laid out for reading, naming events by their titles where known and the
    /// source of the facts (`the built-in night`, a file, a store) in its subtitle.
    public func document(source: String, eventTitles: [EventID: String] = [:]) -> ReportDocument {
        var document = ReportDocument(title: "Tally report: " + scopeTitle(eventTitles), subtitle: periodLine(source: source))
        document.add("Alerts", note: "Alerts raised in the period (an alert reopened after resolving counts again); the kind is the alert's class, else its dedup key up to the first /.",
                     lines: [(alerts == 1 ? "1 alert: " : "\(alerts) alerts: ") + (bySeverity.map { "\($0.count) \($0.name)" }.joined(separator: ", ")).ifEmpty("none")],
                     table: table(["Kind", "Alerts"], byKind.map { [$0.name, String($0.count)] }))
        document.add("Time to acknowledge", note: "From the raise to the first acknowledgement by a person (the engine's own lines do not count). Median: the middle value, or the mean of the two middle ones; p90: the smallest time at least 90 % of alerts did not exceed (nearest rank); worst: the longest. Alerts never acknowledged are counted apart.",
                     lines: ["\(acknowledge.never) never acknowledged"], table: responseTable(acknowledge, eventTitles))
        document.add("Time to resolve", note: "From the raise to the resolution, by a person or by the source clearing past its hold-down; alerts still open at the end are counted apart.",
                     lines: ["\(resolve.never) still open at the end"], table: responseTable(resolve, eventTitles))
        document.add("Escalations", note: "Levels reached past the first: by timeout when nobody acknowledged in the level's time, by hand when a person escalated. An exhausted chain ran past its last level with nobody owning the alert.",
                     lines: ["\(escalationsByTimeout) by timeout, \(escalationsByHand) by hand",
                             "exhausted chains: " + (exhausted.map { "#\($0)" }.joined(separator: ", ")).ifEmpty("none")])
        document.add("Pages per person", note: "Each time a level's targets were told of an alert, each person named once (a rotation as whoever held it then). Night: \(NightHours.startHour):00 to 0\(NightHours.endHour):00 on the clock of the person's roster time zone, daylight saving time included.",
                     table: table(["Person", "Zone", "Pages", "At night"], pages.map { [$0.person, $0.zone, String($0.pages), String($0.atNight)] }))
        document.add("Noisiest dedup keys", note: "Raises per dedup key, counting repeats while open and alerts opened again; the top \(Self.noisyShown) raised more than once.",
                     table: table(["Dedup key", "Alerts", "Raises"], noisiest.map { [$0.dedupKey, String($0.alerts), String($0.raises)] }))
        document.add("Flapping", note: "Times a key was marked flapping: it opened and cleared too often within the flap window.",
                     table: table(["Dedup key", "Times"], flapping.map { [$0.name, String($0.count)] }))
        document.add("Notifier delivery", note: "Every attempt a notifier reported; a retry is any attempt after a notification's first.",
                     table: table(["Notifier", "Attempts", "Delivered", "Failed", "Retries"], notifiers.map {
                         [$0.notifier, String($0.attempts), String($0.delivered), String($0.failed), String($0.retries)]
                     }))
        document.add("Checklist items", note: "An item is on time when ticked before its checklist.overdue alert (raised when its step's time ran out), late when ticked after, missed when it fell overdue and was never ticked.",
                     lines: ["\(checklists.onTime) on time, \(checklists.late) late, \(checklists.missed) missed"])
        document.add("Viewer-minutes affected", note: "Each alert's viewers at risk integrated over the time it was open (to its resolution or the end of the period), summed over alerts: two alerts open on one event at once count its viewers twice.",
                     lines: ["\(Figures.viewerMinutes(viewerMinutes)) in all"],
                     table: table(["Event or team", "Viewer-minutes"], viewerMinutesPerEvent.map { [title($0.name, eventTitles), Figures.viewerMinutes($0.viewerMinutes)] }
                                  + viewerMinutesPerTeam.map { ["team " + $0.name, Figures.viewerMinutes($0.viewerMinutes)] }))
        return document
    }

    private func scopeTitle(_ titles: [EventID: String]) -> String {
        [scope.event.map { title($0, titles) }, scope.site.map { "site \($0)" }].compactMap { $0 }.joined(separator: " · ").ifEmpty("every event")
    }

    private func periodLine(source: String) -> String {
        let from = scope.from ?? start
        let to = scope.to ?? end
        let period = [from, to].map { $0.map(Self.minute) ?? "…" }.joined(separator: " to ")
        return "\(period) UTC, from \(source)"
    }

    private func responseTable(_ responses: Responses, _ titles: [EventID: String]) -> ReportDocument.Table {
        func row(_ name: String, _ summary: DurationSummary) -> [String] {
            [name, String(summary.count)] + [summary.median, summary.p90, summary.worst].map { $0.map(Self.responseTime) ?? "–" }
        }
        let grouped = responses.perEvent.map { row(title($0.name, titles), $0.summary) } + responses.perTeam.map { row("team " + $0.name, $0.summary) }
            + (responses.perSite.count > 1 || responses.perSite.first?.name != "–" ? responses.perSite.map { row("site " + $0.name, $0.summary) } : [])
        return table(["", "Alerts", "Median", "p90", "Worst"], [row("overall", responses.overall)] + grouped)
    }

    private func table(_ columns: [String], _ rows: [[String]]) -> ReportDocument.Table {
        ReportDocument.Table(columns: columns, rows: rows)
    }

    private func title(_ event: EventID, _ titles: [EventID: String]) -> String {
        titles[event].map { "\(event) \($0)" } ?? event
    }

    /// `45s`, `4m12s`, `1h02m`: a response time to the second under an hour.
    public static func responseTime(_ value: Double) -> String {
        let total = Int(saturating: value.rounded())
        func two(_ part: Int) -> String { part < 10 ? "0\(part)" : "\(part)" }
        switch total {
        case ..<60: return "\(total)s"
        case ..<3600: return "\(total / 60)m" + two(total % 60) + "s"
        default: return "\(total / 3600)h" + two(total / 60 % 60) + "m"
        }
    }

    private static func minute(_ instant: Instant) -> String {
        String(instant.rfc3339.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}

extension String {
    /// `fallback` in place of an empty string.
    public func ifEmpty(_ fallback: String) -> String { isEmpty ? fallback : self }
}
