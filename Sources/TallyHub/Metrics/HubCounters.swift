import TallyCore

/// What the server has counted since it started, for `GET /metrics`: the envelopes it applied,
/// what it took in and refused, and the notifiers' attempts as their outcomes come by on the bus.
struct HubCounters: Sendable, Equatable {
    var envelopesApplied = 0
    /// Ingest lines and Alertmanager alerts taken.
    var ingestAccepted = 0
    /// Ingest lines, action lines and HTTP requests refused.
    var refused = 0
    /// Actions refused because the console's token is a viewer's.
    var viewerActionsRefused = 0
    /// Attempts, and failed attempts, by notifier.
    var notificationAttempts: [String: Int] = [:]
    var notificationFailures: [String: Int] = [:]

    /// Counts a batch the core applied.
    mutating func count(_ envelopes: [Envelope]) {
        envelopesApplied += envelopes.count
        for envelope in envelopes {
            guard case .notified(let outcome) = envelope.event else { continue }
            notificationAttempts[outcome.notifier, default: 0] += 1
            if !outcome.delivered { notificationFailures[outcome.notifier, default: 0] += 1 }
        }
    }
}
