import TallyCore

/// The pane tabs shown when the terminal is too small for all four panes at once.
struct TabStrip {
    var focus: PaneID
    var state: ConsoleState
    var glyphs: Glyphs

    func render(into canvas: inout Canvas, y: Int, width: Int) {
        canvas.fill(Rect(x: 0, y: y, width: width, height: 1), role: .tabInactive)
        var x = 0
        for pane in PaneID.allCases {
            var label = " \(pane.rawValue) \(pane.shortTitle)"
            if pane == .alerts {
                let new = state.alerts.values.filter { $0.state == .triggered }.count
                if new > 0 { label += " \(glyphs.critical)\(new)" }
            }
            x = canvas.write(label + " ", x: x, y: y, role: pane == focus ? .tabActive : .tabInactive, limit: width)
        }
    }
}
