import TallyCore

/// How much an event needs a human now, from its feeds and its open alerts: the key that
/// sorts the worst to the top.
struct Urgency: Comparable {
    var level: Int

    static func < (lhs: Urgency, rhs: Urgency) -> Bool { lhs.level < rhs.level }

    init(_ status: FeedStatus) {
        level = switch status {
        case .down: 4
        case .degraded: 2
        case .ok, .unknown: 0
        }
    }

    init(_ severity: Severity) {
        level = switch severity {
        case .critical: 4
        case .error: 3
        case .warning: 2
        case .info: 1
        }
    }

    init(level: Int) { self.level = level }
}

/// Per-event summaries that several panes need, computed once per frame.
struct EventHealth {
    /// The worst status among each event's feeds.
    var worstFeed: [EventID: FeedStatus] = [:]
    /// The worst severity among each event's open, unacknowledged alerts.
    var worstAlert: [EventID: Severity] = [:]

    init(_ state: ConsoleState) {
        for feed in state.feeds.values {
            worstFeed[feed.eventId] = max(worstFeed[feed.eventId] ?? .ok, feed.status)
        }
        for alert in state.alerts.values where alert.state == .triggered {
            guard let event = alert.raised.eventId else { continue }
            worstAlert[event] = max(worstAlert[event] ?? .info, alert.severity)
        }
    }

    func urgency(of event: EventID) -> Urgency {
        max(Urgency(worstFeed[event] ?? .ok), worstAlert[event].map(Urgency.init) ?? Urgency(level: 0))
    }
}

extension Phase {
    /// Live first, then about to start, then the rest of the day.
    var displayOrder: Int {
        switch self {
        case .live: 0
        case .preflight: 1
        case .scheduled: 2
        case .ended: 3
        case .post: 4
        }
    }
}
