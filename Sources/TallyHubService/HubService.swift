import Logging
import TallyBus
import TallyCore
import TallyHub
import TallyLive
import TallyRoom
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
    /// The SQLite store of a hub on its own; none when the room is shared (the room's log is the record).
    private let store: AlertStore?
    /// The link to the room's log when sites share one: what happens here goes there, and what is
    /// applied comes from there, in the room's order.
    private let roomLink: RoomLink?
    /// Keys of the operator actions applied (the last week's, from the store, and this run's).
    private var appliedKeys: Set<String>

    /// A hub on its own (`store`), or one site of a shared room (`room`, and no store).
    init(live: LiveRun, store: AlertStore?, room: RoomAddress? = nil) throws {
        bus = live.bus
        let wakeup = HubWakeup()
        self.wakeup = wakeup
        subscription = bus.subscribe(capacity: 1 << 16, onReady: { wakeup.wake() })
        let config = live.options.config
        let room = room.map { RoomLink(address: $0, site: live.run.site ?? "", logger: live.logger, arrived: { wakeup.wake() }) }
        state = try store?.restoredConsole(rules: config.alerting.rules, roster: config.roster) ?? ConsoleState(rules: config.alerting.rules, roster: config.roster)
        let notifications = live.notifications
        // Pages go out where the room's timers are decided: here alone, unless the room is shared and another hub holds its lease.
        keeper = RecordKeeper(store: store, recorder: live.recorder, notify: { notices in
            if room?.status.decides ?? true { notifications.enqueue(notices) }
        }, logger: live.logger)
        timeline = live.timeline
        logger = live.logger
        site = live.run.site
        appliedKeys = try store?.actionKeys(since: WallClock.now().adding(seconds: -7 * 86_400)) ?? []
        self.live = live
        self.store = store
        self.roomLink = room
    }

    /// Whether this hub decides the timers: always on its own, only with the room's lease when shared.
    private var decides: Bool { roomLink?.status.decides ?? true }

    /// The schedule published, the monitors started and the room linked, once the server listens.
    func start() {
        roomLink?.start()
        live.start()
    }

    func now() -> Instant { WallClock.now() }

    func turn() -> [Envelope] {
        for envelope in timeline.takeDue(atWall: 0, state: state) { bus.publish(envelope) }
        if let message = timeline.takeMessage() { logger.notice("\(message)") }
        // The hub decides the alert timers, on the bus, so that every console applies the decision as it arrives.
        if decides, let timers = state.timersDue(at: now(), source: "engine") {
            bus.publish(timers.event, at: timers.timestamp, source: timers.source, site: site)
        }
        let local = subscription.drain()
        let envelopes: [Envelope]
        if let roomLink {
            roomLink.submit(local)
            envelopes = roomLink.take().map(\.envelope)
        } else {
            envelopes = local
        }
        if let problem = keeper.keep(state.settle(envelopes), engine: state.alerting) { logger.error("\(problem)") }
        keeper.flushRecordingIfDue()
        if let problem = keeper.takeProblem() { logger.error("\(problem)") }
        return envelopes
    }

    /// With no terminal to lose, a hang-up asks a daemon to read its configuration again.
    func reload() { timeline.requestReload() }

    func close() {
        if let roomLink {
            if !roomLink.flush(within: 5) { logger.error("the room's log did not take everything before the stop", metadata: ["queued": "\(roomLink.status.queued)"]) }
            roomLink.stop()
        }
        keeper.close()
        do {
            try store?.close()
            logger.info("recording flushed and store closed")
        } catch {
            logger.error("store not closed cleanly", metadata: ["error": "\(error)"])
        }
    }

    func secondsUntilDue() -> Double? {
        let timer = state.nextTimer().map { max(0, $0.seconds(since: now())) }
        return [timeline.secondsUntilNextDue(atWall: 0), timer].compactMap { $0 }.min()
    }

    var room: HubMessage.Tick.Room? {
        guard let status = roomLink?.status else { return nil }
        let sites = status.sites.map { HubMessage.Tick.Room.Site(name: $0.name, heard: Int(saturating: $0.secondsSinceHeard)) }
        let decides = status.sites.first { $0.decides && $0.secondsSinceHeard <= Double(RoomLink.leaseSeconds) }?.name
        return HubMessage.Tick.Room(sites: sites, decides: decides, linked: status.isConnected, queued: status.queued)
    }

    var health: HubHealth {
        var problems: [String] = []
        if let failure = keeper.storeFailure { problems.append("the store cannot be written: \(failure)") }
        if let failure = keeper.recordingFailure { problems.append("the recording is failing: \(failure)") }
        if let roomLink, !roomLink.status.isConnected { problems.append("the room's database is not reachable: \(roomLink.status.problem ?? "connecting")") }
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
