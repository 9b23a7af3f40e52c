import Foundation
import Glibc
import Logging
import TallyCore

/// The hub's one loop: it listens (Unix socket, TCP with a token, the webhook), turns the
/// core whenever something arrives or falls due, and sends what the core applied to every
/// console in the order applied. A console whose backlog passes the lag limit loses the
/// backlog and gets a fresh snapshot once it drains, so one stuck client never slows the
/// others or grows the hub. Everything runs on the caller's thread; `poll` sleeps between.
public final class HubServer {
    let settings: HubSettings
    let core: any HubCore
    private let wake: WakePipe
    let logger: Logger
    private var listeners: [(descriptor: Int32, transport: HubConnection.Transport)] = []
    private var connections: [Int32: HubConnection] = [:]
    private var nextNumber = 1
    private var lastTick = 0.0
    /// Where each read lands, reused.
    private var readBuffer = [UInt8](repeating: 0, count: 64 << 10)
    /// Ingest lines, action lines and webhook bodies refused since start.
    public internal(set) var rejected = 0

    /// Opens the listeners; throws when one cannot be opened (address in use, no permission).
    public init(settings: HubSettings, core: any HubCore, wake: WakePipe, logger: Logger) throws(SystemCallError) {
        self.settings = settings
        self.core = core
        self.wake = wake
        self.logger = logger
        do {
            if let socket = settings.socket { listeners.append((try Sockets.listen(on: socket), .unix(nil))) }
            if let tcp = settings.tcp {
                guard settings.token != nil else { throw SystemCallError(message: "TCP \(tcp) needs an access token of 16 bytes or more") }
                listeners.append((try Sockets.listen(on: tcp), .tcp))
            }
            if let webhook = settings.webhook { listeners.append((try Sockets.listen(on: webhook), .http)) }
        } catch let error as SystemCallError {
            closeListeners()
            throw error
        } catch {
            closeListeners()
            throw SystemCallError(message: "\(error)")
        }
    }

    /// The ports the TCP listeners are bound to (the TCP one first, then the webhook's), for
    /// a hub started on port 0.
    public var tcpPorts: [UInt16] { listeners.filter { $0.transport != .unix(nil) }.compactMap { Sockets.localPort(of: $0.descriptor) } }

    /// Consoles attached now.
    public var consoleCount: Int { connections.values.count { $0.role == .console } }

    /// Serves until the core says stop; then says goodbye to every client and closes.
    public func run() {
        while !core.isStopping {
            wake.drain()
            let applied = core.turn()
            if !applied.isEmpty { broadcast(applied) }
            let now = MonotonicClock.now()
            if now - lastTick >= 1 {
                lastTick = now
                tick()
            }
            closeLateHellos(now: now)
            flushAll()
            waitForActivity(timeout: timeout(now: now))
        }
        shutDown(reason: "hub stopping")
    }

    // MARK: sending

    private func broadcast(_ envelopes: [Envelope]) {
        let chunk = HubMessage.lines(of: envelopes)
        for connection in connections.values where connection.role == .console && !connection.needsSnapshot {
            connection.send(chunk)
        }
    }

    /// Drops the backlog of a console that has fallen behind: one whose socket has taken
    /// nothing for `lagSeconds` with more than `lagLimitBytes` waiting, or that has more than
    /// `backlogCapBytes` waiting at all. It gets a fresh snapshot once it drains.
    private func dropBacklogIfBehind(_ connection: HubConnection, now: Double) {
        guard connection.role == .console, !connection.needsSnapshot else { return }
        let pending = connection.output.pendingBytes
        let stalled = connection.blockedSince.map { now - $0 >= settings.lagSeconds } ?? false
        guard pending > settings.backlogCapBytes || (stalled && pending > settings.lagLimitBytes) else { return }
        let dropped = connection.output.dropUnsent()
        connection.needsSnapshot = true
        logger.warning("console fell behind; backlog dropped, fresh snapshot when it drains",
                       metadata: ["connection": "\(connection.label)", "dropped bytes": "\(dropped)"])
    }

