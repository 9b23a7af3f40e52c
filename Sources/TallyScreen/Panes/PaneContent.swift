import TallyCore

/// One row of a pane: the id that selection follows, the text a filter matches, and its cells.
/// The text and the cells are made when asked for, by the one maker a pane's rows share: a
/// frame makes the cells of the rows in view alone, and the text only while a filter looks.
public struct PaneRow {
    public var id: String
    private let maker: Maker
    private let index: Int

    /// What makes a pane's rows: the things they show, in order, and how a row is made from one.
    private final class Maker {
        let cells: (Int) -> [Table.Item]
        let searchText: (Int) -> String

        init(cells: @escaping (Int) -> [Table.Item], searchText: @escaping (Int) -> String) {
            self.cells = cells
            self.searchText = searchText
        }
    }

    public var searchText: String { maker.searchText(index) }
    public var cells: [Table.Item] { maker.cells(index) }

    /// A row made now (a summary row).
    public init(id: String, searchText: String, cells: [Table.Item]) {
        self.id = id
        maker = Maker(cells: { _ in cells }, searchText: { _ in searchText })
        index = 0
    }

    private init(id: String, maker: Maker, index: Int) {
        self.id = id
        self.maker = maker
        self.index = index
    }

    /// A row for each of `items`, in order, made by `cells` and `searchText` when drawn or filtered.
    static func rows<Item>(of items: [Item], id: (Item) -> String, searchText: @escaping (Item) -> String,
                           cells: @escaping (Item) -> [Table.Item]) -> [PaneRow] {
        let maker = Maker(cells: { cells(items[$0]) }, searchText: { searchText(items[$0]) })
        return items.indices.map { PaneRow(id: id(items[$0]), maker: maker, index: $0) }
    }
}

/// A pane's table, worst first: columns chosen for the width available, and its rows.
public struct PaneContent {
    public var title: String
    public var columns: [Table.Column]
    public var rows: [PaneRow]
    /// Lines drawn above the table (totals, a chart).
    public var preamble: Preamble?
    /// Rows folded out of sight (events far off or long over), shown as one summary row
    /// until a filter looks for them; built only then.
    public var folded: Folded?

    /// Rows out of sight, and the row that stands for them.
    public struct Folded {
        public var summary: PaneRow
        public var rows: () -> [PaneRow]
    }

    /// What a pane draws above its table.
    public enum Preamble {
        case line([Table.Item])
        case chart(label: [Table.Item], values: [Int], height: Int)

        var height: Int {
            switch self {
            case .line: 1
            case .chart(_, _, let height): height + 1
            }
        }
    }

    /// Folds `hidden` away behind one dim row reading `what` ("1,952 more (1,900 later)").
    static func fold(count: Int, columns: Int, glyphs: Glyphs, saying what: String, rows: @escaping () -> [PaneRow]) -> Folded? {
        guard count > 0 else { return nil }
        let cells = [Table.Item("", .dim), Table.Item(glyphs.ellipsis + " " + what + "; / finds them", .dim)]
            + Array(repeating: Table.Item("", .dim), count: max(0, columns - 2))
        return Folded(summary: PaneRow(id: "more", searchText: "", cells: cells), rows: rows)
    }

    /// Panes at least this wide (inside their border) show their roomy columns.
    public static let roomyWidth = 66

    /// The rows whose text contains `filter`, ignoring case.
    public func rows(matching filter: String?) -> [PaneRow] {
        guard let filter, !filter.isEmpty else { return rows + (folded.map { [$0.summary] } ?? []) }
        let needle = filter.lowercased()
        return (rows + (folded?.rows() ?? [])).filter { $0.searchText.lowercased().contains(needle) }
    }

    /// The content of `pane` at `width` columns; alert groups in `unfolded` show every alert.
    public static func of(
        _ pane: PaneID, state: ConsoleState, context: ScreenContext, width: Int, height: Int, unfolded: Set<String> = [],
        atRisk: [AlertID: Int]? = nil
    ) -> PaneContent {
        switch pane {
        case .events: EventsPane.content(state: state, context: context, width: width)
        case .feeds: FeedsPane.content(state: state, context: context, width: width)
        case .viewers: ViewersPane.content(state: state, context: context, width: width, height: height)
        case .alerts: AlertsPane.content(state: state, context: context, width: width, unfolded: unfolded, atRisk: atRisk)
        }
    }
}

/// Words and marks shared by the panes.
enum Labels {
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "CRIT"
        case .error: "ERR"
        case .warning: "WARN"
        case .info: "INFO"
        }
    }

    /// Where a feed runs: its path at the venue (`fibre`), or its hop further down the chain
    /// (`edge`, `origin cdn-a`).
    static func route(of feed: FeedDescriptor) -> String {
        guard feed.stage != .contribution else { return feed.path }
        return feed.path.isEmpty ? feed.stage.rawValue : feed.stage.rawValue + " " + feed.path
    }

    /// A feed in a few letters beside its event: its role, or its hop past the venue.
    static func shortName(of feed: FeedDescriptor) -> String {
        String((feed.stage == .contribution ? feed.role.rawValue : feed.stage.rawValue).prefix(7))
    }

    static func status(_ status: FeedStatus) -> String {
        switch status {
        case .ok: "OK"
        case .degraded: "DEGR"
        case .down: "DOWN"
        case .unknown: "UNKN"
        }
    }

    static func phase(_ phase: Phase) -> String {
        switch phase {
        case .scheduled: "SCHED"
        case .preflight: "PRE"
        case .live: "LIVE"
        case .ended: "ENDED"
        case .post: "POST"
        }
    }

    /// `18:04` or `18:04:05` in UTC shifted by `offset` seconds.
    static func clock(_ instant: Instant, offset: Int = 0, seconds: Bool = false) -> String {
        let daySeconds = (instant.millisecondsSinceEpoch / 1000 + Int64(offset)).floorMod(86_400)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let hm = two(daySeconds / 3600) + ":" + two(daySeconds / 60 % 60)
        return seconds ? hm + ":" + two(daySeconds % 60) : hm
    }

    /// `5.9M` for bitrates in a narrow column.
    static func megabits(_ bitsPerSecond: Int) -> String {
        Figures.decimal(Double(bitsPerSecond) / 1_000_000, places: 1) + "M"
    }
}

extension Int64 {
    func floorMod(_ divisor: Int64) -> Int64 { ((self % divisor) + divisor) % divisor }
}
