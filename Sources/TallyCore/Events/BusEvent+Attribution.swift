extension BusEvent {
    /// Whether a person does this (acknowledge, silence, tick, hand over) rather than a source reporting it.
    public var isOperatorAction: Bool { attributed(to: "", channel: "") != nil }

    /// The same operator action, credited to `actor` through `channel` whatever it claimed:
    /// how a hub names who did what from the connection it came on. Nil for anything that is
    /// not an operator action.
    public func attributed(to actor: String, channel: String) -> BusEvent? {
        switch self {
        case .operatorAction(var action):
            action.actor = actor
            action.channel = channel
            return .operatorAction(action)
        case .silenceCreated(var request):
            request.actor = actor
            request.channel = channel
            return .silenceCreated(request)
        case .silenceExpired(var expiry):
            expiry.actor = actor
            expiry.channel = channel
            return .silenceExpired(expiry)
        case .checklistTicked(var tick):
            tick.actor = actor
            tick.channel = channel
            return .checklistTicked(tick)
        case .handoverWritten(var handover):
            handover.author = actor
            return .handoverWritten(handover)
        case .eventScheduled, .phaseChanged, .feedSample, .feedHealth, .feedContent, .viewers, .alertRaised, .alertCleared, .notified,
             .reminder, .eventCancelled, .timersDue:
            return nil
        }
    }
}
