import TallyCore

/// What this console alone is looking at: focus, selections, filters, the open overlay.
/// Never shared on the bus; other consoles keep their own.
public struct ViewState: Sendable, Equatable {
    /// An overlay drawn over the panes.
    public enum Overlay: Sendable, Equatable {
        case help
        case detail(PaneID, itemID: String)
        /// The silences, with the selected one (`x` expires it).
        case silences(selected: Int)
        /// An event's checklist, with the selected item (space ticks it).
        case checklist(EventID, selected: Int)
        /// A runbook, scrolled (`r` on an alert).
        case document(DocumentView)
        /// The rundown as a time line (`v`).
        case rundown
        /// The night so far in figures (`o`, `:report`), as computed when opened and kept up to date while open.
        case report(OperationsReport)
    }

    public var focus: PaneID = .events
    /// The selected item of each pane, by id, so that it stays selected when rows re-sort.
    public var selection: [PaneID: String] = [:]
    public var filters: [PaneID: String] = [:]
    public var overlay: Overlay?
    /// The filter being typed, while `/` is active.
    public var filterDraft: String?
    /// The command being typed, while `:` is active.
    public var commandDraft: String?
    /// The note or silence being typed, while a prompt is open.
    public var prompt: Prompt?
    /// Groups of alerts shown unfolded (by group key), rather than as their worst alert.
    public var unfoldedGroups: Set<String> = []
    /// A one-line answer to the last key (what was done, or why not), shown in the footer.
    public var message: String?

    public init() {}
}

extension ViewState.Overlay {
    /// The key command that opens this overlay and, pressed again, closes it.
    var openedBy: KeyCommand? {
        switch self {
        case .rundown: .rundown
        case .report: .report
        default: nil
        }
    }
}
