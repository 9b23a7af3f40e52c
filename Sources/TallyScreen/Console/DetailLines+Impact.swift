import TallyCore

extension DetailLines {
    /// `4.1M·min so far · peak 2.6M at risk`.
    static func affected(_ alert: Alert, context: ScreenContext) -> String {
        guard let impact = alert.impact else { return "–" }
        let minutes = Figures.viewerMinutes(impact.viewerMinutes(at: alert.resolvedAt ?? context.now))
        return minutes + (alert.isOpen ? " so far" : "") + " · peak " + Figures.count(impact.peak) + " at risk"
    }

    /// The event's viewers over the last 20 minutes as a sparkline, with a line under it that
    /// marks where the alert was raised (and resolved), or says that it was raised before.
    static func viewerCurve(_ alert: Alert, state: ConsoleState, context: ScreenContext) -> [(String, String)] {
        guard let eventId = alert.raised.labels["event"] ?? alert.raised.group, let event = state.events[eventId] else { return [] }
        let history = event.viewerHistory
        guard history.values.count > 1, let low = history.values.min(), let high = history.values.max() else { return [] }
        let minutes = history.values.count * Int(history.bucketSeconds) / 60
        var chart = [("Viewers", Sparkline(values: history.values, glyphs: context.glyphs).text(width: history.values.count)
            + "  " + Figures.count(low) + "…" + Figures.count(high) + " · \(minutes) min")]
        var marks = [Character](repeating: " ", count: history.values.count)
        let raised = history.index(of: alert.raisedAt), resolved = alert.resolvedAt.flatMap(history.index(of:))
        if let raised { marks[raised] = "▲" }
        if let resolved { marks[resolved] = "▼" }
        let legend = (raised == nil ? "raised before the chart" : "▲ raised") + " · "
            + (alert.resolvedAt == nil ? "open" : resolved == nil ? "resolved before the chart" : "▼ resolved")
        chart.append(("", String(marks) + "  " + legend))
        return chart
    }
}
