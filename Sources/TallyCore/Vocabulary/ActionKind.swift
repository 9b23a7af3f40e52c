/// What an operator did to an alert.
public enum ActionKind: String, Codable, Sendable, CaseIterable {
    case ack, unack, escalate, resolve, silence, note
}
