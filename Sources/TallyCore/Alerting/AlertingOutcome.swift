/// What one input to the alert engine caused: audit lines to store, notifications to send,
/// or the reason an operator's request was refused.
public struct AlertingOutcome: Sendable, Equatable {
    public var records: [AuditRecord] = []
    public var notifications: [AlertNotification] = []
    /// Why an operator action or a silence change was refused; nil when it was taken.
    public var rejection: String?

    public init() {}

    public var isEmpty: Bool { records.isEmpty && notifications.isEmpty && rejection == nil }

    public mutating func append(_ other: AlertingOutcome) {
        records += other.records
        notifications += other.notifications
        rejection = other.rejection ?? rejection
    }
}
