/// How the console uses a terminal of a given size.
public enum Layout: Equatable, Sendable {
    /// Under 40x12: only a message.
    case tooSmall
    /// Under 80x24: one pane at a time under a tab strip.
    case single
    /// 80x24 and up: all four panes; `roomy` from 160x48, with more columns and a chart.
    case grid(roomy: Bool)

    public static let minimum = Size(width: 40, height: 12)
    public static let compact = Size(width: 80, height: 24)
    public static let roomy = Size(width: 160, height: 48)

    public init(for size: Size) {
        if size.width < Self.minimum.width || size.height < Self.minimum.height {
            self = .tooSmall
        } else if size.width < Self.compact.width || size.height < Self.compact.height {
            self = .single
        } else {
            self = .grid(roomy: size.width >= Self.roomy.width && size.height >= Self.roomy.height)
        }
    }

    /// Where each pane goes in the body: events and feeds on the left, alerts and viewers on
    /// the right, so that alerts sit where the eye lands first after the events.
    static func gridRects(in body: Rect, roomy: Bool) -> [PaneID: Rect] {
        let (left, right) = body.splitLeft(roomy ? body.width * 11 / 20 : body.width / 2)
        let (events, feeds) = left.splitTop(left.height / 2)
        let (alerts, viewers) = right.splitTop(roomy ? right.height * 2 / 5 : right.height / 2)
        return [.events: events, .feeds: feeds, .alerts: alerts, .viewers: viewers]
    }
}
