import Logging
import TallyBus
import TallyCore
import TallyHub
import TallyLive
import TallyStore

/// The hub proper behind `tally serve`: the state, the store, the scheduler, the monitors and
/// the notifiers of a live run, with no screen. The server turns it; it decides the alert
/// timers (an `alert.timers` envelope when one falls due), applies what the bus brought
/// (stored before any console is sent it), and takes operator actions by idempotency
/// key, so that an action resent after a reconnect or a restart is applied once.
final class HubService: HubCore {
    private let bus: Bus
    private let subscription: Subscription
    let wakeup: HubWakeup
    private(set) var state: ConsoleState
    private let keeper: RecordKeeper
    private var timeline: LiveTimeline
    private let logger: Logger
    private let site: String?
    /// The run this hub serves: its sources start with the first turn (`MonitorsService` stops them).
    private let live: LiveRun
    private let store: AlertStore
    /// Keys of the operator actions applied (the last week's, from the store, and this run's).
    private var appliedKeys: Set<String>

    init(live: LiveRun, store: AlertStore) throws {
        bus = live.bus
        let wakeup = HubWakeup()
        self.wakeup = wakeup
        subscription = bus.subscribe(capacity: 1 << 16, onReady: { wakeup.wake() })
        let config = live.options.config
        state = try store.restoredConsole(rules: config.alerting.rules, roster: config.roster)
        let notifications = live.notifications
        keeper = RecordKeeper(store: store, recorder: live.recorder, notify: { notifications.enqueue($0) }, logger: live.logger)
        timeline = live.timeline
        logger = live.logger
        site = live.run.site
        appliedKeys = try store.actionKeys(since: WallClock.now().adding(seconds: -7 * 86_400))
        self.live = live
        self.store = store
    }

    /// The schedule published and the monitors started, once the server listens.
    func start() { live.start() }

    func now() -> Instant { WallClock.now() }

    func turn() -> [Envelope] {
        for envelope in timeline.takeDue(atWall: 0, state: state) { bus.publish(envelope) }
        if let message = timeline.takeMessage() { logger.notice("\(message)") }
        // The hub decides the alert timers, on the bus, so that every console applies the decision as it arrives.
        if let timers = state.timersDue(at: now(), source: "engine") { bus.publish(timers.event, at: timers.timestamp, source: timers.source, site: site) }
        let envelopes = subscription.drain()
        if let problem = keeper.keep(state.settle(envelopes), engine: state.alerting) { logger.error("\(problem)") }
        keeper.flushRecordingIfDue()
        if let problem = keeper.takeProblem() { logger.error("\(problem)") }
        return envelopes
    }

    /// With no terminal to lose, a hang-up asks a daemon to read its configuration again.
    func reload() { timeline.requestReload() }

    func close() {
        keeper.close()
        do {
            try store.close()
            logger.info("recording flushed and store closed")
        } catch {
            logger.error("store not closed cleanly", metadata: ["error": "\(error)"])
        }
    }

    func secondsUntilDue() -> Double? {
        let timer = state.nextTimer().map { max(0, $0.seconds(since: now())) }
        return [timeline.secondsUntilNextDue(atWall: 0), timer].compactMap { $0 }.min()
    }

    var health: HubHealth {
        var problems: [String] = []
        if let failure = keeper.storeFailure { problems.append("the store cannot be written: \(failure)") }
        if let failure = keeper.recordingFailure { problems.append("the recording is failing: \(failure)") }
        let lag = live.sources.lagSeconds
        if lag > 10 { problems.append("the monitors' thread is stalled: \(Int(saturating: lag)) s behind") }
        return HubHealth(problems: problems, storeWrites: keeper.storeWrites, monitorLagSeconds: lag)
    }

    func submit(_ event: BusEvent, key: String, connection: String) -> Bool {
        guard appliedKeys.insert(key).inserted else { return false }
        bus.publish(event, at: now(), source: "console", id: key, site: site, console: connection)
        return true
    }

    func ingest(_ event: BusEvent, source: String) {
        bus.publish(event, at: now(), source: source, site: site)
    }
}
