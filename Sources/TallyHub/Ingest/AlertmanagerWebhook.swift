import Foundation
import TallyCore

/// Prometheus Alertmanager's webhook body (version "4") as Tally alerts: each firing alert is
/// raised, each resolved one cleared. The dedup key is `alertmanager/FINGERPRINT`, so that
/// Alertmanager's repeats count on one alert; labels pass through (for routes, silences and
/// inhibition), the summary comes from the `summary` or `description` annotation, the
/// severity from the `severity` label, the runbook from `runbook_url`. A body that is not a
/// version 4 webhook is refused with the reason.
public enum AlertmanagerWebhook {
    /// One alert of the body: what to publish, and when Alertmanager says it started or ended.
    public struct Item: Sendable, Equatable {
        public var event: BusEvent
        public var at: Instant?
    }

    /// Why a body was refused.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    private struct Body: Decodable {
        var version: String
        var status: String?
        var receiver: String?
        var alerts: [Alert]
    }

    private struct Alert: Decodable {
        var status: String
        var labels: [String: String]
        var annotations: [String: String]?
        var startsAt: String?
        var endsAt: String?
        var fingerprint: String?
    }

    public static let byteCap = 1 << 20

    public static func items(from body: Data) throws(Refusal) -> [Item] {
        guard body.count <= byteCap else { throw Refusal(reason: "body larger than 1 MiB") }
        struct Version: Decodable { var version: String? }
        if let version = (try? JSONDecoder().decode(Version.self, from: body))?.version, version != "4" {
            throw Refusal(reason: "version \"\(version)\": only Alertmanager's version 4 is understood")
        }
        let decoded: Body
        do {
            decoded = try JSONDecoder().decode(Body.self, from: body)
        } catch let error as DecodingError {
            throw Refusal(reason: describe(error))
        } catch {
            throw Refusal(reason: "not JSON: \(error.localizedDescription)")
        }
        guard decoded.version == "4" else { throw Refusal(reason: "version \"\(decoded.version)\": only Alertmanager's version 4 is understood") }
        var items: [Item] = []
        for (index, alert) in decoded.alerts.enumerated() {
            guard alert.status == "firing" || alert.status == "resolved" else {
                throw Refusal(reason: "alerts[\(index)].status: \"\(alert.status)\" is neither firing nor resolved")
            }
            let key = "alertmanager/" + (alert.fingerprint.flatMap { $0.isEmpty ? nil : $0 } ?? fingerprint(of: alert.labels))
            let annotations = alert.annotations ?? [:]
            let name = alert.labels["alertname"] ?? "alert"
            if alert.status == "resolved" {
                items.append(Item(event: .alertCleared(AlertCleared(dedupKey: key, summary: "resolved in Alertmanager")),
                                  at: alert.endsAt.flatMap(Instant.init(rfc3339:))))
                continue
            }
            let summary = annotations["summary"] ?? annotations["description"] ?? name
            // The hub stamps the alert when it arrives (its bus runs in arrival order); when
            // Alertmanager saw it start stays on the alert as a label.
            var labels = alert.labels
            if let startsAt = alert.startsAt { labels["starts_at"] = startsAt }
            let raised = AlertRaised(
                dedupKey: String(key.prefix(255)), severity: severity(alert.labels["severity"]), summary: String(summary.prefix(1024)),
                source: "alertmanager" + (decoded.receiver.map { ":" + $0 } ?? ""), component: alert.labels["instance"],
                group: alert.labels["event"], class: name, labels: labels, runbook: annotations["runbook_url"])
            do {
                try raised.check()
            } catch {
                throw Refusal(reason: "alerts[\(index)].\(error.description)")
            }
            items.append(Item(event: .alertRaised(raised), at: alert.startsAt.flatMap(Instant.init(rfc3339:))))
        }
        return items
    }

    /// Alertmanager's usual severities in PagerDuty's four.
    static func severity(_ label: String?) -> Severity {
        switch label?.lowercased() {
        case "critical", "page", "fatal", "emergency": .critical
        case "error", "major", "high": .error
        case "info", "informational", "none", "low": .info
        default: .warning
        }
    }

    /// A stable key from the labels when the body carries no fingerprint.
    static func fingerprint(of labels: [String: String]) -> String {
        labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }.joined(separator: ",")
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().drop { $0 == "." }.description
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context)
            return (at.isEmpty ? "" : at + ".") + key.stringValue + ": missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return path(context) + ": wrong type (labels and annotations are objects of strings)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : path(context) + ": " + context.debugDescription
        @unknown default:
            return "not a webhook body"
        }
    }
}
