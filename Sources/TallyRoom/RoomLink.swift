import Glibc
import Logging
import NIOCore
import NIOPosix
import Synchronization
import TallyCore

/// A hub's link to the room, on a task of its own: what happens at this site goes into the
/// room's log (in batches, in order, each envelope once however often it is resent), what any
/// site appended comes back in the room's order for the hub to apply, and the room's engine
/// lease is tried, so that exactly one hub (the one whose session holds it) decides timers and
/// pages. A dropped link is made again with a backoff; nothing waiting is lost meanwhile, and
/// the log is read from the last sequence seen, so nothing is missed either.
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
        /// Why the last attempt failed, while the link is down.
        public var problem: String?
        /// The sites of the room, as the log's database last told.
        public var sites: [RoomSite] = []
    }

    private struct State {
        var outbox: [Envelope] = []
        var inbox: [RoomEntry] = []
        var status = Status()
        var nextLocal: UInt64 = 0
    }

    private let address: RoomAddress
    private let site: String
    private let logger: Logger
    private let arrived: @Sendable () -> Void
    private let state = Mutex(State())
    private let doorbell = Doorbell()
    /// Tells this run's envelopes apart from an earlier run's in their ids.
    private let runId = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// A site whose heartbeat is older than this no longer counts as deciding (its lease is let go
    /// when its connection dies; this covers the time PostgreSQL takes to notice).
    public static let leaseSeconds = 10

    /// Largest batch appended in one transaction, and read in one query.
    static let batch = 500

    /// `arrived` is called (from the link's task) when entries wait to be taken.
    public init(address: RoomAddress, site: String, logger: Logger, arrived: @escaping @Sendable () -> Void) {
        self.address = address
        self.site = site
        self.logger = logger
        self.arrived = arrived
    }

    /// Starts linking, from the log's beginning.
    public func start() {
        task.withLock { $0 = Task { await self.run() } }
    }

    /// Stops the link (what was not appended yet stays unappended: `flush` first).
    public func stop() {
        task.withLock { $0 }?.cancel()
        doorbell.ring()
    }

    /// Queues envelopes of this site for the log, in order. Each gets an id when it has none, so
    /// that a batch resent after a lost reply is appended once.
    public func submit(_ envelopes: [Envelope]) {
        guard !envelopes.isEmpty else { return }
        state.withLock { state in
            for var envelope in envelopes {
                if envelope.id == nil {
                    state.nextLocal += 1
                    envelope.id = "\(site)/\(runId)/\(state.nextLocal)"
                }
                envelope.site = envelope.site ?? site
                state.outbox.append(envelope)
            }
            state.status.queued = state.outbox.count
        }
        doorbell.ring()
    }

    /// The entries that arrived since the last call, in the room's order.
    public func take() -> [RoomEntry] {
        state.withLock { state in
            defer { state.inbox = [] }
            return state.inbox
        }
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

    // MARK: the link's task

    private func run() async {
        var backoff = 0.5
        while !Task.isCancelled {
            do {
                try await serve()
            } catch {
                guard !Task.isCancelled else { break }
                let said = "\(error)"
                let first = state.withLock { state -> Bool in
                    defer {
                        state.status.isConnected = false
                        state.status.decides = false
                        state.status.problem = said
                    }
                    return state.status.isConnected || state.status.problem == nil
                }
                if first { logger.error("room link down; retrying", metadata: ["room": "\(address)", "error": "\(said)"]) }
                // A link that was up starts its retries afresh.
                if first { backoff = 0.5 }
                await doorbell.wait(upTo: backoff)
                backoff = min(backoff * 2, 5)
                continue
            }
        }
    }

    /// One connection's life: open, then append, read and hold the lease until it fails or the task is cancelled.
    private func serve() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let log = try await RoomLog.open(address, on: loop, logger: logger)
        let doorbell = doorbell
        let wakeups: RoomWakeups
        do {
            wakeups = try await RoomWakeups.listen(address, on: loop, logger: logger, wake: { doorbell.ring() }, ended: { _ in doorbell.ring() })
        } catch {
            await log.close()
            throw error
        }
        state.withLock { state in
            state.status.isConnected = true
            state.status.problem = nil
        }
        logger.notice("room link up", metadata: ["room": "\(address)", "site": "\(site)"])
        do {
            var lastLease = ContinuousClock.now - .seconds(10)
            while !Task.isCancelled {
                try await appendQueued(to: log)
                let read = try await readArrived(from: log)
                if ContinuousClock.now - lastLease >= .seconds(2) {
                    try await holdLease(log)
                    lastLease = ContinuousClock.now
                }
                if read < Self.batch, state.withLock({ $0.outbox.isEmpty }) { await doorbell.wait(upTo: 2) }
            }
        } catch {
            await wakeups.stop()
            await log.close()
            throw error
        }
        await wakeups.stop()
        await log.close()
    }

    private func appendQueued(to log: RoomLog) async throws {
        while true {
            let batch = state.withLock { Array($0.outbox.prefix(Self.batch)) }
            guard !batch.isEmpty else { return }
            _ = try await log.append(batch, site: site)
            state.withLock { state in
                state.outbox.removeFirst(batch.count)
                state.status.queued = state.outbox.count
            }
        }
    }

    /// Reads what follows the last sequence seen; how many entries came.
    private func readArrived(from log: RoomLog) async throws -> Int {
        let after = state.withLock { $0.status.lastSeq }
        let entries = try await log.read(after: after, limit: Self.batch)
        guard let last = entries.last else { return 0 }
        state.withLock { state in
            state.inbox += entries
            state.status.lastSeq = last.seq
        }
        arrived()
        return entries.count
    }

    /// Tries for the room's lease when this hub does not hold it, says it is alive, and reads the room's sites.
    private func holdLease(_ log: RoomLog) async throws {
        let held = state.withLock { $0.status.decides }
        let holds = try await log.holdLease(site: site, held: held)
        let sites = try await log.sites()
        state.withLock { state in
            state.status.decides = holds
            state.status.sites = sites
        }
        if holds, !held { logger.notice("this hub now decides for the room (timers and notifications)", metadata: ["site": "\(site)"]) }
    }
}
