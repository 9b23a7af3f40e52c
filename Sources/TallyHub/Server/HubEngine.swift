import Foundation
import Logging
import NIOCore
import TallyBus
import TallyCore

/// The server's work, on its one event loop: it turns the core whenever something arrives or
/// falls due, and sends what the core applied to every console in the order applied. A
/// console whose backlog passes the lag limit loses the backlog and gets a fresh snapshot
/// once it drains, so one stuck client never slows the others or grows the hub.
final class HubEngine {
    let settings: HubSettings
    let core: any HubCore
    let logger: Logger
    let loop: EventLoop
    var listeners: [Channel] = []
    private(set) var connections: [ObjectIdentifier: HubConnection] = [:]
    private var nextNumber = 1
    private var dueTurn: Scheduled<Void>?
    private var ticks: RepeatedTask?
    /// False once the server has stopped accepting and said bye: the core still turns, for nobody.
    private var isServing = true
    /// Fulfilled once every client has gone after `stopServing`.
    private var stopped: EventLoopPromise<Void>?
    /// True after the last turn: nothing turns the core again.
    private var isClosed = false
    /// What the server has counted since start (refusals, ingest, envelopes, notifications).
    var counters = HubCounters()

    init(settings: HubSettings, core: any HubCore, logger: Logger, loop: EventLoop) {
        self.settings = settings
        self.core = core
        self.logger = logger
        self.loop = loop
    }

    /// Consoles attached now.
    var consoleCount: Int { connections.values.count { $0.role == .console } }

