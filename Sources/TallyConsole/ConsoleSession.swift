import Foundation
import Glibc
import Logging
import TallyBus
import TallyConfig
import TallyCore
import TallyHub
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
        var recorder: Recorder?
        /// Receives the engine's notifications once their audit lines are stored.
        var notify: (([AlertNotification]) -> Void)?
        /// Keeps every applied envelope in memory (a training session, scored at its end).
        var keepsApplied = false
    }

    var timeline: any SessionTimeline
    let options: ConsoleOptions
    let logger: Logger
    let upstream: ConsoleUpstream
    private let wake: WakePipe
    let themes: ThemeCatalog
    private let notice: String?
    let ledger: Ledger
    var state: ConsoleState { ledger.state }
    var view = ViewState()
    var theme: Theme
    var frames = FramePolicy()
    private let keymap: Keymap
    private let localID: String
    let runbooks: RunbookLibrary
    let handovers: Handovers
    /// The site this console watches, for what it writes.
    let site: String?

    /// A console on the bus of this process, keeping the store `options.storePath` names (a
    /// throwaway one in memory when it names none).
    convenience init(timeline: any SessionTimeline, bus: Bus, options: ConsoleOptions, notice: String? = nil,
                     outlets: Outlets = Outlets(), logger: Logger) throws {
        let rules = options.config.alerting.rules, roster = options.config.roster
        let store: AlertStore, state: ConsoleState
        if let path = options.storePath {
            store = try AlertStore.open(path: path)
            for entry in store.quarantined { logger.error("store row quarantined", metadata: ["store": "\(path)", "row": "\(entry)"]) }
            state = try store.restoredConsole(rules: rules, roster: roster)
        } else {
            store = try AlertStore.inMemory()
            state = ConsoleState(rules: rules, roster: roster)
        }
        let wake = try WakePipe()
        // Subscribed from the start, so that nothing published before `run` is missed.
        let subscription = bus.subscribe(capacity: 8192, onReady: { wake.wake() })
        let ledger = Ledger(state: state, store: store, recorder: outlets.recorder, notify: outlets.notify, keepsApplied: outlets.keepsApplied,
                            logger: logger)
        self.init(timeline: timeline, upstream: .bus(bus, subscription), wake: wake, ledger: ledger, options: options, notice: notice, logger: logger)
    }

    init(timeline: any SessionTimeline, upstream: ConsoleUpstream, wake: WakePipe, ledger: Ledger, options: ConsoleOptions,
         notice: String? = nil, logger: Logger) {
        self.timeline = timeline
        self.upstream = upstream
        self.wake = wake
        self.ledger = ledger
        self.options = options
        self.notice = notice
        self.logger = logger
        self.themes = ThemeCatalog(directories: options.themeDirectories)
        self.runbooks = RunbookLibrary(config: options.runbooks)
        self.handovers = options.handovers
        self.site = options.site
        self.theme = themes.theme(named: options.themeName) ?? .builtIn
        let localID = "console-\(ProcessInfo.processInfo.processIdentifier)"
        self.localID = localID
        self.keymap = Keymap(operatorName: options.operatorName, channel: "key:" + localID + (options.remote.map { " " + $0 } ?? ""))
    }

    /// How this console's own actions come back: its id on the local bus, or the name the hub gave its connection.
    var consoleID: String { upstream.connection ?? localID }

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
        defer { ledger.close() }
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
            upstream.publish(timeline.takeDue(atWall: now, state: state))
            if let message = timeline.takeMessage() {
                logger.notice("\(message)")
                view.message = message
                frames.changed(urgent: true)
            }
            applyDeliveries()
            ledger.advance(to: timeline.now(atWall: now))
            ledger.flushRecordingIfDue()
            showProblems()
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
            if frames.isDue(at: now) { frames.noteOutput(isBackedUp: terminal.isOutputBackedUp) }
            if frames.isDue(at: now) {
                let canvas = Screen.render(state: state, view: view, context: context, size: terminal.size)
                let started = MonotonicClock.now()
                terminal.paint(canvas)
                // A paint that had to wait for the terminal to take its bytes: the link is slow.
                if MonotonicClock.now() - started > FramePolicy.blockedPaintSeconds { frames.noteOutput(isBackedUp: true) }
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

    /// Applies what arrived (a hub's snapshot replaces the state): recorded when recording,
    /// its audit lines stored, then its notifications sent; a receipt for this console's own
    /// action goes to the footer once it is stored.
    func applyDeliveries() {
        var receipt: String?
        var batch: [Envelope] = []
        for item in upstream.take() {
            switch item {
            case .envelope(let envelope):
                batch.append(envelope)
            case .snapshot(let snapshot):
                applyBatch(&batch, receipt: &receipt)
                ledger.replace(with: snapshot)
                frames.changed(urgent: true)
            case .notice(let text):
                view.message = text
                frames.changed(urgent: true)
            }
        }
        applyBatch(&batch, receipt: &receipt)
        showProblems()
    }

    private func applyBatch(_ batch: inout [Envelope], receipt: inout String?) {
        guard !batch.isEmpty else { return }
        let stored = ledger.apply(batch) { envelope, applied in
            if envelope.console == consoleID {
                receipt = Receipt.message(for: envelope.event, outcome: applied, state: state) ?? receipt
            } else if case .reminder(let reminder) = envelope.event {
                view.message = reminder.text
            }
            frames.changed(urgent: envelope.event.isUrgentOnScreen)
        }
        batch = []
        if stored, let receipt { view.message = receipt }
    }

    /// Puts a failure to keep the record (store, recording) on screen.
    private func showProblems() {
        guard let problem = ledger.takeProblem() else { return }
        view.message = problem
        frames.changed(urgent: true)
    }

    private func context(at wall: Double, glyphs: Glyphs) -> ScreenContext {
        ScreenContext(
            mode: timeline.mode(atWall: wall),
            now: Instant(millisecondsSinceEpoch: timeline.now(atWall: wall).millisecondsSinceEpoch / 1000 * 1000),
            operatorName: options.operatorName, glyphs: glyphs,
            utcOffsetSeconds: TimeZone.current.secondsFromGMT(), notice: notice, isOutputSlow: frames.isSlowed, strip: timeline.strip)
    }

    /// Milliseconds to wait: until the next envelope is due, the shown second changes, or a
    /// frame waiting to be drawn is due; forever (-1) when paused with nothing pending.
    private func timeout(now: Double) -> Int32 {
        let candidates = [timeline.secondsUntilNextDue(atWall: now), timeline.secondsUntilNextSecond(atWall: now),
                          frames.nextFrame.map { $0 - now }].compactMap { $0 }
        guard let seconds = candidates.min() else { return -1 }
        return Int32(saturating: min(60_000, max(1, seconds * 1000)))
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
