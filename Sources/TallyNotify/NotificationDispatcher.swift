import AsyncHTTPClient
import Foundation
import TallyCore

/// Sends the alert engine's notifications through the configured notifiers, each attempt
/// bounded by the notifier's timeout, failures retried with a doubling backoff. Every attempt's
/// outcome goes onto the bus (and so into the audit log); a notifier that fails
/// `failuresBeforeAlert` notifications in a row raises its own alert, cleared when it
/// delivers again. A notifier is never asked to deliver its own alert.
public actor NotificationDispatcher {
    public typealias Publish = @Sendable (BusEvent) -> Void

    private struct Notifier: Sendable {
        var settings: NotifierSettings
        var delivery: any Delivery
    }

    private let notifiers: [Notifier]
    private let roster: Roster
    private let publish: Publish
    private var failuresInARow: [String: Int] = [:]
    private var alerting: Set<String> = []

    public init(notifiers: [NotifierSettings], roster: Roster, client: HTTPClient = .shared, publish: @escaping Publish) {
        self.notifiers = notifiers.map { settings in
            switch settings.kind {
            case .pagerDuty(let url, let routingKey):
                Notifier(settings: settings, delivery: WebhookDelivery(url: url, routingKey: routingKey, client: client))
            case .command(let arguments):
                Notifier(settings: settings, delivery: CommandDelivery(arguments: arguments))
            }
        }
        self.roster = roster
        self.publish = publish
    }

    /// The dedup key of the alert a failing notifier raises about itself.
    public static func alertKey(of notifier: String) -> String { "notifier.failing/" + notifier }

    /// Sends `notification` through every notifier that takes it; returns when each has
    /// delivered or run out of attempts.
    public func send(_ notification: AlertNotification) async {
        let onCall = notification.targets.compactMap { roster.person(for: $0, at: notification.at) }
        let chosen = notifiers.filter {
            $0.settings.accepts(notification.targets) && notification.raised.labels["notifier"] != $0.settings.name
        }
        await withTaskGroup(of: Void.self) { group in
            for notifier in chosen {
                group.addTask { await self.attempt(notifier, notification, onCall: onCall) }
            }
        }
    }

    private func attempt(_ notifier: Notifier, _ notification: AlertNotification, onCall: [String]) async {
        let settings = notifier.settings
        var last = DeliveryResult(delivered: false, detail: "not tried")
        let attempts = 1 + settings.retries
        for attempt in 1...attempts {
            // Cancelled: the hub is stopping and the notification's deadline has passed. Said once, and not held against the notifier.
            if Task.isCancelled {
                return publish(outcome(of: notification, by: settings, attempt: attempt,
                                       DeliveryResult(delivered: false, detail: "not sent: the hub stopped before attempt \(attempt) of \(attempts)")))
            }
            last = await notifier.delivery.deliver(notification, onCall: onCall, timeoutSeconds: settings.timeoutSeconds)
            publish(outcome(of: notification, by: settings, attempt: attempt, last))
            if last.delivered { break }
            if attempt <= settings.retries {
                let backoff = settings.backoffSeconds * Double(1 << min(attempt - 1, 10))
                try? await Task.sleep(for: .milliseconds(Int64(saturating: backoff * 1000)))
            }
        }
        record(last, for: settings)
    }

    private func outcome(of notification: AlertNotification, by settings: NotifierSettings, attempt: Int, _ result: DeliveryResult) -> BusEvent {
        .notified(NotificationOutcome(
            alertId: notification.alertId, dedupKey: notification.raised.dedupKey, notifier: settings.name,
            action: notification.action, level: notification.level, attempt: attempt, delivered: result.delivered, detail: result.detail))
    }

    private func record(_ result: DeliveryResult, for settings: NotifierSettings) {
        let key = Self.alertKey(of: settings.name)
        if result.delivered {
            failuresInARow[settings.name] = 0
            if alerting.remove(settings.name) != nil {
                publish(.alertCleared(AlertCleared(dedupKey: key, summary: "notifier \(settings.name) delivers again")))
            }
            return
        }
        let failures = (failuresInARow[settings.name] ?? 0) + 1
        failuresInARow[settings.name] = failures
        guard failures >= settings.failuresBeforeAlert else { return }
        alerting.insert(settings.name)
        publish(.alertRaised(AlertRaised(
            dedupKey: key, severity: .critical,
            summary: "notifier \(settings.name) failing: \(failures) notifications in a row undelivered, last \(result.detail)",
            source: "tally", class: "notifier.failing", labels: ["notifier": settings.name])))
    }
}