    /// Starts the clock: a tick to every console each second, and a first turn.
    func start() {
        let bound = NIOLoopBound(self, eventLoop: loop)
        ticks = loop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
            bound.value.tick()
            bound.value.turn()
        }
        core.start()
        turn()
    }

    // MARK: turning

    /// Applies what arrived and what fell due, sends it on, and waits for the next due moment.
    func turn() {
        guard !isClosed else { return }
        let applied = core.turn()
        counters.count(applied)
        if core.takeStateReplaced() {
            for connection in consoles { sendSnapshot(to: connection) }
        } else if !applied.isEmpty {
            broadcast(applied)
        }
        dueTurn?.cancel()
        if let due = core.secondsUntilDue(), due < 1 {
            dueTurn = later(.span(max(0.001, due))) { $0.turn() }
        }
    }

    private func broadcast(_ envelopes: [Envelope]) {
        let chunk = ByteBuffer(bytes: HubMessage.lines(of: envelopes))
        for connection in consoles { send(chunk, to: connection) }
    }

    private var consoles: [HubConnection] { connections.values.filter { $0.role == .console && !$0.needsSnapshot } }

    private func tick() {
        let line = (try? HubMessage.tick(.init(now: core.now(), rejected: counters.refused, consoles: consoleCount, room: core.room)).line()) ?? []
        let chunk = ByteBuffer(bytes: line)
        for connection in consoles { send(chunk, to: connection) }
        for connection in connections.values { catchUp(connection) }
    }

    // MARK: sending

    func send(_ chunk: ByteBuffer, to connection: HubConnection) {
        connection.send(chunk)
        if connection.blockedSince != nil { dropBacklogIfBehind(connection) }
    }

    func say(_ message: HubMessage, to connection: HubConnection) {
        if let line = try? message.line() { connection.send(ByteBuffer(bytes: line)) }
    }

    /// Drops the backlog of a console that has fallen behind: one whose channel has taken
    /// nothing for `lagSeconds` with more than `lagLimitBytes` waiting, or that has more than
    /// `backlogCapBytes` waiting at all. It gets a fresh snapshot once it drains.
    private func dropBacklogIfBehind(_ connection: HubConnection) {
        guard connection.role == .console, !connection.needsSnapshot else { return }
        connection.noteProgress()
        let pending = connection.pendingBytes
        let stalled = connection.blockedSince.map { MonotonicClock.now() - $0 >= settings.lagSeconds } ?? false
        guard pending > settings.backlogCapBytes || (stalled && pending > settings.lagLimitBytes) else { return }
        let dropped = connection.dropUnsent()
        connection.needsSnapshot = true
        logger.warning("console fell behind; backlog dropped, fresh snapshot when it drains",
                       metadata: ["connection": "\(connection.label)", "dropped bytes": "\(dropped)"])
    }

    /// The channel takes more: write what waits, and a snapshot to a console that fell behind once it has drained.
    func writable(_ connection: HubConnection) {
        connection.flush()
        catchUp(connection)
    }

    private func catchUp(_ connection: HubConnection) {
        guard connection.needsSnapshot else { return dropBacklogIfBehind(connection) }
        guard connection.isDrained else { return }
        connection.needsSnapshot = false
        sendSnapshot(to: connection)
        logger.info("console caught up; fresh snapshot sent", metadata: ["connection": "\(connection.label)"])
    }

    func sendSnapshot(to connection: HubConnection) {
        do {
            connection.send(ByteBuffer(bytes: try HubMessage.snapshot(core.state).line()))
        } catch {
            logger.error("snapshot not encoded", metadata: ["error": "\(error)"])
        }
    }

    // MARK: connections

    /// A line client has connected: it must say hello within the time allowed.
    func open(_ channel: Channel, transport: HubConnection.Transport) -> HubConnection {
        let connection = HubConnection(channel: channel, number: nextNumber, transport: transport, openedAt: MonotonicClock.now())
        nextNumber += 1
        connection.limiter = IngestRateLimit(perSecond: settings.ingestPerSecond, burst: settings.ingestBurst)
        connection.actionLimiter = IngestRateLimit(perSecond: settings.actionsPerSecond, burst: settings.actionBurst)
        connections[ObjectIdentifier(connection)] = connection
        logger.info("connection opened", metadata: ["connection": "\(connection.label)"])
        guard isServing else {
            // Accepted as the listeners closed.
            say(.bye(reason: "the hub is stopping"), to: connection)
            connection.finish()
            return connection
        }
        let waiting = NIOLoopBound(connection, eventLoop: loop)
        later(.span(settings.helloTimeoutSeconds)) { engine in
            let connection = waiting.value
            guard connection.role == .awaitingHello, !connection.isClosing else { return }
            engine.say(.bye(reason: "no hello within \(Int(saturating: engine.settings.helloTimeoutSeconds.rounded(.up))) s"), to: connection)
            connection.finish()
        }
        return connection
    }

    /// A numbered, HTTP or line client gone: forgotten, and logged with what it did.
    func closed(_ connection: HubConnection) {
        guard connections.removeValue(forKey: ObjectIdentifier(connection)) != nil else { return }
        logger.info("connection closed", metadata: [
            "connection": "\(connection.label)", "sent bytes": "\(connection.sentBytes)",
            "accepted": "\(connection.accepted)", "refused": "\(connection.refused)",
        ])
        if !isServing, connections.isEmpty { finishStopping() }
    }

    /// A number for an HTTP connection, counted with the others.
    func numberHTTPConnection() -> Int {
        defer { nextNumber += 1 }
        return nextNumber
    }

    // MARK: stopping

    /// Stops accepting and says `reason` to every client; `stopped` is fulfilled once they
    /// have all gone (2 s at most: a client that never reads its bye is not waited for). The
    /// core goes on turning, so that what is still under way (notifications) is applied and stored.
    func stopServing(reason: String, stopped: EventLoopPromise<Void>) {
        guard isServing else { return stopped.succeed() }
        isServing = false
        self.stopped = stopped
        logger.notice("hub stopping: no new clients, bye to every one", metadata: ["reason": "\(reason)", "clients": "\(connections.count)"])
        for listener in listeners { listener.close(promise: nil) }
        if case .unix(let path)? = settings.socket { try? FileManager.default.removeItem(atPath: path) }
        for connection in connections.values {
            say(.bye(reason: reason), to: connection)
            connection.finish()
        }
        if connections.isEmpty { return finishStopping() }
        later(.seconds(2)) { engine in
            for connection in engine.connections.values { connection.channel.close(promise: nil) }
            engine.finishStopping()
        }
    }

    /// Reads the configuration again, and turns.
    func reload() {
        core.reload()
        turn()
    }

    /// The last turn, then the core closed: nothing turns after this.
    func close() {
        guard !isClosed else { return }
        turn()
        isClosed = true
        ticks?.cancel()
        dueTurn?.cancel()
        core.close()
    }

    private func finishStopping() {
        stopped?.succeed()
        stopped = nil
    }

    /// Runs `body` on the loop after `delay`, with the engine.
    @discardableResult
    private func later(_ delay: TimeAmount, _ body: @escaping (HubEngine) -> Void) -> Scheduled<Void> {
        let bound = NIOLoopBound((self, body), eventLoop: loop)
        return loop.scheduleTask(in: delay) { bound.value.1(bound.value.0) }
    }
}