    private func tick() {
        let line = (try? HubMessage.tick(.init(now: core.now(), rejected: rejected, consoles: consoleCount)).line()) ?? []
        for connection in connections.values where connection.role == .console && !connection.needsSnapshot {
            connection.send(line)
        }
    }

    private func snapshotLine() -> [UInt8] {
        do {
            return try HubMessage.snapshot(core.state).line()
        } catch {
            logger.error("snapshot not encoded", metadata: ["error": "\(error)"])
            return []
        }
    }

    private func flushAll() {
        var snapshot: [UInt8]?
        for connection in connections.values {
            if connection.needsSnapshot, connection.output.isEmpty {
                snapshot = snapshot ?? snapshotLine()
                connection.needsSnapshot = false
                connection.send(snapshot!)
                logger.info("console caught up; fresh snapshot sent", metadata: ["connection": "\(connection.label)"])
            }
            flush(connection)
        }
        connections = connections.filter { !$0.value.isGone }
    }

    private func flush(_ connection: HubConnection) {
        guard !connection.isGone else { return }
        let before = connection.output.sentBytes
        let progress = connection.output.write(to: connection.descriptor)
        let now = MonotonicClock.now()
        switch progress {
        case .closed: drop(connection, reason: "peer gone")
        case .drained where connection.isClosing: drop(connection, reason: "closed")
        case .drained: connection.blockedSince = nil
        case .blocked:
            // The stall is counted from the last write that moved anything.
            if connection.output.sentBytes > before || connection.blockedSince == nil { connection.blockedSince = now }
            dropBacklogIfBehind(connection, now: now)
        }
    }

    private func drop(_ connection: HubConnection, reason: String) {
        guard !connection.isGone else { return }
        logger.info("connection closed", metadata: [
            "connection": "\(connection.label)", "reason": "\(reason)", "sent bytes": "\(connection.output.sentBytes)",
            "accepted": "\(connection.accepted)", "refused": "\(connection.refused)",
        ])
        connection.close()
    }

    // MARK: waiting

    private func timeout(now: Double) -> Int32 {
        var seconds = max(0, 1 - (now - lastTick))
        if let due = core.secondsUntilDue() { seconds = min(seconds, max(0, due)) }
        for connection in connections.values where connection.role == .awaitingHello || connection.role == .webhook {
            seconds = min(seconds, max(0, connection.openedAt + settings.helloTimeoutSeconds - now))
        }
        return Int32(saturating: max(1, seconds * 1000))
    }

    private func waitForActivity(timeout: Int32) {
        var descriptors = [pollfd(fd: wake.readDescriptor, events: Int16(POLLIN), revents: 0)]
        descriptors += listeners.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
        let open = Array(connections.values)
        descriptors += open.map { connection in
            let wantsWrite = !connection.output.isEmpty
            return pollfd(fd: connection.descriptor, events: Int16(POLLIN) | (wantsWrite ? Int16(POLLOUT) : 0), revents: 0)
        }
        guard poll(&descriptors, nfds_t(descriptors.count), timeout) > 0 else { return }
        for (index, listener) in listeners.enumerated() where descriptors[1 + index].revents & Int16(POLLIN) != 0 {
            acceptAll(from: listener.descriptor, transport: listener.transport)
        }
        for (index, connection) in open.enumerated() {
            let events = descriptors[1 + listeners.count + index].revents
            if events & Int16(POLLOUT) != 0 { flush(connection) }
            if events & Int16(POLLIN | POLLHUP | POLLERR) != 0 { read(from: connection) }
        }
        connections = connections.filter { !$0.value.isGone }
    }

    private func acceptAll(from listener: Int32, transport: HubConnection.Transport) {
        while let descriptor = Sockets.accept(from: listener) {
            let resolved: HubConnection.Transport = switch transport {
            case .unix: .unix(PeerCredentials.of(descriptor))
            case .tcp, .http: transport
            }
            let connection = HubConnection(descriptor: descriptor, number: nextNumber, transport: resolved, openedAt: MonotonicClock.now(),
                                           peer: Sockets.peerAddress(of: descriptor))
            nextNumber += 1
            connection.limiter = IngestRateLimit(perSecond: settings.ingestPerSecond, burst: settings.ingestBurst)
            connections[descriptor] = connection
            logger.info("connection opened", metadata: ["connection": "\(connection.label)"])
        }
    }

