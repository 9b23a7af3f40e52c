/// A key press, decoded from the terminal.
public enum Key: Equatable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace
    /// Ctrl-C arrives as a signal, but in raw input it is a key too.
    case interrupt
}
