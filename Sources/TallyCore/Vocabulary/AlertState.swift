/// The alert lifecycle operators trust (PagerDuty): triggered, then acknowledged, then resolved.
public enum AlertState: String, Codable, Sendable {
    case triggered, acknowledged, resolved
}
