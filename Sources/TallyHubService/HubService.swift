import Logging
import TallyBus
import TallyCore
import TallyHub
import TallyLive
import TallyNotify
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
    /// While the site is cut off from the room: the room's state as last applied from its log.
    /// The consoles meanwhile see the local view (the room's state, then this site's own
    /// envelopes); when the link is back, the hub starts again from this and the log after it.
    private var roomCheckpoint: ConsoleState?
    /// Set when the state was replaced rather than advanced (the site rejoined its room).
    private var stateReplaced = false
    /// A site's metric samples, thinned on their way to the room's log (see `SampleThinning`).
    private var thinning = SampleThinning()
    /// When the content checks were last ranked by the audience.
    private var lastRanked = -Double.infinity
    /// When this hub last handed the room's state to be saved (it does every few minutes while it decides).
    private var lastSaved = MonotonicClock.now()
    private let notifications: NotificationQueue
    /// Keys of the operator actions applied (the last week's, from the store, and this run's).
    private var appliedKeys: Set<String>
    /// The days of the events in progress, each written as its after-show report when it closes (while this hub decides).
    private var diaries = EventDiaries()

    /// A hub on its own (`store`), or one site of a shared room (`room`, no store, and the
    /// operators' actions kept in `outbox` until the room's log has them).
    init(live: LiveRun, store: AlertStore?, room: RoomAddress? = nil, outbox: ActionOutbox? = nil) throws {
        bus = live.bus
        let wakeup = HubWakeup()
        self.wakeup = wakeup
        subscription = bus.subscribe(capacity: 1 << 16, onReady: { wakeup.wake() })
        let config = live.options.config
        let notifications = live.notifications
        let room = room.map {
            RoomLink(address: $0, site: live.run.site ?? "", logger: live.logger, outbox: outbox.map(Self.roomOutbox),
                     arrived: { wakeup.wake() }, send: { notifications.enqueue($0) })
        }
        state = try store?.restoredConsole(rules: config.alerting.rules, roster: config.roster) ?? ConsoleState(rules: config.alerting.rules, roster: config.roster)
        // A hub on its own pages as it decides; a site of a room through the room's outbox (see `page`).
        keeper = RecordKeeper(store: store, recorder: live.recorder, notify: room == nil ? { notifications.enqueue($0) } : nil, logger: live.logger)
        self.notifications = notifications
        timeline = live.timeline
        logger = live.logger
        site = live.run.site
        appliedKeys = try store?.actionKeys(since: WallClock.now().adding(seconds: -7 * 86_400)) ?? []
        self.live = live
        self.store = store
        self.roomLink = room
    }

    /// The link's view of the SQLite outbox.
    private static func roomOutbox(_ outbox: ActionOutbox) -> RoomLink.Outbox {
        RoomLink.Outbox(keep: { try outbox.keep($0) }, forget: { try outbox.forget($0) }, kept: { try outbox.kept() })
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
        // A site of a shared room announces the schedule's moments while it decides (or is cut off), so that the room hears each once.
        let schedules = decides || (roomLink?.status.isIsolated ?? false)
        for envelope in timeline.takeDue(atWall: 0, state: state, deciding: schedules) { bus.publish(envelope) }
        if let message = timeline.takeMessage() { logger.notice("\(message)") }
        // The hub decides the alert timers, on the bus, so that every console applies the decision as it arrives.
        if decides, let timers = state.timersDue(at: now(), source: "engine") {
            bus.publish(timers.event, at: timers.timestamp, source: timers.source, site: site)
        }
        let local = subscription.drain()
        let envelopes = roomLink.map { applied(local, through: $0) } ?? local
        let (settlement, closedDays) = state.settle(envelopes, diaries: &diaries)
        if let problem = keeper.keep(settlement, engine: state.alerting) { logger.error("\(problem)") }
        if decides { for diary in closedDays { writeAfterShow(diary) } }
        if let roomLink { page(settlement.outcome.notifications, through: roomLink) }
        if MonotonicClock.now() - lastRanked >= 10 {
            live.sources.rankContentChecks(by: state)
            lastRanked = MonotonicClock.now()
        }
        keeper.flushRecordingIfDue()
        if let problem = keeper.takeProblem() { logger.error("\(problem)") }
        return envelopes
    }

    /// Writes a closed day's after-show report next to the handovers; a failure is logged, the hub carries on.
    private func writeAfterShow(_ diary: EventDiary) {
        do {
            let path = try live.options.afterShows.save(diary, source: "the hub" + (site.map { " at \($0)" } ?? ""))
            logger.notice("after-show report written", metadata: ["event": "\(diary.eventId)", "path": "\(path)"])
        } catch {
            logger.error("after-show report not written", metadata: ["event": "\(diary.eventId)", "error": "\(error)"])
        }
    }

    /// What a site of a shared room applies this turn: the room's log in its order while linked;
    /// cut off, the local view (this site's own envelopes, and its own alert timers). On rejoining,
    /// the state starts again from the room's as it was at the cut, and the log after it.
    private func applied(_ local: [Envelope], through roomLink: RoomLink) -> [Envelope] {
        roomLink.submit(thinning.pass(local, now: MonotonicClock.now()))
        guard roomLink.status.isIsolated else {
            if let checkpoint = roomCheckpoint {
                state = checkpoint
                roomCheckpoint = nil
                stateReplaced = true
                logger.notice("back in the room: the state starts again from the room's log", metadata: ["seq": "\(checkpoint.lastSeq)"])
            }
            let taken = roomLink.take()
            if let start = taken.start {
                state = start.adopting(rules: state.alerting.rules, roster: state.roster)
                stateReplaced = true
            }
            if decides, MonotonicClock.now() - lastSaved >= RoomLink.saveSeconds {
                roomLink.save(state)
                lastSaved = MonotonicClock.now()
            }
            return taken.entries.map(\.envelope)
        }
        if roomCheckpoint == nil {
            roomCheckpoint = state
            logger.warning("cut off from the room: consoles see this site's own view; actions wait on disk; own alerts paged here")
        }
        var envelopes = local
        if var timers = state.timersDue(at: now(), source: "engine") {
            timers.site = site
            envelopes.append(timers)
        }
        var next = state.lastSeq
        for index in envelopes.indices {
            next += 1
            envelopes[index].seq = next
        }
        return envelopes
    }

    /// A site's pages: linked, through the room's outbox (claimed by the hub that decides, sent
    /// once); cut off for longer than `RoomLink.failOpenSeconds`, its own alerts' pages straight
    /// to the notifiers (fail open: a page twice, folded by its dedup key, is better than none).
    /// A shorter cut (a connection made again) keeps them for the outbox, so that a blip never
    /// pages twice.
    private func page(_ notices: [AlertNotification], through roomLink: RoomLink) {
        guard !notices.isEmpty else { return }
        let cutOff = roomLink.status.isolatedSince.map { ContinuousClock.now - $0 >= .seconds(RoomLink.failOpenSeconds) } ?? false
        if roomCheckpoint != nil, cutOff {
            notifications.enqueue(notices.filter { $0.site == site })
        } else {
            roomLink.consider(notices, now: now())
        }
    }

    func takeStateReplaced() -> Bool {
        defer { stateReplaced = false }
        return stateReplaced
    }

    /// With no terminal to lose, a hang-up asks a daemon to read its configuration again.
    func reload() { timeline.requestReload() }

    func close() {
        if let roomLink {
            roomLink.submit(thinning.releaseAll())
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
        let sample = roomLink == nil ? nil : thinning.secondsUntilRelease(now: MonotonicClock.now())
        return [timeline.secondsUntilNextDue(atWall: 0), timer, sample].compactMap { $0 }.min()
    }

    var room: HubMessage.Tick.Room? {
        guard let status = roomLink?.status else { return nil }
        let sites = status.sites.map { HubMessage.Tick.Room.Site(name: $0.name, heard: Int(saturating: $0.secondsSinceHeard)) }
        let decides = status.sites.first { $0.decides && $0.secondsSinceHeard <= Double(RoomLink.leaseSeconds) }?.name
        var room = HubMessage.Tick.Room(sites: sites, decides: decides, linked: status.isConnected, queued: status.queued)
        room.actions = status.queuedActions
        room.isolated = status.isolatedSince.map { Int(saturating: (ContinuousClock.now - $0) / .seconds(1)) }
        return room
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
        var event = event
        // Named by its dedup key as well, an action finds its alert in the room's numbering even when made in a site's local view.
        if case .operatorAction(var action) = event, action.dedupKey == nil, let alert = state.alerts[action.alertId], alert.isOpen {
            action.dedupKey = alert.raised.dedupKey
            event = .operatorAction(action)
        }
        bus.publish(event, at: now(), source: "console", id: key, site: site, console: connection)
        return true
    }

    func ingest(_ event: BusEvent, source: String) {
        bus.publish(event, at: now(), source: source, site: site)
    }
}
