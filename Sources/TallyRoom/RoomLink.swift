import Glibc
import Logging
import Synchronization
import TallyCore

/// A hub's link to the room, on a task of its own: what happens at this site goes into the
/// room's log (in batches, in order, each envelope once however often it is resent), what any
/// site appended comes back in the room's order for the hub to apply, and the room's engine
/// lease is tried, so that exactly one hub (the one whose session holds it) decides timers and
/// pages. A dropped link is made again with a backoff; nothing waiting is lost meanwhile (the
/// operators' actions wait on disk, in the `Outbox`), and the log is read from the last sequence
/// seen, so nothing is missed either.
public final class RoomLink: Sendable {
    /// How the link is doing, for the hub's log, health and consoles.
    public struct Status: Sendable, Equatable {
        public var isConnected = false
        /// Whether this hub holds the room's lease: it decides timers and notifications.
        public var decides = false
        /// The last sequence of the log applied here.
        public var lastSeq: UInt64 = 0
        /// Envelopes of this site not yet in the log.
        public var queued = 0
        /// Of those, the operators' actions (kept on disk until the log has them).
        public var queuedActions = 0
        /// Why the last attempt failed, while the link is down.
        public var problem: String?
        /// Since when the link has been down after an attempt failed: the site is cut off from the room.
        public var isolatedSince: ContinuousClock.Instant?
        /// The sites of the room, as the log's database last told.
        public var sites: [RoomSite] = []

        /// Whether the site is cut off from the room (an attempt to reach it failed, and none has succeeded since).
        public var isIsolated: Bool { isolatedSince != nil }
    }

    /// Where the operators' actions wait, durably, until the log has them (the hub's SQLite outbox).
    public struct Outbox: Sendable {
        public var keep: @Sendable ([Envelope]) throws -> Void
        public var forget: @Sendable ([String]) throws -> Void
        public var kept: @Sendable () throws -> [Envelope]

        public init(keep: @escaping @Sendable ([Envelope]) throws -> Void, forget: @escaping @Sendable ([String]) throws -> Void,
                    kept: @escaping @Sendable () throws -> [Envelope]) {
            self.keep = keep
            self.forget = forget
            self.kept = kept
        }
    }

    /// What the hub takes from the link: a saved state of the room to start again from, when
    /// the link began from one, and the entries after it, in the room's order.
    public struct Taken: Sendable {
        public var start: ConsoleState?
        public var entries: [RoomEntry]
    }

    struct State {
        var outbox: [Envelope] = []
        var inbox: [RoomEntry] = []
        var start: ConsoleState?
        /// The room's state to save for the room (the deciding hub's, every few minutes).
        var toSave: ConsoleState?
        var status = Status()
        var nextLocal: UInt64 = 0
        /// Pages the room's log decided, waiting for this hub to hold the lease (see `consider`).
        var notices: [(notice: AlertNotification, since: ContinuousClock.Instant)] = []
    }

    let address: RoomAddress
    let site: String
    let logger: Logger
    let arrived: @Sendable () -> Void
    let send: @Sendable ([AlertNotification]) -> Void
    let durable: Outbox?
    /// How long the room keeps its log (see `RoomLog.prune`).
    let retentionSeconds: Double
    let state = Mutex(State())
    let doorbell = Doorbell()
    /// Tells this run's envelopes apart from an earlier run's in their ids.
    private let runId = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// A site whose heartbeat is older than this no longer counts as deciding (its lease is let go
    /// when its connection dies; this covers the time PostgreSQL takes to notice).
    public static let leaseSeconds = 10

    /// Largest batch appended in one transaction, and read in one query.
    static let batch = 500

    /// How long one round with the database (append, read, lease, claims) may take before the
    /// link counts the database as gone.
    static let answerSeconds = 5.0

    /// How long a site is cut off before it pages its own alerts itself.
    public static let failOpenSeconds: Int64 = 15

    /// How often the deciding hub saves the room's state.
    public static let saveSeconds = 300.0

    /// A hub further behind the newest saved state than this many entries starts again from it
    /// rather than read them all.
    static let catchUpEntries: UInt64 = 20_000

    /// How often the deciding hub lets go of what is older than the retention.
    static let pruneSeconds = 3600.0

    /// How long a page the log decided waits for a hub to claim it: a hub that takes the lease
    /// claims what the last leader may not have sent.
    static let noticeSeconds = 60.0

