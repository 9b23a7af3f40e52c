import Foundation
import Glibc
import Logging
import TallyBus
import TallyConfig
import TallyCore
import TallyScreen
import TallyStore
import TallyTerminal

/// The console on this process's terminal: `tally demo` on a replayed recording, `tally run`
/// on live monitors. Both reach it the same way, through the bus.
///
/// One loop owns the console state and the view. It waits in `poll` on the keyboard and a wake
/// pipe (bus deliveries, signals) with a timeout set by the next due envelope, clock tick or
/// frame, so an idle console uses no CPU; `FramePolicy` decides when to draw, and only the
/// cells that changed are painted. Every batch of audit lines is stored before the frame that
/// shows it, and only then are its notifications sent.
public final class ConsoleSession {
    /// Where a session's traffic goes besides the screen and the store.
    struct Outlets {
        /// Receives every envelope the console applies: a recording of the session.
        var recorder: RecordingWriter?
        /// Receives the engine's notifications once their audit lines are stored.
        var notify: (([AlertNotification]) -> Void)?
    }

    var timeline: any SessionTimeline
    let options: ConsoleOptions
    let logger: Logger
    let bus: Bus
    private let subscription: Subscription
    private let wake: WakePipe
    let themes: ThemeCatalog
    private let notice: String?
    private var outlets: Outlets
    var state: ConsoleState
    var view = ViewState()
    var theme: Theme
    var frames = FramePolicy()
    private let keymap: Keymap
    let consoleID: String
    private let store: AlertStore
    let runbooks: RunbookLibrary
    let handovers: Handovers
    /// The site this console watches, for what it writes.
    let site: String?

    init(timeline: any SessionTimeline, bus: Bus, options: ConsoleOptions, notice: String? = nil, outlets: Outlets = Outlets(),
         logger: Logger) throws {
        self.timeline = timeline
        self.bus = bus
        self.options = options
        self.notice = notice
        self.outlets = outlets
        self.logger = logger
        self.themes = ThemeCatalog(directories: options.themeDirectories)
        self.runbooks = RunbookLibrary(config: options.runbooks)
        self.handovers = options.handovers
        self.site = options.site
        self.theme = themes.theme(named: options.themeName) ?? .builtIn
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
        // Subscribed from the start, so that nothing published before `run` is missed.
        let wake = try WakePipe()
        self.wake = wake
        self.subscription = bus.subscribe(capacity: 8192, onReady: { wake.wake() })
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
        reportStartupProblems()
        let signals = SignalWatcher(waking: wake)
        defer { signals.stop() }
        let terminal = try Terminal.open(environment: ProcessInfo.processInfo.environment)
        defer { terminal.close() }
        defer { closeRecorder() }
        terminal.apply(theme)
        let glyphs: Glyphs = options.forcesASCII || !terminal.supportsUnicode ? .ascii : .unicode
        logger.info("console started", metadata: [
            "size": "\(terminal.size)", "colors": "\(terminal.colorDepth.rawValue)", "glyphs": "\(glyphs == .ascii ? "ascii" : "unicode")",
            "mode": "\(timeline.mode(atWall: MonotonicClock.now()))", "theme": "\(theme.name)",
        ])
        var lastContext: ScreenContext?
        frames.changed(urgent: true)
        while true {
            let received = signals.take()
            if received.contains(SIGHUP) { logger.notice("terminal hung up; exiting"); return .hangUp }
            if received.contains(SIGTERM) { logger.notice("terminated"); return .terminated }
            if received.contains(SIGINT) { return .interrupted }
            if received.contains(SIGWINCH) { terminal.handleResizeSignal(); frames.changed(urgent: true) }
            if received.contains(SIGUSR1) { timeline.requestReload() }
            wake.drain()

            let now = MonotonicClock.now()
            for envelope in timeline.takeDue(atWall: now, state: state) { bus.publish(envelope) }
            if let message = timeline.takeMessage() {
                logger.notice("\(message)")
                view.message = message
                frames.changed(urgent: true)
            }
            applyDeliveries()
            settle(state.advance(to: timeline.now(atWall: now)))
            while let input = terminal.readInput() {
                frames.changed(urgent: true)
                guard case .key(let key) = input else { continue }
                let commands = keymap.handle(key, view: &view, state: state, context: context(at: now, glyphs: glyphs), size: terminal.size)
                for command in commands {
                    if perform(command, at: now, terminal: terminal) { return .quit }
                }
            }
            // This console's actions are applied and stored before the frame shows them done.
            applyDeliveries()

            let context = context(at: MonotonicClock.now(), glyphs: glyphs)
            if context != lastContext { frames.changed(urgent: false) }
            if frames.isDue(at: now) {
                terminal.paint(Screen.render(state: state, view: view, context: context, size: terminal.size))
                frames.drew(at: now)
                lastContext = context
            }
            guard wait(on: terminal, timeout: timeout(now: now)) else {
                logger.notice("terminal gone without a hang-up signal; exiting")
                return .hangUp
            }
        }
    }

