import TallyLive
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

/// The console on this process's terminal (`tally demo`, `tally run`, `tally attach`): a thin
/// runner around `ConsoleModel`. It waits in `poll` on the keyboard and a wake pipe (bus
/// deliveries, signals) with a timeout set by the next due envelope, clock tick or frame, so an
/// idle console uses no CPU; turns what arrived into messages for the model; and carries out
/// the effects the model returns, in order (`ConsoleSession+Effects.swift`).
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

    /// How the session ended, as the process exit status.
    public typealias Ending = ConsoleEnding

    var timeline: any SessionTimeline
    let options: ConsoleOptions
    let logger: Logger
    let upstream: ConsoleUpstream
    private let wake: WakePipe
    let keeper: RecordKeeper
    let runbooks: RunbookLibrary
    /// This console's id on the local bus.
    private let localID: String
    private(set) var model: ConsoleModel
    /// The terminal while `run` owns it.
    private(set) var terminal: Terminal?
    /// Why `keys.yaml` was refused, if it was.
    private let keysProblem: ConfigProblem?

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
        let keeper = RecordKeeper(store: store, recorder: outlets.recorder, notify: outlets.notify, keepsApplied: outlets.keepsApplied,
                                  logger: logger)
        self.init(timeline: timeline, upstream: .bus(bus, subscription), wake: wake, state: state, keeper: keeper, options: options,
                  notice: notice, logger: logger)
    }

    init(timeline: any SessionTimeline, upstream: ConsoleUpstream, wake: WakePipe, state: ConsoleState, keeper: RecordKeeper,
         options: ConsoleOptions, notice: String? = nil, logger: Logger) {
        self.timeline = timeline
        self.upstream = upstream
        self.wake = wake
        self.keeper = keeper
        self.options = options
        self.logger = logger
        self.runbooks = RunbookLibrary(config: options.runbooks)
        let localID = "console-\(ProcessInfo.processInfo.processIdentifier)"
        self.localID = localID
        let keys = KeyBindingsParser.load(directory: options.configDirectory ?? ConsoleConfig.directory())
        keysProblem = keys.problem
        var settings = ConsoleModel.Settings(
            operatorName: options.operatorName, channel: "key:" + localID + (options.remote.map { " " + $0 } ?? ""),
            consoleID: upstream.connection ?? localID, isAttached: upstream.isHub, site: options.site,
            notice: notice, utcOffsetSeconds: TimeZone.current.secondsFromGMT())
        settings.bindings = keys.bindings
        let wall = MonotonicClock.now()
        model = ConsoleModel(state: state, settings: settings, themes: ThemeCatalog(directories: options.themeDirectories),
                             themeName: options.themeName,
                             clock: ConsoleTick(wall: wall, now: timeline.now(atWall: wall), mode: timeline.mode(atWall: wall), strip: timeline.strip))
    }

    /// The console state now.
    var state: ConsoleState { model.state }

    /// How this console's own actions come back: its id on the local bus, or the name the hub gave its connection.
    var consoleID: String { upstream.connection ?? localID }

    /// Runs until the operator quits or a signal ends it; the terminal is restored in every case.
    public func run() throws -> Ending {
        reportStartupProblems()
        let signals = SignalWatcher(waking: { [wake] in wake.wake() })
        defer { signals.stop() }
        let terminal = try Terminal.open(environment: ProcessInfo.processInfo.environment)
        self.terminal = terminal
        defer {
            terminal.close()
            self.terminal = nil
        }
        defer { keeper.close() }
        terminal.apply(model.theme)
        model.settings.glyphs = options.forcesASCII || !terminal.supportsUnicode ? .ascii : .unicode
        model.settings.colors = terminal.colorDepth.rawValue
        logger.info("console started", metadata: [
            "size": "\(terminal.size)", "colors": "\(terminal.colorDepth.rawValue)", "glyphs": "\(model.settings.glyphs == .ascii ? "ascii" : "unicode")",
            "mode": "\(timeline.mode(atWall: MonotonicClock.now()))", "theme": "\(model.theme.name)",
        ])
        if let ending = send(.resize(terminal.size)) { return ending }
        while true {
            if let ending = turn(signals: signals.take(), terminal: terminal) { return ending }
            let wall = MonotonicClock.now()
            guard wait(on: terminal, timeout: timeout(now: wall)) else {
                logger.notice("terminal gone without a hang-up signal; exiting")
                return .hangUp
            }
        }
    }

    /// One turn of the loop: signals, what fell due, deliveries, keys, then the tick that draws.
    private func turn(signals received: Set<Int32>, terminal: Terminal) -> Ending? {
        // A hang-up or a stop comes before anything else that arrived with it.
        for signal in [SIGHUP, SIGTERM, SIGINT, SIGWINCH, SIGUSR1] where received.contains(signal) {
            if signal == SIGWINCH { terminal.handleResizeSignal() }
            if let ending = send(signal == SIGWINCH ? .resize(terminal.size) : .signal(signal)) { return ending }
        }
        wake.drain()
        let wall = MonotonicClock.now()
        upstream.publish(timeline.takeDue(atWall: wall, state: model.state))
        if let message = timeline.takeMessage() {
            logger.notice("\(message)")
            if let ending = send(.notice(message)) { return ending }
        }
        if let ending = deliver() { return ending }
        keeper.flushRecordingIfDue()
        if let problem = keeper.takeProblem(), let ending = send(.notice(problem)) { return ending }
        while let input = terminal.readInput() {
            let message: ConsoleMessage = switch input {
            case .key(let key): .key(key)
            case .resize: .resize(terminal.size)
            }
            if let ending = send(message) { return ending }
        }
        // This console's actions are applied and stored before the frame shows them done.
        if let ending = deliver() { return ending }
        let now = MonotonicClock.now()
        return send(.tick(ConsoleTick(wall: now, now: timeline.now(atWall: now), mode: timeline.mode(atWall: now), strip: timeline.strip,
                                      isOutputBackedUp: terminal.isOutputBackedUp)))
    }

    /// Hands what arrived to the model: runs of envelopes as one batch each, a hub's snapshot
    /// as a restart, the link's notices for the footer.
    func deliver() -> Ending? {
        model.settings.consoleID = consoleID
        var batch: [Envelope] = []
        for item in upstream.take() {
            switch item {
            case .envelope(let envelope):
                batch.append(envelope)
                continue
            case .snapshot(let snapshot):
                if let ending = send(.envelopes(batch)) ?? send(.restart(snapshot, .hubSnapshot)) { return ending }
            case .notice(let text):
                if let ending = send(.envelopes(batch)) ?? send(.notice(text)) { return ending }
            }
            batch = []
        }
        return send(.envelopes(batch))
    }

    /// Updates the model with `message` and carries out its effects; how the session ends, if it does.
    @discardableResult
    func send(_ message: ConsoleMessage) -> Ending? {
        perform(model.update(message))
    }

    private func reportStartupProblems() {
        for problem in model.themes.problems { logger.warning("theme rejected: \(problem)") }
        if model.themes.theme(named: options.themeName) == nil {
            logger.warning("no theme named \(options.themeName); using default")
        }
        for file in options.config.loaded { logger.info("configuration read", metadata: ["file": "\(file)"]) }
        for problem in options.config.problems + [keysProblem].compactMap({ $0 }) {
            logger.error("configuration rejected; built-in used instead: \(problem)")
            send(.notice("config: \(problem) (built-in used)"))
        }
    }

    /// Milliseconds to wait: until the next envelope is due, the shown second changes, or a
    /// frame waiting to be drawn is due; forever (-1) when paused with nothing pending.
    private func timeout(now: Double) -> Int32 {
        let candidates = [timeline.secondsUntilNextDue(atWall: now), timeline.secondsUntilNextSecond(atWall: now),
                          model.secondsUntilFrame(atWall: now)].compactMap { $0 }
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
