extension ConsoleState {
    /// `raised` with the viewers it would put at risk now as its `viewers_at_risk` label (in
    /// place of any a source sent), so that a route can page the lead at once for a big audience.
    func withImpact(_ raised: AlertRaised) -> AlertRaised {
        var raised = raised
        raised.labels[ViewersAtRisk.label] = String(ViewersAtRisk.of(raised, in: self))
        return raised
    }

    /// Brings the impact of the alerts `envelope` may have changed up to date: those its audit
    /// lines name (opened, resolved, owned), and the open alerts of the event it touched (a
    /// viewer sample, a feed's health, the schedule). Each moves to the viewers it puts at risk
    /// from this moment, banking the viewer-minutes of the figure it held until now; a resolved
    /// alert's figure drops to nobody at the moment it resolved.
    mutating func refreshImpact(after envelope: Envelope, records: [AuditRecord]) {
        let named = Set(records.compactMap(\.alertId))
        let event: EventID? = switch envelope.event {
        case .viewers(let sample): sample.eventId
        case .feedHealth(let health): feeds[health.feedId]?.eventId
        case .eventScheduled(let scheduled): scheduled.eventId
        case .eventCancelled(let cancelled): cancelled.eventId
        default: nil
        }
        guard !named.isEmpty || event != nil else { return }
        let at = envelope.timestamp
        let touched = alerting.alerts.values.filter { alert in
            named.contains(alert.id) || (alert.isOpen && event != nil && (alert.raised.labels["event"] ?? alert.raised.group) == event)
        }
        for alert in touched {
            let atRisk = ViewersAtRisk.of(alert, in: self)
            let moment = alert.resolvedAt.map { min($0, at) } ?? at
            let impact = alert.impact?.changing(to: atRisk, at: moment) ?? AlertImpact(atRisk: atRisk, at: alert.raisedAt)
            if impact != alert.impact { alerting.alerts[alert.id]?.impact = impact }
        }
    }
}
