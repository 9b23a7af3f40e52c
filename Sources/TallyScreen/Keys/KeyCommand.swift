/// What a key can be bound to: the names `keys.yaml` uses.
public enum KeyCommand: String, CaseIterable, Sendable {
    case nextPane = "next-pane", previousPane = "previous-pane"
    case eventsPane = "events-pane", feedsPane = "feeds-pane", viewersPane = "viewers-pane", alertsPane = "alerts-pane"
    case down, up
    case pageDown = "page-down", pageUp = "page-up"
    case first, last
    case details, help, filter
    case clearFilter = "clear-filter"
    case commandLine = "command-line"
    case ack, unack, escalate, resolve, silence, silences, checklist, runbook, handover, rundown, report, fold, theme, quit
    // A replay's keys.
    case pause, step, faster, slower
    case nextAlert = "next-alert", previousAlert = "previous-alert"
    case goTo = "go-to"
    case back, ahead
}

/// Where a binding applies: the panes of any console, or a replay's controls (which win over a
/// panes binding of the same key while a recording plays: `g` goes to a moment there).
public enum KeyMode: String, Sendable, Hashable {
    case panes, replay
}
