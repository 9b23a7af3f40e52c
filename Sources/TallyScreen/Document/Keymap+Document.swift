extension Keymap {
    /// Keys in the document overlay: j/k and arrows by a line, space and PgDn/PgUp by a page,
    /// g/G to either end; Esc or r closes it.
    func scroll(_ document: DocumentView, key: Key, view: inout ViewState, size: Size) -> [ConsoleCommand] {
        let page = max(1, size.height - 8)
        var next = document
        switch key {
        case .escape, .character("r"), .enter:
            view.overlay = nil
            return []
        case .character("j"), .down: next.scroll += 1
        case .character("k"), .up: next.scroll -= 1
        case .character(" "), .pageDown: next.scroll += page
        case .pageUp: next.scroll -= page
        case .character("g"), .home: next.scroll = 0
        case .character("G"), .end: next.scroll = Int.max / 2
        default: return []
        }
        next.scroll = max(0, next.scroll)
        view.overlay = .document(next)
        return []
    }
}
