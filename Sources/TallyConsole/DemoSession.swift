import Foundation
import Glibc
import Logging
import TallyBus
import TallyConfig
import TallyCore
import TallyScreen
import TallyStore
import TallyTerminal

/// `tally demo`: replays a recording through the bus onto the real console.
///
/// One loop owns the console state and the view. It waits in `poll` on the keyboard and a wake
/// pipe (bus deliveries, signals) with a timeout set by the next due envelope, clock tick or
/// frame, so an idle console uses no CPU; `FramePolicy` decides when to draw, and only the
/// cells that changed are painted.
public final class DemoSession {
    private let recording: Recording
    private let options: DemoOptions
    private let logger: Logger
    private let bus = Bus()
    private let themes: ThemeCatalog
    private var state = ConsoleState()
    private var view = ViewState()
    private var theme: Theme
    private var player: RecordingPlayer
    private var frames = FramePolicy()
    private let keymap: Keymap
    private let consoleID: String
    private let store: AlertStore

    public init(recording: Recording, options: DemoOptions, logger: Logger) throws {
        self.recording = recording
        self.options = options
        self.logger = logger
        self.themes = ThemeCatalog(directories: options.themeDirectories)
        self.theme = themes.theme(named: options.themeName) ?? .builtIn
        self.player = RecordingPlayer(recording: recording, speed: options.speed, paused: options.startsPaused, atWall: MonotonicClock.now())
        self.consoleID = "console-\(ProcessInfo.processInfo.processIdentifier)"
        self.keymap = Keymap(operatorName: options.operatorName, channel: "key:" + consoleID + (options.remote.map { " " + $0 } ?? ""))
        let rules = options.config.alerting.rules, roster = options.config.roster
        if let path = options.storePath {
            store = try AlertStore.open(path: path)
            state = try store.restoredConsole(rules: rules, roster: roster)
        } else {
            store = try AlertStore.inMemory()
            state = ConsoleState(rules: rules, roster: roster)
        }
    }

    /// How the session ended, as the process exit status.
    public enum Ending: Int32 {
        case quit = 0
        case interrupted = 130
        case hangUp = 129
        case terminated = 143
    }

    /// Runs until the operator quits or a signal ends it; the terminal is restored in every case.
    public func run() throws -> Ending {
        for problem in themes.problems { logger.warning("theme rejected: \(problem)") }
        if themes.theme(named: options.themeName) == nil {
            logger.warning("no theme named \(options.themeName); using default")
        }
        for issue in recording.issues { logger.warning("recording: \(issue)") }
        for file in options.config.loaded { logger.info("configuration read", metadata: ["file": "\(file)"]) }
        for problem in options.config.problems {
            logger.error("configuration rejected; built-in used instead: \(problem)")
            view.message = "config: \(problem) (built-in used)"
        }
        let wake = try WakePipe()
        let signals = SignalWatcher(waking: wake)
        defer { signals.stop() }
        let terminal = try Terminal.open(environment: ProcessInfo.processInfo.environment)
        defer { terminal.close() }
        terminal.apply(theme)
        let subscription = bus.subscribe(capacity: 8192, onReady: { wake.wake() })
        let glyphs: Glyphs = options.forcesASCII || !terminal.supportsUnicode ? .ascii : .unicode
        logger.info("demo started", metadata: [
            "size": "\(terminal.size)", "colors": "\(terminal.colorDepth.rawValue)", "glyphs": "\(glyphs == .ascii ? "ascii" : "unicode")",
            "envelopes": "\(recording.envelopes.count)", "theme": "\(theme.name)",
        ])
        var lastContext: ScreenContext?
        frames.changed(urgent: true)
        while true {
            let received = signals.take()
            if received.contains(SIGHUP) { logger.notice("terminal hung up; exiting"); return .hangUp }
            if received.contains(SIGTERM) { logger.notice("terminated"); return .terminated }
            if received.contains(SIGINT) { return .interrupted }
            if received.contains(SIGWINCH) { terminal.handleResizeSignal(); frames.changed(urgent: true) }
            wake.drain()

            let now = MonotonicClock.now()
            for envelope in player.takeDue(atWall: now) { bus.publish(envelope) }
            applyDeliveries(subscription)
            persist(state.advance(to: player.now(atWall: now)).records)
            while let input = terminal.readInput() {
                frames.changed(urgent: true)
                guard case .key(let key) = input else { continue }
                let commands = keymap.handle(key, view: &view, state: state, context: context(at: now, glyphs: glyphs), size: terminal.size)
                for command in commands {
                    if perform(command, at: now, terminal: terminal, subscription: subscription) { return .quit }
                }
            }
            // This console's actions are applied and stored before the frame shows them done.
            applyDeliveries(subscription)

            let context = context(at: MonotonicClock.now(), glyphs: glyphs)
            if context != lastContext { frames.changed(urgent: false) }
            if frames.isDue(at: now) {
                terminal.paint(Screen.render(state: state, view: view, context: context, size: terminal.size))
                frames.drew(at: now)
                lastContext = context
            }
            guard wait(on: terminal, wake: wake, timeout: timeout(now: now)) else {
                logger.notice("terminal gone without a hang-up signal; exiting")
                return .hangUp
            }
        }
    }