    private func reportStartupProblems() {
        for problem in themes.problems { logger.warning("theme rejected: \(problem)") }
        if themes.theme(named: options.themeName) == nil {
            logger.warning("no theme named \(options.themeName); using default")
        }
        for file in options.config.loaded { logger.info("configuration read", metadata: ["file": "\(file)"]) }
        for problem in options.config.problems {
            logger.error("configuration rejected; built-in used instead: \(problem)")
            view.message = "config: \(problem) (built-in used)"
        }
    }

    /// Applies what the bus delivered: records it when recording, stores the audit lines it
    /// caused, then sends their notifications; a receipt for this console's own action goes
    /// to the footer once it is stored.
    func applyDeliveries() {
        var outcome = AlertingOutcome()
        var receipt: String?
        let envelopes = subscription.drain()
        for envelope in envelopes {
            let applied = state.apply(envelope)
            outcome.append(applied)
            if envelope.console == consoleID {
                receipt = Receipt.message(for: envelope.event, outcome: applied, state: state) ?? receipt
            } else if case .reminder(let reminder) = envelope.event {
                view.message = reminder.text
            }
            frames.changed(urgent: envelope.event.isUrgentOnScreen)
        }
        record(envelopes)
        if settle(outcome), let receipt { view.message = receipt }
    }

    /// Stores an outcome's audit lines (and the alerts they touch), then hands its
    /// notifications on; false, with the failure on screen and in the log, when the store
    /// refused the write. Notifications go out even then: a page matters more than its record.
    @discardableResult
    func settle(_ outcome: AlertingOutcome) -> Bool {
        var stored = true
        if !outcome.records.isEmpty {
            do {
                try store.save(outcome.records, from: state.alerting)
            } catch {
                logger.error("store write failed", metadata: ["error": "\(error)", "records": "\(outcome.records.count)"])
                view.message = "NOT SAVED — the store refused the write: \(error)"
                frames.changed(urgent: true)
                stored = false
            }
        }
        if !outcome.notifications.isEmpty { outlets.notify?(outcome.notifications) }
        return stored
    }

    private func record(_ envelopes: [Envelope]) {
        guard let recorder = outlets.recorder, !envelopes.isEmpty else { return }
        do {
            for envelope in envelopes { try recorder.append(envelope) }
            try recorder.flush()
        } catch {
            logger.error("recording stopped", metadata: ["error": "\(error)"])
            view.message = "recording stopped: \(error)"
            frames.changed(urgent: true)
            outlets.recorder = nil
        }
    }

    private func closeRecorder() {
        do { try outlets.recorder?.close() } catch { logger.error("recording not closed cleanly", metadata: ["error": "\(error)"]) }
    }

    private func context(at wall: Double, glyphs: Glyphs) -> ScreenContext {
        ScreenContext(
            mode: timeline.mode(atWall: wall),
            now: Instant(millisecondsSinceEpoch: timeline.now(atWall: wall).millisecondsSinceEpoch / 1000 * 1000),
            operatorName: options.operatorName, glyphs: glyphs,
            utcOffsetSeconds: TimeZone.current.secondsFromGMT(), notice: notice)
    }

    /// Milliseconds to wait: until the next envelope is due, the shown second changes, or a
    /// frame waiting to be drawn is due; forever (-1) when paused with nothing pending.
    private func timeout(now: Double) -> Int32 {
        let candidates = [timeline.secondsUntilNextDue(atWall: now), timeline.secondsUntilNextSecond(atWall: now),
                          frames.nextFrame.map { $0 - now }].compactMap { $0 }
        guard let seconds = candidates.min() else { return -1 }
        return Int32(min(60_000, max(1, seconds * 1000)))
    }

    /// Sleeps until input, a wake-up or the timeout; returns false when the terminal has gone
    /// away (a dropped link can close it without any SIGHUP), so that the loop never spins on it.
    private func wait(on terminal: Terminal, timeout: Int32) -> Bool {
        var descriptors = [
            pollfd(fd: terminal.inputDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.readDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        _ = poll(&descriptors, 2, timeout)
        return descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) == 0
    }
}
