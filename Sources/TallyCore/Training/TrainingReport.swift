/// How a trainee answered the alerts of a recorded night, beside what the recorded operators
/// did about the same alerts: time to acknowledge each, the ones missed, the escalations.
/// Pure: both sessions' responses are given.
public struct TrainingReport: Sendable, Equatable {
    /// One alert the trainee saw, with both answers (`recorded` is nil when the recorded
    /// session had no alert of that key opening then).
    public struct Row: Sendable, Equatable {
        public var trainee: AlertResponse
        public var recorded: AlertResponse?
    }

    public var rows: [Row]
    public var trainee: String
    public var recording: String
    public var from: Instant
    public var to: Instant

    /// Pairs each of the trainee's alerts with the recorded alert of the same key that opened
    /// nearest to it (within five minutes).
    public init(trainee: [AlertResponse], recorded: [AlertResponse], traineeName: String, recording: String, from: Instant, to: Instant) {
        var unused = recorded
        rows = trainee.map { alert in
            let candidates = unused.indices.filter { unused[$0].dedupKey == alert.dedupKey && abs(unused[$0].raisedAt.seconds(since: alert.raisedAt)) <= 300 }
            let nearest = candidates.min { abs(unused[$0].raisedAt.seconds(since: alert.raisedAt)) < abs(unused[$1].raisedAt.seconds(since: alert.raisedAt)) }
            return Row(trainee: alert, recorded: nearest.map { unused.remove(at: $0) })
        }
        self.trainee = traineeName
        self.recording = recording
        self.from = from
        self.to = to
    }

    /// Alerts the trainee neither acknowledged nor resolved.
    public var missed: [Row] { rows.filter { !$0.trainee.wasAnswered } }

    /// The report as Markdown, for the terminal and the file.
    public var markdown: String {
        let recordedRows = rows.compactMap(\.recorded)
        func median(_ values: [Double]) -> String {
            guard !values.isEmpty else { return "—" }
            let sorted = values.sorted()
            return Figures.duration(sorted[sorted.count / 2])
        }
        func answer(_ response: AlertResponse?) -> String {
            guard let response else { return "not raised" }
            var parts: [String] = []
            if let seconds = response.timeToAcknowledge { parts.append("ack \(Figures.duration(seconds))" + (response.acknowledgedBy.map { " (\($0))" } ?? "")) }
            if let resolved = response.resolvedByHandAt { parts.append("resolved \(Figures.duration(resolved.seconds(since: response.raisedAt)))") }
            if response.escalations > 0 { parts.append("escalated ×\(response.escalations)") }
            return parts.isEmpty ? "missed" : parts.joined(separator: ", ")
        }
        var lines = [
            "# Training report",
            "",
            "Trainee \(trainee) on \(recording), \(from.rfc3339) to \(to.rfc3339) (recording time).",
            "",
            "| | you | recorded operators |",
            "| --- | --- | --- |",
            "| alerts acknowledged | \(rows.count { $0.trainee.acknowledgedAt != nil }) of \(rows.count) | \(recordedRows.count { $0.acknowledgedAt != nil }) of \(recordedRows.count) |",
            "| median time to acknowledge | \(median(rows.compactMap(\.trainee.timeToAcknowledge))) | \(median(recordedRows.compactMap(\.timeToAcknowledge))) |",
            "| missed | \(missed.count) | \(recordedRows.count { !$0.wasAnswered }) |",
            "| escalations | \(rows.reduce(0) { $0 + $1.trainee.escalations }) | \(recordedRows.reduce(0) { $0 + $1.escalations }) |",
            "",
            "## Alerts",
            "",
            "| raised (UTC) | severity | alert | you | recorded operators |",
            "| --- | --- | --- | --- | --- |",
        ]
        for row in rows {
            let alert = row.trainee
            let summary = alert.summary.replacingOccurrences(of: "|", with: "/")
            lines.append("| \(alert.raisedAt.rfc3339.dropFirst(11).prefix(8)) | \(alert.severity.rawValue) | \(alert.dedupKey): \(summary) | \(answer(alert)) | \(answer(row.recorded)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