    private func applyDeliveries(_ subscription: Subscription) {
        var records: [AuditRecord] = []
        var receipt: String?
        for envelope in subscription.drain() {
            let outcome = state.apply(envelope)
            records += outcome.records
            if envelope.console == consoleID {
                receipt = Receipt.message(for: envelope.event, outcome: outcome, state: state) ?? receipt
            }
            frames.changed(urgent: envelope.event.isUrgentOnScreen)
        }
        if persist(records), let receipt { view.message = receipt }
    }

    /// Writes audit lines (and the alerts they touch) to the store; false, with the failure on
    /// screen and in the log, when the store refused them.
    @discardableResult
    private func persist(_ records: [AuditRecord]) -> Bool {
        guard !records.isEmpty else { return true }
        do {
            try store.save(records, from: state.alerting)
            return true
        } catch {
            logger.error("store write failed", metadata: ["error": "\(error)", "records": "\(records.count)"])
            view.message = "NOT SAVED — the store refused the write: \(error)"
            frames.changed(urgent: true)
            return false
        }
    }

    /// Runs one command; returns true to quit.
    private func perform(_ command: ConsoleCommand, at now: Double, terminal: Terminal, subscription: Subscription) -> Bool {
        switch command {
        case .quit:
            return true
        case .publish(let action):
            bus.publish(.operatorAction(action), at: player.now(atWall: now), source: "console", console: consoleID)
            logger.info("operator action", metadata: ["alert": "\(action.alertId)", "action": "\(action.action)", "actor": "\(action.actor)"])
        case .silence(let request):
            bus.publish(.silenceCreated(request), at: player.now(atWall: now), source: "console", console: consoleID)
            logger.info("silence", metadata: ["matchers": "\(request.matchers)", "actor": "\(request.actor)"])
        case .expireSilence(let expiry):
            bus.publish(.silenceExpired(expiry), at: player.now(atWall: now), source: "console", console: consoleID)
        case .cycleTheme:
            theme = themes.theme(after: theme.name)
            terminal.apply(theme)
            view.message = "theme \(theme.name)"
        case .togglePause:
            player.togglePause(atWall: now)
        case .faster:
            player.faster(atWall: now)
        case .slower:
            player.slower(atWall: now)
        case .jumpToNextAlert:
            let batch = player.skipToNextAlert(atWall: now)
            guard !batch.isEmpty else {
                view.message = "no more alerts in this recording"
                return false
            }
            for envelope in batch { bus.publish(envelope) }
            applyDeliveries(subscription)
            let newest = state.alerts.values.max { $0.raisedAt < $1.raisedAt }
            view.focus = .alerts
            view.selection[.alerts] = newest.map { "\($0.id)" }
            view.message = newest.map { "jumped to alert #\($0.id)" }
        }
        return false
    }

    private func context(at wall: Double, glyphs: Glyphs) -> ScreenContext {
        let now = player.now(atWall: wall)
        return ScreenContext(
            mode: .demo(speed: player.speed, isPaused: player.isPaused, isFinished: player.isFinished && now >= player.end),
            now: Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch / 1000 * 1000),
            operatorName: options.operatorName, glyphs: glyphs,
            utcOffsetSeconds: TimeZone.current.secondsFromGMT(), notice: RecordingSource.notice(for: recording))
    }

    /// Milliseconds to wait: until the next envelope is due, the shown second changes, or a
    /// frame waiting to be drawn is due; forever (-1) when paused with nothing pending.
    private func timeout(now: Double) -> Int32 {
        var seconds = player.secondsUntilNextDue(atWall: now)
        if !player.isPaused {
            let shown = player.now(atWall: now).millisecondsSinceEpoch
            let untilNextSecond = Double(1000 - shown % 1000) / 1000 / player.speed
            seconds = min(seconds ?? untilNextSecond, untilNextSecond)
        }
        if let frame = frames.nextFrame { seconds = min(seconds ?? .infinity, frame - now) }
        guard let seconds else { return -1 }
        return Int32(min(60_000, max(1, seconds * 1000)))
    }

    /// Sleeps until input, a wake-up or the timeout; returns false when the terminal has gone
    /// away (a dropped link can close it without any SIGHUP), so that the loop never spins on it.
    private func wait(on terminal: Terminal, wake: WakePipe, timeout: Int32) -> Bool {
        var descriptors = [
            pollfd(fd: terminal.inputDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.readDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        _ = poll(&descriptors, 2, timeout)
        return descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) == 0
    }
}
