import Foundation
import TallyCore

/// The body of a PagerDuty Events API v2 request for a notification: `trigger` with the
/// payload, `acknowledge` and `resolve` with the dedup key alone, as the API wants.
enum PagerDutyEvent {
    static func body(for notification: AlertNotification, routingKey: String, onCall: [String]) throws -> Data {
        var body: [String: Any] = [
            "routing_key": routingKey,
            "event_action": notification.action.rawValue,
            "dedup_key": String(notification.raised.dedupKey.prefix(255)),
        ]
        if notification.action == .trigger {
            let raised = notification.raised
            var payload: [String: Any] = [
                "summary": String(raised.summary.prefix(1024)),
                "source": raised.source,
                "severity": raised.severity.rawValue,
                "timestamp": notification.at.rfc3339,
                "custom_details": NotificationJSON.details(of: notification, onCall: onCall),
            ]
            payload["component"] = raised.component
            payload["group"] = raised.group
            payload["class"] = raised.class
            body["payload"] = payload
            body["client"] = "Tally"
        }
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }
}

/// The alert as JSON for a command notifier's standard input and PagerDuty's custom details.
enum NotificationJSON {
    static func details(of notification: AlertNotification, onCall: [String]) -> [String: Any] {
        var details: [String: Any] = [
            "alert_id": notification.alertId,
            "level": notification.level,
            "round": notification.round,
            "targets": notification.targets,
            "on_call": onCall,
            "policy": notification.policy,
            "policy_version": notification.policyVersion,
            "labels": notification.raised.labels,
        ]
        details["runbook"] = notification.raised.runbook
        return details
    }

    static func body(for notification: AlertNotification, onCall: [String]) throws -> Data {
        var body = details(of: notification, onCall: onCall)
        body["action"] = notification.action.rawValue
        body["dedup_key"] = notification.raised.dedupKey
        body["severity"] = notification.raised.severity.rawValue
        body["summary"] = notification.raised.summary
        body["source"] = notification.raised.source
        body["at"] = notification.at.rfc3339
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }
}
