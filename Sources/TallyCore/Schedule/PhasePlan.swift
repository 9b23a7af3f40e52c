/// An event's day as its rundown lays it out: the steps in time order, the phase and step at
/// any moment, and the window in which its feeds are expected. An event without a rundown of
/// its own follows the standard day: preflight from an hour before the start, on air at the
/// start, off air at the end, and its day closed a quarter of an hour later. Pure: everything
/// follows from the schedule.
public enum PhasePlan {
    public static let preflightLeadSeconds = 60.0 * 60
    public static let postShowSeconds = 15.0 * 60

    /// The standard day of an event from `start` to `end`.
    public static func standardSteps(start: Instant, end: Instant) -> [RundownStep] {
        [RundownStep(name: "preflight", phase: .preflight, at: start.adding(seconds: -preflightLeadSeconds)),
         RundownStep(name: "on air", phase: .live, at: start),
         RundownStep(name: "off air", phase: .ended, at: end),
         RundownStep(name: "post-show", phase: .post, at: end.adding(seconds: postShowSeconds))]
    }

    /// The event's steps in time order: its own rundown, else the standard day.
    public static func steps(of event: LiveEventScheduled) -> [RundownStep] {
        guard let phases = event.phases, !phases.isEmpty else { return standardSteps(start: event.start, end: event.end) }
        return phases.sorted { $0.at < $1.at }
    }

    /// The phase and step `event` is in at `now`, with the next step and when it begins.
    public static func phase(of event: LiveEventScheduled, at now: Instant) -> PhaseChanged {
        phase(of: event.eventId, steps: steps(of: event), at: now)
    }

    /// The phase at `now` of an event whose steps, in time order, are `steps`.
    public static func phase(of eventId: EventID, steps: [RundownStep], at now: Instant) -> PhaseChanged {
        let index = steps.lastIndex { $0.at <= now }
        let current = index.map { steps[$0] }
        let next = steps.indices.contains((index ?? -1) + 1) ? steps[(index ?? -1) + 1] : nil
        return PhaseChanged(eventId: eventId, phase: current?.phase ?? .scheduled, next: next?.phase, nextAt: next?.at,
                            step: current?.name, nextStep: next?.name)
    }

    /// Whether `now` falls in a planned break of the event whose steps, in time order, are
    /// `steps`: a break with a length for that long, one without until the next step.
    public static func isBreak(steps: [RundownStep], at now: Instant) -> Bool {
        if steps.contains(where: { step in step.breakSeconds.map { step.at <= now && now < step.at.adding(seconds: $0) } ?? false }) { return true }
        guard let current = steps.last(where: { $0.at <= now }) else { return false }
        return current.isBreak == true && current.breakSeconds == nil
    }

    /// The ad breaks whose SCTE-35 cues the event's feeds must carry.
    public static func adBreaks(steps: [RundownStep]) -> [PlannedBreak] {
        steps.compactMap(\.plannedBreak)
    }

    /// The event's day, when its feeds are expected: from its first step (or its start) until
    /// its last step or its end, whichever is later.
    public static func watchWindow(of event: LiveEventScheduled) -> Range<Instant> {
        let steps = steps(of: event)
        let first = min(steps.first?.at ?? event.start, event.start), last = max(steps.last?.at ?? event.end, event.end)
        return first..<last
    }
}
