import TallyCore

/// The panes on screen and their rows, worked out once per frame at the real size: drawn by
/// `Screen.render` and read by the keymap, so that the selection is the row the screen shows.
public struct PaneRows {
    /// One pane as it is drawn: where, its content, and the rows its filter lets through.
    struct Drawn {
        var rect: Rect
        var content: PaneContent
        var rows: [PaneRow]
    }

    let layout: Layout
    let body: Rect
    let panes: [PaneID: Drawn]
    /// The viewers open alerts put at risk, each event once: the header's figure, worked out with the Alerts pane's.
    public let viewersAtRisk: Int

    /// The panes that `Screen.render` draws for this state, view and size.
    public init(state: ConsoleState, view: ViewState, context: ScreenContext, size: Size) {
        layout = Layout(for: size)
        // A replay gives a row above the footer to its strip.
        let stripRows = context.strip == nil ? 0 : 1
        var rects: [PaneID: Rect] = [:]
        switch layout {
        case .grid(let roomy):
            body = Rect(x: 0, y: 1, width: size.width, height: size.height - 2 - stripRows)
            rects = Layout.gridRects(in: body, roomy: roomy)
        case .single:
            body = Rect(x: 0, y: 2, width: size.width, height: size.height - 3 - stripRows)
            rects = [view.focus: body]
        case .tooSmall:
            body = Rect(x: 0, y: 0, width: 0, height: 0)
        }
        var panes: [PaneID: Drawn] = [:]
        let atRisk = ViewersAtRisk.byAlert(in: state)
        viewersAtRisk = ViewersAtRisk.total(atRisk, in: state)
        for (pane, rect) in rects {
            let inner = rect.inner
            let content = PaneContent.of(pane, state: state, context: context, width: inner.width, height: inner.height,
                                         unfolded: view.unfoldedGroups, atRisk: atRisk)
            panes[pane] = Drawn(rect: rect, content: content, rows: content.rows(matching: view.filters[pane]))
        }
        self.panes = panes
    }

    /// The rows of `pane` as drawn, filter applied; none when the pane is not on screen.
    public func rows(of pane: PaneID) -> [PaneRow] {
        panes[pane]?.rows ?? []
    }
}
