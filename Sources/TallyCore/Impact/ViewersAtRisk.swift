/// The viewers an alert puts at risk now, from the state already there: the audience of the
/// event the alert belongs to (its `event` label, else its group) that the failing part carries.
///
/// - A feed's alert (a `feed` label naming one of the event's feeds) puts the whole audience at
///   risk when that feed is its event's primary path at its hop, or carries the signal there now
///   (a backup after a failover), or when nothing at its hop carries the signal; a backup or a
///   spare path that carries nothing puts nobody at risk until it must.
/// - An alert of the event as a whole (its audience falling, rebuffering) puts the whole
///   audience at risk, unless it names a part of it (a `cdn` or `region` label) that the viewer
///   source breaks the audience down by: then only that part's viewers. The same share holds for
///   a feed's alert naming a CDN or region, and for an edge feed, whose path names its CDN.
/// - Checklists, the schedule and ad cues put no picture at risk: nobody.
/// - A resolved alert puts nobody at risk.
public enum ViewersAtRisk {
    /// The classes of alert that put no viewer at risk.
    static let harmless = ["checklist.", "schedule.", "scte35."]

    public static func of(_ alert: Alert, in state: ConsoleState) -> Int {
        alert.isOpen ? of(alert.raised, in: state) : 0
    }

    /// What an alert raised now would put at risk: the figure its routes match on (`viewers_at_risk`).
    public static func of(_ raised: AlertRaised, in state: ConsoleState) -> Int {
        let kind = raised.class ?? String(raised.dedupKey.prefix { $0 != "/" })
        guard !harmless.contains(where: { kind.hasPrefix($0) }),
              let eventId = raised.labels["event"] ?? raised.group, let event = state.events[eventId],
              let viewers = event.viewers, viewers.concurrent > 0 else { return 0 }
        guard let feedId = raised.labels["feed"], let descriptor = event.schedule.feeds.first(where: { $0.feedId == feedId }) else {
            return viewers.share(for: raised.labels) ?? viewers.concurrent
        }
        // An edge path is a CDN (`path: cdn-a`): it carries that CDN's share where the source gives it.
        var part = raised.labels
        if descriptor.stage == .edge, part["cdn"] == nil { part["cdn"] = descriptor.path }
        let audience = viewers.share(for: part) ?? viewers.concurrent
        if descriptor.role == .primary { return audience }
        let stage = SignalPath(event: event.schedule, feeds: state.feeds).stages.first { $0.hop == descriptor.stage }
        guard let stage, let carrier = stage.carrier else { return audience }
        return carrier.descriptor.feedId == feedId ? audience : 0
    }

    /// The label a route matches the figure on: `viewers_at_risk>=1000000`.
    public static let label = "viewers_at_risk"

    /// Every open alert's viewers at risk, counting each event's audience once: what the header shows.
    public static func total(in state: ConsoleState) -> Int {
        total(byAlert(in: state), in: state)
    }

    /// The viewers each open alert puts at risk, where it puts any: worked out once a frame.
    public static func byAlert(in state: ConsoleState) -> [AlertID: Int] {
        var found: [AlertID: Int] = [:]
        for alert in state.alerts.values where alert.isOpen {
            let viewers = of(alert, in: state)
            if viewers > 0 { found[alert.id] = viewers }
        }
        return found
    }

    /// The header's total from the figures `byAlert` gave, each event's audience once.
    public static func total(_ byAlert: [AlertID: Int], in state: ConsoleState) -> Int {
        var byEvent: [EventID: Int] = [:]
        for (id, atRisk) in byAlert {
            guard let raised = state.alerts[id]?.raised, let eventId = raised.labels["event"] ?? raised.group else { continue }
            byEvent[eventId] = max(byEvent[eventId] ?? 0, atRisk)
        }
        return byEvent.values.reduce(0, +)
    }
}
