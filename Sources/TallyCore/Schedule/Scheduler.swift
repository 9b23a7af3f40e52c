/// The scheduler: what the day's rundowns call for at a moment — each event's step changes,
/// a reminder shortly before each step, and an alert for each checklist item still open at
/// its deadline (cleared once it is ticked). Pure, on an injected time: it looks again at an
/// event only when that event's next moment comes or its checklist changed, so that a month
/// of events costs next to nothing while nothing happens.
public struct Scheduler: Sendable {
    /// How long before a step its reminder comes.
    public static let reminderLeadSeconds = 5.0 * 60
    /// How long after an event's day closes its overdue items stay alerted (an item due at
    /// the close, such as releasing the feeds, still needs doing).
    public static let overdueGraceSeconds = 15.0 * 60

    private struct Watched: Sendable {
        var schedule: LiveEventScheduled
        var steps: [RundownStep]
        var phase: PhaseChanged?
        var marks: [ChecklistItemID: ChecklistMark] = [:]
        /// When to look at the event again; nil for at once.
        var nextLook: Instant?
    }

    /// Later than any schedule: an event with nothing left to happen.
    private static let never = Instant(millisecondsSinceEpoch: Int64.max / 4)

    private var watched: [EventID: Watched] = [:]
    private var order: [EventID] = []
    private var reminded: Set<String> = []
    /// Overdue items alerted on (each once, even if someone resolves the alert unticked); nil
    /// until the first look, which adopts those left open by an earlier run.
    private var overdue: Set<String>?

    public init(events: [LiveEventScheduled]) {
        replace(events)
    }

    /// Takes a new schedule: events kept keep their place (reminders given, alerts raised);
    /// changed ones are looked at again at once.
    public mutating func replace(_ events: [LiveEventScheduled]) {
        var next: [EventID: Watched] = [:]
        for event in events {
            var entry = Watched(schedule: event, steps: PhasePlan.steps(of: event))
            if let old = watched[event.eventId], old.schedule == event { entry = old }
            entry.nextLook = nil
            next[event.eventId] = entry
        }
        watched = next
        order = events.map(\.eventId)
    }

    /// Takes up from the room's `state` when this scheduler starts deciding (a hub that took a
    /// shared room's lease): each event's step as the room last heard of it, so that a step the
    /// last decider had not announced is announced now, and one it had is not again.
    public mutating func resume(from state: ConsoleState) {
        for id in order {
            guard var entry = watched[id] else { continue }
            entry.phase = state.events[id].map {
                PhaseChanged(eventId: id, phase: $0.phase, next: $0.nextPhase, nextAt: $0.nextPhaseAt, step: $0.step, nextStep: $0.nextStep)
            }
            entry.nextLook = nil
            watched[id] = entry
        }
        overdue = nil
    }

    /// What is due at `now`, given the console's `state` (for checklist ticks and open alerts).
    public mutating func due(at now: Instant, state: ConsoleState) -> [BusEvent] {
        if overdue == nil { overdue = Set(state.alerting.openByKey.keys.filter { $0.hasPrefix(Checklist.alertKeyPrefix) }) }
        var out: [BusEvent] = []
        for id in order {
            guard var entry = watched[id] else { continue }
            let marks = state.checklists[id] ?? [:]
            guard entry.nextLook.map({ now >= $0 }) ?? true || marks != entry.marks else { continue }
            entry.marks = marks
            let change = PhasePlan.phase(of: id, steps: entry.steps, at: now)
            if entry.phase != change {
                entry.phase = change
                out.append(.phaseChanged(change))
            }
            let checklist = Checklist(steps: entry.steps, marks: marks)
            if let reminder = reminder(for: change, of: entry.schedule, checklist: checklist, at: now) { out.append(.reminder(reminder)) }
            let closes = PhasePlan.watchWindow(of: entry.schedule).upperBound.adding(seconds: Self.overdueGraceSeconds)
            out += deadlines(of: entry.schedule, checklist: checklist, dayOpen: now < closes, at: now)
            entry.nextLook = nextLook(for: change, checklist: checklist, closes: closes, after: now)
            watched[id] = entry
        }
        return out
    }

    /// The next moment anything may fall due; nil when the day is done.
    public func nextWake(after now: Instant) -> Instant? {
        let next = watched.values.map { $0.nextLook ?? now }.min()
        return next.flatMap { $0 < Self.never ? $0 : nil }
    }

    private func nextLook(for change: PhaseChanged, checklist: Checklist, closes: Instant, after now: Instant) -> Instant {
        var candidates = checklist.entries.compactMap { $0.isTicked ? nil : $0.due }.filter { $0 > now }
        if closes > now, checklist.entries.contains(where: { !$0.isTicked }) { candidates.append(closes) }
        if let at = change.nextAt {
            candidates.append(at)
            let remind = at.adding(seconds: -Self.reminderLeadSeconds)
            if remind > now { candidates.append(remind) }
        }
        return candidates.min() ?? Self.never
    }

    /// "go/no-go in 5 min · 2 checklist items open", once per step, in the last minutes before it.
    private mutating func reminder(for change: PhaseChanged, of event: LiveEventScheduled, checklist: Checklist, at now: Instant) -> Reminder? {
        guard let step = change.nextStep, let at = change.nextAt, at.seconds(since: now) <= Self.reminderLeadSeconds,
              reminded.insert(event.eventId + "/" + step).inserted else { return nil }
        let open = change.step.map { checklist.open(in: $0) } ?? 0
        let minutes = max(1, Int(saturating: at.seconds(since: now) / 60, rounding: .toNearestOrAwayFromZero))
        return Reminder(eventId: event.eventId, step: step, at: at,
                        text: "\(event.title): \(step) in \(minutes) min" + (open > 0 ? " · \(open) checklist item\(open == 1 ? "" : "s") open" : ""))
    }

    /// Alerts for items past their deadline while the event's day is open, and clears for
    /// those ticked since or whose event's day has closed.
    private mutating func deadlines(of event: LiveEventScheduled, checklist: Checklist, dayOpen: Bool, at now: Instant) -> [BusEvent] {
        checklist.entries.compactMap { entry in
            let key = Checklist.alertKey(event: event.eventId, item: entry.id)
            if !dayOpen, overdue?.remove(key) != nil {
                return .alertCleared(AlertCleared(dedupKey: key, summary: "the event's day is over"))
            }
            if dayOpen, entry.isOverdue(at: now), let due = entry.due, overdue?.insert(key).inserted == true {
                return .alertRaised(AlertRaised(
                    dedupKey: key, severity: .warning,
                    summary: "checklist overdue: \(entry.id.item) (\(entry.id.step), due \(due.utcHourMinute) UTC) — \(event.title)",
                    source: "scheduler", component: event.eventId, group: event.eventId, class: "checklist.overdue",
                    labels: ["event": event.eventId, "step": entry.id.step, "team": "boc"]))
            }
            if let mark = entry.mark, overdue?.remove(key) != nil {
                return .alertCleared(AlertCleared(dedupKey: key, summary: "ticked by \(mark.actor)"))
            }
            return nil
        }
    }
}
