import TallyBus
import TallyCore
import TallyScenarios

/// The busiest moment of the built-in night, topped up to a stated number of open alerts: the
/// load a BOC console must draw without strain (47 live events, about 150 feeds, 100 alerts).
struct BusyNight {
    let recording: Recording
    let moment: Instant
    let state: ConsoleState

    init(openAlerts: Int = 100) throws {
        let recording = try BuiltInDemo.recording()
        let length = recording.end.seconds(since: recording.start)
        let moment = stride(from: 0.0, through: length, by: 300).map { recording.start.adding(seconds: $0) }
            .max { Self.liveCount(recording.state(at: $0)) < Self.liveCount(recording.state(at: $1)) }!
        var state = recording.state(at: moment)
        let feeds = state.feeds.keys.sorted()
        var seq = state.lastSeq
        var index = 0
        while Self.openCount(state) < openAlerts {
            seq += 1
            let feed = feeds[index % feeds.count]
            let severity: Severity = [.critical, .error, .warning, .info][index % 4]
            state.apply(Envelope(seq: seq, timestamp: moment, source: "bench", event: .alertRaised(AlertRaised(
                dedupKey: "bench-\(index)", severity: severity, summary: "\(feed): segment errors above 2 % (bench load)",
                source: "bench", labels: ["event": state.feeds[feed]?.eventId ?? "", "feed": feed]))))
            index += 1
        }
        self.recording = recording
        self.moment = moment
        self.state = state
    }

    static func liveCount(_ state: ConsoleState) -> Int { state.events.values.filter { $0.phase == .live }.count }

    static func openCount(_ state: ConsoleState) -> Int { state.alerts.values.filter { $0.state != .resolved }.count }

    var summary: String {
        "\(Self.liveCount(state)) live events, \(state.feeds.count) feeds, \(Self.openCount(state)) open alerts"
    }
}
