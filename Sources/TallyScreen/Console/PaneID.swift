/// The four panes of the console, numbered as their focus keys 1–4.
public enum PaneID: Int, CaseIterable, Sendable, Hashable {
    case events = 1, feeds, viewers, alerts

    public var title: String {
        switch self {
        case .events: "Active events"
        case .feeds: "Feed health"
        case .viewers: "Viewer counts"
        case .alerts: "Alerts"
        }
    }

    /// A short name for tab strips.
    public var shortTitle: String {
        switch self {
        case .events: "Events"
        case .feeds: "Feeds"
        case .viewers: "Viewers"
        case .alerts: "Alerts"
        }
    }

    public var next: PaneID { PaneID(rawValue: rawValue % 4 + 1)! }
    public var previous: PaneID { PaneID(rawValue: (rawValue + 2) % 4 + 1)! }
}
