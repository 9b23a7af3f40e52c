import Logging
import NIOCore
import NIOPosix
import TallyCore

extension RoomLink {
    /// The link's task: connections, one after another, with a backoff between them.
    func run() async {
        var backoff = 0.5
        while !Task.isCancelled {
            do {
                try await serve()
            } catch {
                guard !Task.isCancelled else { break }
                let said = RoomFailure.describing(error)
                let first = state.withLock { state -> Bool in
                    defer {
                        state.status.isConnected = false
                        state.status.decides = false
                        state.status.problem = said
                        state.status.isolatedSince = state.status.isolatedSince ?? .now
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

    /// One connection's life: open, then append, read, hold the lease and send the pages it
    /// claims, until it fails or the task is cancelled.
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
        logger.notice("room link up", metadata: ["room": "\(address)", "site": "\(site)"])
        do {
            var chores = Chores()
            var connected = false
            try await startFromSavedStateIfFarBehind(log)
            while !Task.isCancelled {
                let done = chores
                let read: Int
                (read, chores) = try await Deadline.answer(within: Self.answerSeconds, expired: { Task { await log.close() } }) {
                    try await self.round(log, chores: done)
                }
                if !connected {
                    // Up once what was queued while away is in and the log is read to its end: the site has rejoined.
                    guard read < Self.batch else { continue }
                    state.withLock { state in
                        state.status.isConnected = true
                        state.status.problem = nil
                        state.status.isolatedSince = nil
                    }
                    arrived()
                    connected = true
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

    /// A hub starting, or back after long enough away that the log since is long: it begins
    /// again from the room's newest saved state, and reads the log after it.
    private func startFromSavedStateIfFarBehind(_ log: RoomLog) async throws {
        let seen = state.withLock { $0.status.lastSeq }
        let newest = try await log.newestStateSeq()
        guard newest > seen, seen == 0 || newest - seen > Self.catchUpEntries, let saved = try await log.newestState() else { return }
        state.withLock { state in
            state.start = saved
            state.inbox = []
            state.status.lastSeq = saved.lastSeq
        }
        logger.notice("starting from the room's saved state", metadata: ["seq": "\(saved.lastSeq)", "behind": "\(newest - seen)"])
        arrived()
    }

    /// Saves the state the hub handed in, while this hub decides.
    private func saveHandedState(to log: RoomLog) async throws {
        guard let saving = state.withLock({ state -> ConsoleState? in
            defer { state.toSave = nil }
            return state.toSave
        }) else { return }
        try await log.save(saving, site: site)
        logger.info("room state saved", metadata: ["seq": "\(saving.lastSeq)"])
    }

    /// When the link last did its slower chores.
    private struct Chores: Sendable {
        var lease = ContinuousClock.now - .seconds(10)
        var prune = ContinuousClock.now - .seconds(Int64(saturating: RoomLink.pruneSeconds))
    }

    /// One round with the database: append what waits, read what arrived (how many entries came),
    /// and, when due, the lease and heartbeat, the pages to claim, the state to save and the log to prune.
    private func round(_ log: RoomLog, chores: Chores) async throws -> (Int, Chores) {
        var chores = chores
        try await appendQueued(to: log)
        let read = try await readArrived(from: log)
        if ContinuousClock.now - chores.lease >= .seconds(2) {
            try await holdLease(log)
            chores.lease = ContinuousClock.now
        }
        try await claimNotices(in: log)
        guard state.withLock({ $0.status.decides }) else { return (read, chores) }
        try await saveHandedState(to: log)
        if ContinuousClock.now - chores.prune >= .seconds(Int64(saturating: Self.pruneSeconds)) {
            let pruned = try await log.prune(olderThan: retentionSeconds)
            chores.prune = ContinuousClock.now
            if pruned != .nothing {
                logger.notice("the room's log beyond its retention let go", metadata: [
                    "entries": "\(pruned.entries)", "states": "\(pruned.states)", "pages": "\(pruned.pages)"])
            }
        }
        return (read, chores)
    }

    private func appendQueued(to log: RoomLog) async throws {
        while true {
            let batch = state.withLock { Array($0.outbox.prefix(Self.batch)) }
            guard !batch.isEmpty else { return }
            _ = try await log.append(batch, site: site)
            let actions = batch.filter(Self.isAction).compactMap(\.id)
            if let durable, !actions.isEmpty {
                do { try durable.forget(actions) } catch { logger.error("the room's outbox could not let go of appended actions", metadata: ["error": "\(error)"]) }
            }
            state.withLock { state in
                state.outbox.removeFirst(batch.count)
                state.status.queued = state.outbox.count
                state.status.queuedActions = max(0, state.status.queuedActions - actions.count)
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

    /// Holding the lease: claims the pages waiting and sends those no hub claimed before. Not
    /// holding it: lets go of pages that have waited past `noticeSeconds`.
    private func claimNotices(in log: RoomLog) async throws {
        let (decides, waiting) = state.withLock { state in
            let decides = state.status.decides
            if !decides {
                let cutoff = ContinuousClock.now - .milliseconds(Int64(saturating: Self.noticeSeconds * 1000))
                state.notices.removeAll { $0.since < cutoff }
            }
            return (decides, state.notices.map(\.notice))
        }
        guard decides, !waiting.isEmpty else { return }
        let won = try await log.claim(waiting, site: site)
        state.withLock { $0.notices.removeFirst(min(waiting.count, $0.notices.count)) }
        if won.count < waiting.count {
            logger.info("pages already sent by the room's last leader passed over", metadata: ["passed": "\(waiting.count - won.count)"])
        }
        if !won.isEmpty { send(won) }
    }
}
