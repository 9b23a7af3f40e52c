/// The standard day of a live event: preflight checks from an hour before the start, on air
/// from the start, off air at the end, and a post-show quarter of an hour after it. Pure: the
/// phase at any moment follows from the schedule alone.
public enum PhasePlan {
    public static let preflightLeadSeconds = 60.0 * 60
    public static let postShowSeconds = 15.0 * 60

    public static func preflightAt(_ event: LiveEventScheduled) -> Instant { event.start.adding(seconds: -preflightLeadSeconds) }
    public static func postAt(_ event: LiveEventScheduled) -> Instant { event.end.adding(seconds: postShowSeconds) }

    /// The phase `event` is in at `now`, with the next phase and when it begins.
    public static func phase(of event: LiveEventScheduled, at now: Instant) -> PhaseChanged {
        let (phase, next, nextAt): (Phase, Phase?, Instant?) =
            if now < preflightAt(event) { (.scheduled, .preflight, preflightAt(event)) }
            else if now < event.start { (.preflight, .live, event.start) }
            else if now < event.end { (.live, .ended, event.end) }
            else if now < postAt(event) { (.ended, .post, postAt(event)) }
            else { (.post, nil, nil) }
        return PhaseChanged(eventId: event.eventId, phase: phase, next: next, nextAt: nextAt)
    }

    /// Whether `event`'s feeds should be up at `now`: from preflight until the post-show ends.
    public static func feedsExpected(_ event: LiveEventScheduled, at now: Instant) -> Bool {
        now >= preflightAt(event) && now < postAt(event)
    }
}
