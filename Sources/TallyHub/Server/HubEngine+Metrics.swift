import TallyCore

/// What `GET /metrics` shows: the server's counts, the room's state, and the core's health.
extension HubEngine {
    func metricFamilies() -> [MetricFamily] {
        let health = core.health
        let state = core.state
        let consoles = connections.values.filter { $0.role == .console }
        var families = [
            MetricFamily(name: "tally_consoles", help: "Consoles attached now, by the role of their token.", kind: .gauge,
                         samples: AccessRole.allCases.filter(\.attaches).map { role in
                             .init(labels: [("role", role.rawValue)], value: Double(consoles.count { $0.access == role }))
                         }),
            Self.counter("tally_envelopes_applied_total", "Bus envelopes the hub applied and sent on.", counters.envelopesApplied),
            Self.counter("tally_ingest_accepted_total", "Ingest lines and Alertmanager alerts taken.", counters.ingestAccepted),
            Self.counter("tally_input_refused_total", "Ingest lines, action lines and HTTP requests refused.", counters.refused),
            Self.counter("tally_viewer_actions_refused_total", "Actions refused because the console's token is a viewer's.", counters.viewerActionsRefused),
            MetricFamily(name: "tally_alerts_open", help: "Alerts not resolved, by severity and state.", kind: .gauge,
                         samples: Severity.allCases.flatMap { severity in
                             [AlertState.triggered, .acknowledged].map { alertState in
                                 .init(labels: [("severity", severity.rawValue), ("state", alertState.rawValue)],
                                       value: Double(state.alerts.values.count { $0.raised.severity == severity && $0.state == alertState }))
                             }
                         }),
            MetricFamily(name: "tally_feeds", help: "Feeds watched, by health.", kind: .gauge,
                         samples: FeedStatus.allCases.map { status in .init(labels: [("status", status.rawValue)], value: Double(state.feeds.values.count { $0.status == status })) }),
            Self.byNotifier("tally_notification_attempts_total", "Notification attempts, by notifier.", counters.notificationAttempts),
            Self.byNotifier("tally_notification_failures_total", "Notification attempts that failed, by notifier.", counters.notificationFailures),
            MetricFamily(name: "tally_store_write_seconds", help: "Time the store's writes took.", kind: .summary,
                         samples: [.init(suffix: "_sum", value: health.storeWrites.totalSeconds), .init(suffix: "_count", value: Double(health.storeWrites.count))]),
            MetricFamily(name: "tally_store_write_max_seconds", help: "The longest store write since start.", kind: .gauge,
                         samples: [.init(value: health.storeWrites.maxSeconds)]),
            MetricFamily(name: "tally_healthy", help: "1 when GET /healthz answers 200, else 0.", kind: .gauge,
                         samples: [.init(value: health.problems.isEmpty ? 1 : 0)]),
        ]
        if let lag = health.monitorLagSeconds {
            families.append(MetricFamily(name: "tally_monitor_lag_seconds", help: "How late the monitors' thread runs its once-a-second heartbeat.",
                                         kind: .gauge, samples: [.init(value: lag)]))
        }
        return families
    }

    private static func counter(_ name: String, _ help: String, _ value: Int) -> MetricFamily {
        MetricFamily(name: name, help: help, kind: .counter, samples: [.init(value: Double(value))])
    }

    private static func byNotifier(_ name: String, _ help: String, _ counts: [String: Int]) -> MetricFamily {
        MetricFamily(name: name, help: help, kind: .counter,
                     samples: counts.sorted { $0.key < $1.key }.map { .init(labels: [("notifier", $0.key)], value: Double($0.value)) })
    }
}
