extension AlertEngine {
    /// An engine carrying on from stored alerts and silences: indexes and timers are rebuilt
    /// from the stored times, so an escalation due during a restart fires at once on the
    /// first `advance(to:)`, from its own deadline, rather than starting from zero.
    public init(rules: AlertRules, restoring alerts: [Alert], silences: [Silence], nextAlertID: AlertID,
                nextSilenceID: SilenceID, nextAuditSeq: Int64, now: Instant?) {
        self.init(rules: rules)
        self.nextAlertID = max(nextAlertID, (alerts.map(\.id).max() ?? 0) + 1)
        self.nextSilenceID = max(nextSilenceID, (silences.map(\.id).max() ?? 0) + 1)
        self.nextAuditSeq = nextAuditSeq
        self.now = now
        for silence in silences { self.silences[silence.id] = silence }
        for alert in alerts.sorted(by: { $0.id < $1.id }) {
            self.alerts[alert.id] = alert
            if alert.isOpen {
                openByKey[alert.raised.dedupKey] = alert.id
                indexAsInhibitor(alert)
            } else if let resolvedAt = alert.resolvedAt {
                resolvedOrder.append(ResolvedEntry(at: resolvedAt, id: alert.id))
            }
        }
        resolvedOrder.sort { $0.at < $1.at }
        for alert in self.alerts.values { deadlines.schedule(alert.id, at: deadline(of: alert)) }
    }
}
