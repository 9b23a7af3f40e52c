import Foundation
import TallyConfig
import TallyCore
import TallyScreen

/// The console as a value: the console state, this console's view and its frame policy, changed
/// only by `update(_:)`, which answers each message with the effects the runner must carry out.
/// Its fields are changed by `update` alone (the runner only reads them). Pure: it reads no clock, file or socket; time arrives in messages. Every change of the
/// console state goes through here: envelopes (which run the alert timers due by their time),
/// restarts (a hub's snapshot, a seek, a cut recording's start), and nothing else.
public struct ConsoleModel {
    /// What a console is, fixed for its session (or changed only by its runner: the glyphs the
    /// terminal can show, the name a hub gives the connection).
    public struct Settings {
        public var operatorName: String
        /// The console id carried as the channel of this console's actions (`key:console-42 ssh:10.0.0.5`).
        public var channel: String
        /// How this console's own actions come back: its id on the local bus, or the hub's name for the connection.
        public var consoleID: String
        /// Whether this console decides the alert timers (on its own bus) or shows a hub's decisions.
        public var decidesTimers: Bool
        /// Whether this console keeps the record (recording, store, notifiers) or a hub does.
        public var keepsRecord: Bool
        public var site: String?
        /// A standing notice for the header (lines skipped in a recording).
        public var notice: String?
        public var utcOffsetSeconds: Int
        public var glyphs: Glyphs = .unicode
        /// How many colours the terminal shows (0, 8, 16 or 256).
        public var colors = 256
        /// The key table (`keys.yaml`, or the standard keys).
        public var bindings = KeyBindings.standard

        public init(operatorName: String, channel: String, consoleID: String, isAttached: Bool, site: String? = nil, notice: String? = nil,
             utcOffsetSeconds: Int = 0) {
            self.operatorName = operatorName
            self.channel = channel
            self.consoleID = consoleID
            self.decidesTimers = !isAttached
            self.keepsRecord = !isAttached
            self.site = site
            self.notice = notice
            self.utcOffsetSeconds = utcOffsetSeconds
        }
    }

    public internal(set) var state: ConsoleState
    public internal(set) var view = ViewState()
    var frames = FramePolicy()
    public internal(set) var theme: Theme
    public let themes: ThemeCatalog
    public var settings: Settings
    public internal(set) var size: Size
    /// The last tick: the moment shown, the mode and the replay's strip.
    public internal(set) var clock: ConsoleTick
    /// The context of the last frame drawn, to tell whether the next one changes anything.
    var drawnContext: ScreenContext?
    /// The last frame painted and the header's figure it showed, for a clock frame to redraw the clock on.
    var drawnFrame: (canvas: Canvas, viewersAtRisk: Int)?
    /// The answer to this console's own action, shown once the store has it.
    var pendingReceipt: String?
    /// A jump to an alert handed out envelopes; the newest alert is selected once they are applied.
    var isJumping = false
    /// The deadline an `alert.timers` envelope was published for, until an envelope is applied.
    var timersAskedFor: Instant?
    /// Counts changes of the state, so that the panes' rows are worked out again only after one.
    var generation = 0
    /// The panes' rows of the last frame or key, and what they were worked out from.
    var paneRows: (basis: RowsBasis, rows: PaneRows)?
    /// What the report overlay is computed from: every envelope applied since this console took its state.
    var nightFacts: ReportFacts
    /// The diaries of the events in progress, kept where this console decides and keeps the record.
    var diaries = EventDiaries()

    /// What the panes' rows depend on.
    struct RowsBasis: Equatable {
        var generation: Int
        var view: ViewState
        var context: ScreenContext
        var size: Size
    }

    public init(state: ConsoleState, settings: Settings, themes: ThemeCatalog, themeName: String, size: Size = Size(width: 80, height: 24),
         clock: ConsoleTick) {
        self.state = state
        nightFacts = ReportFacts(seededFrom: state)
        self.settings = settings
        self.themes = themes
        self.theme = themes.theme(named: themeName) ?? .builtIn
        self.size = size
        self.clock = clock
        frames.changed(urgent: true)
    }

    /// The one door: applies `message` and returns what the world must do about it, in order.
    public mutating func update(_ message: ConsoleMessage) -> [ConsoleEffect] {
        switch message {
        case .envelopes(let batch): return apply(batch)
        case .restart(let snapshot, let reason): return restart(from: snapshot, reason: reason)
        case .key(let key): return press(key)
        case .tick(let tick): return advance(to: tick)
        case .resize(let size):
            self.size = size
            frames.changed(urgent: true)
        case .signal(let signal): return receive(signal)
        case .replayAnswered(let response, let command): return follow(response, of: command)
        case .stored(let problem):
            say(problem ?? pendingReceipt)
            pendingReceipt = nil
        case .handoverSaved(let result): return handoverSaved(result)
        case .documentOpened(let document):
            view.overlay = .document(document)
            frames.changed(urgent: true)
        case .notice(let text): say(text)
        case .paintWasSlow: frames.noteOutput(isBackedUp: true)
        }
        return []
    }

    /// What the screen shows now (for the runner's first look and for tests).
    public var context: ScreenContext {
        ScreenContext(mode: clock.mode, now: Instant(millisecondsSinceEpoch: clock.now.millisecondsSinceEpoch / 1000 * 1000),
                      operatorName: settings.operatorName, glyphs: settings.glyphs, utcOffsetSeconds: settings.utcOffsetSeconds,
                      notice: settings.notice, isOutputSlow: frames.isSlowed, strip: clock.strip, bindings: settings.bindings,
                      colors: settings.colors)
    }

    /// The frame as it would be drawn now (in `context`, when given: the one a tick decided to draw).
    public mutating func render(in context: ScreenContext? = nil) -> Canvas {
        let shown = context ?? self.context
        let rows = currentRows(in: shown)
        return Screen.render(state: state, view: view, context: shown, size: size, rows: rows)
    }

    /// The panes' rows as this frame draws them: worked out once, shared by the screen and the keys.
    mutating func currentRows(in context: ScreenContext? = nil) -> PaneRows {
        let context = context ?? self.context
        let basis = RowsBasis(generation: generation, view: view, context: context, size: size)
        if let paneRows, paneRows.basis == basis { return paneRows.rows }
        let rows = PaneRows(state: state, view: view, context: context, size: size)
        paneRows = (basis, rows)
        return rows
    }

    /// Puts a one-line answer in the footer (nil leaves it as it is), drawn at once.
    mutating func say(_ text: String?) {
        guard let text else { return }
        view.message = text
        frames.changed(urgent: true)
    }

    private mutating func receive(_ signal: Int32) -> [ConsoleEffect] {
        switch signal {
        case SIGHUP: [.log(.notice, "terminal hung up; exiting", [:]), .quit(.hangUp)]
        case SIGTERM: [.log(.notice, "terminated", [:]), .quit(.terminated)]
        case SIGINT: [.quit(.interrupted)]
        case SIGUSR1: [.reloadSchedule]
        default: []
        }
    }
}
