import TallyCore

/// One way of delivering a notification, tried once: the dispatcher adds timeouts' meaning,
/// retries and backoff around it.
protocol Delivery: Sendable {
    /// Delivers `body` or throws a `DeliveryFailure` saying why not.
    func deliver(_ notification: AlertNotification, onCall: [String], timeoutSeconds: Double) async -> DeliveryResult
}

/// What one attempt came to, in words for the audit log: `HTTP 202`, `HTTP 500`,
/// `no answer within 5.0 s`, `exit 0`.
struct DeliveryResult: Sendable, Equatable {
    var delivered: Bool
    var detail: String
}