    /// Closes connections that have not said hello, or sent their whole webhook request, in time.
    private func closeLateHellos(now: Double) {
        for connection in connections.values where !connection.isClosing && now - connection.openedAt > settings.helloTimeoutSeconds {
            switch connection.role {
            case .awaitingHello: say(.bye(reason: "no hello within \(Int(saturating: settings.helloTimeoutSeconds.rounded(.up))) s"), to: connection)
            case .webhook:
                connection.send(HTTPResponse.bytes(status: 408, body: "request not received within \(Int(saturating: settings.helloTimeoutSeconds.rounded(.up))) s\n"))
            case .console, .ingest: continue
            }
            connection.isClosing = true
        }
    }

    // MARK: reading

    /// Reads what a connection sent, up to 1 MiB a turn so that one fast sender cannot keep the
    /// loop from the others.
    private func read(from connection: HubConnection) {
        for _ in 0..<16 where !connection.isGone {
            let count = recv(connection.descriptor, &readBuffer, readBuffer.count, 0)
            if count < 0 {
                if errno == EINTR { continue }
                if errno != EAGAIN && errno != EWOULDBLOCK { drop(connection, reason: "read failed") }
                return
            }
            if count == 0 {
                endOfInput(from: connection)
                return
            }
            readBuffer.withUnsafeBytes { raw in received(UnsafeRawBufferPointer(rebasing: raw[0..<count]), from: connection) }
            if connection.isClosing { return }
        }
    }

    private func received(_ bytes: UnsafeRawBufferPointer, from connection: HubConnection) {
        if connection.role == .webhook {
            answerWebhook(bytes, on: connection)
            return
        }
        for item in connection.framer.feed(bytes) {
            connection.lineNumber += 1
            switch item {
            case .oversized: refuse(line: connection.lineNumber, "longer than 64 KiB", on: connection)
            case .line(let line): handle(line, from: connection)
            }
            if connection.isClosing { return }
        }
    }

    private func endOfInput(from connection: HubConnection) {
        if case .line(let last)? = connection.framer.finish() {
            connection.lineNumber += 1
            handle(last, from: connection)
        }
        if connection.role == .ingest {
            say(.bye(reason: "accepted \(connection.accepted), refused \(connection.refused)"), to: connection)
            connection.isClosing = true
            flush(connection)
        } else {
            drop(connection, reason: "peer closed")
        }
    }

    private func handle(_ line: [UInt8], from connection: HubConnection) {
        if line.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) { return }
        switch connection.role {
        case .awaitingHello: greet(line, on: connection)
        case .console: takeAction(line, from: connection)
        case .ingest: ingest(line, from: connection)
        case .webhook: break
        }
    }

    func refuse(line: Int, _ reason: String, on connection: HubConnection) {
        rejected += 1
        connection.refused += 1
        // A sender that never reads its refusals gets no more of them queued past a megabyte.
        if connection.output.pendingBytes < 1 << 20 { say(.error(.init(line: line, reason: reason)), to: connection) }
        logger.notice("input refused", metadata: ["connection": "\(connection.label)", "line": "\(line)", "reason": "\(reason)"])
    }

    func say(_ message: HubMessage, to connection: HubConnection) {
        if let line = try? message.line() { connection.send(line) }
    }

    // MARK: shutting down

    private func shutDown(reason: String) {
        for connection in connections.values {
            say(.bye(reason: reason), to: connection)
            _ = connection.output.write(to: connection.descriptor)
            connection.close()
        }
        connections = [:]
        closeListeners()
    }

    private func closeListeners() {
        for listener in listeners { close(listener.descriptor) }
        listeners = []
        if case .unix(let path)? = settings.socket { unlink(path) }
    }

    func sendSnapshot(to connection: HubConnection) { connection.send(snapshotLine()) }
}
