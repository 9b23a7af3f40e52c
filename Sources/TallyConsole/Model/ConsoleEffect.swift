import TallyLive
import Logging
import TallyCore
import TallyScreen

/// What `ConsoleModel.update` asks of the world, run at the edge by the runner in the order
/// given. The order keeps the console's promises: `record` and `store` come before the frame
/// that shows what they keep, and `notify` after `store`.
public enum ConsoleEffect {
    /// Send an operator's event (an action, a silence, a tick, a handover) to the bus or the hub.
    case send(BusEvent)
    /// Publish envelopes onto this process's bus (the replay's, a timer decision); the runner
    /// then delivers what the bus holds.
    case publish([Envelope])
    /// Append applied envelopes to the recording.
    case record([Envelope])
    /// Store audit lines and action keys; the answer comes back as `stored`.
    case store(StoreWrite)
    /// Hand notifications to the notifiers.
    case notify([AlertNotification])
    /// Draw this frame.
    case paint(Canvas)
    /// Use this theme's colours from the next frame.
    case useTheme(Theme)
    /// Save the shift handover; the answer comes back as `handoverSaved`.
    case saveHandover(HandoverDraft)
    /// Save the after-show report of an event whose day closed (only where the console decides).
    case saveAfterShow(EventDiary)
    /// Find the runbook of an alert; it comes back as `documentOpened`.
    case openRunbook(Alert)
    /// Ask the replay to do a replay key; the answer comes back as `replayAnswered`.
    case controlReplay(ConsoleCommand)
    /// Read the schedule again.
    case reloadSchedule
    /// Write a line to the log file.
    case log(Logger.Level, String, Logger.Metadata)
    /// End the session with this status.
    case quit(ConsoleEnding)
}

/// A handover written and waiting to be saved.
public struct HandoverDraft: Equatable {
    public var author: String
    public var note: String
    public var markdown: String
    public var at: Instant
    public var isDemo: Bool
}

/// How a console session ended, as the process exit status.
public enum ConsoleEnding: Int32, Sendable {
    case quit = 0
    case interrupted = 130
    case hangUp = 129
    case terminated = 143
}
