import TallyCore

/// What a key asks of the world outside the view: run at the edge by the terminal loop.
public enum ConsoleCommand: Equatable, Sendable {
    /// Publish an operator action on the bus (the state changes when it comes back).
    case publish(OperatorAction)
    /// Publish a new silence on the bus.
    case silence(SilenceRequest)
    /// Publish the early end of a silence on the bus.
    case expireSilence(SilenceExpiry)
    /// Publish a checklist tick on the bus.
    case tickChecklist(ChecklistTick)
    /// Find and open the runbook of an alert (reading it is the edge's work).
    case openRunbook(AlertID)
    /// Open the report of the night so far (its facts are the console's).
    case openReport
    /// Write the shift handover with the outgoing operator's note, save it and publish it.
    case writeHandover(note: String)
    case quit
    /// Say this in the footer: the answer to a key that did nothing, and why.
    case say(String)
    case cycleTheme
    /// Use the theme of this name (`:theme`).
    case useTheme(String)
    case togglePause
    case faster
    case slower
    case jumpToNextAlert
    case jumpToPreviousAlert
    /// Replay: the next moment of the recording, then paused.
    case step
    /// Replay: go to a moment typed as `HH:MM:SS` since the start or an RFC 3339 time.
    case seek(String)
    /// Replay: move along the strip, back or ahead by this many hundredths of the recording.
    case nudge(Int)
}