    /// `arrived` is called (from the link's task) when entries wait to be taken; `send`, with the
    /// pages this hub has claimed in the room's outbox; `outbox` keeps the operators' actions.
    public init(address: RoomAddress, site: String, logger: Logger, outbox: Outbox? = nil, retentionSeconds: Double = 30 * 86_400,
                arrived: @escaping @Sendable () -> Void, send: @escaping @Sendable ([AlertNotification]) -> Void = { _ in }) {
        self.address = address
        self.retentionSeconds = retentionSeconds
        self.site = site
        self.logger = logger
        self.durable = outbox
        self.arrived = arrived
        self.send = send
    }

    /// Starts linking, reading the log after `seq` (from its beginning by default), with the
    /// actions an earlier run left on disk first.
    public func start(after seq: UInt64 = 0) {
        state.withLock { $0.status.lastSeq = seq }
        if let durable {
            do {
                let kept = try durable.kept()
                if !kept.isEmpty { logger.notice("operators' actions from an earlier run queued for the room", metadata: ["actions": "\(kept.count)"]) }
                state.withLock { state in
                    state.outbox = kept + state.outbox
                    state.status.queued = state.outbox.count
                    state.status.queuedActions = state.outbox.count { Self.isAction($0) }
                }
            } catch {
                logger.error("the room's outbox could not be read", metadata: ["error": "\(error)"])
            }
        }
        task.withLock { $0 = Task { await self.run() } }
    }

    /// Stops the link (what was not appended yet stays unappended: `flush` first).
    public func stop() {
        task.withLock { $0 }?.cancel()
        doorbell.ring()
    }

    /// Queues envelopes of this site for the log, in order. Each gets an id when it has none, so
    /// that a batch resent after a lost reply is appended once. The operators' actions are on
    /// disk when this returns.
    public func submit(_ envelopes: [Envelope]) {
        guard !envelopes.isEmpty else { return }
        let stamped = state.withLock { state in
            envelopes.map { envelope in
                var envelope = envelope
                if envelope.id == nil {
                    state.nextLocal += 1
                    envelope.id = "\(site)/\(runId)/\(state.nextLocal)"
                }
                envelope.site = envelope.site ?? site
                return envelope
            }
        }
        let actions = stamped.filter(Self.isAction)
        if let durable, !actions.isEmpty {
            do { try durable.keep(actions) } catch { logger.error("operators' actions not kept on disk", metadata: ["error": "\(error)"]) }
        }
        state.withLock { state in
            state.outbox += stamped
            state.status.queued = state.outbox.count
            state.status.queuedActions += actions.count
        }
        doorbell.ring()
    }

    /// The pages that applying the log here decided (made at `now`, or later). The hub holding
    /// the lease claims them in the room's outbox and sends those no hub claimed before; the
    /// others keep them a minute, in case the lease comes to them before the pages went out.
    public func consider(_ notices: [AlertNotification], now: Instant) {
        let fresh = notices.filter { now.seconds(since: $0.at) <= Self.noticeSeconds }
        guard !fresh.isEmpty else { return }
        let since = ContinuousClock.now
        state.withLock { $0.notices += fresh.map { ($0, since) } }
        doorbell.ring()
    }

    /// What arrived since the last call.
    public func take() -> Taken {
        state.withLock { state in
            defer {
                state.inbox = []
                state.start = nil
            }
            return Taken(start: state.start, entries: state.inbox)
        }
    }

    /// Hands the room's state (after the log's entry `state.lastSeq`) to be saved for the room,
    /// when this hub decides; the last one handed in wins.
    public func save(_ roomState: ConsoleState) {
        state.withLock { $0.toSave = roomState }
        doorbell.ring()
    }

    public var status: Status { state.withLock { $0.status } }

    /// Waits (blocking the calling thread, which must not be the link's) until everything queued
    /// is in the log, for `seconds` at most; whether it all went. For the hub's last moments.
    public func flush(within seconds: Double) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(saturating: seconds * 1000))
        while state.withLock({ !$0.outbox.isEmpty }) {
            guard ContinuousClock.now < deadline else { return false }
            usleep(10_000)
        }
        return true
    }

    /// An operator's action, kept on disk until the log has it.
    static func isAction(_ envelope: Envelope) -> Bool { envelope.source == "console" && envelope.id != nil }
}
