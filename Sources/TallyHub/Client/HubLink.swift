import Foundation
import Glibc
import Synchronization
import TallyCore

/// A console's link to a hub: connects and says hello, hands what arrives to the console in
/// order (`take()`), and sends the console's actions, each with an idempotency key, keeping
/// each until the hub has applied it so that a reconnect sends it again and the hub applies it
/// once. A dropped link is retried with doubling backoff (0.5 s to 10 s) meanwhile the status
/// reads "reconnecting"; a silent hub (no tick for 5 s) counts as dropped.
public final class HubLink: Sendable {
    /// What arrived, in hub order.
    public enum Item: Sendable {
        /// Replaces the console's state: everything after applies on top.
        case snapshot(ConsoleState)
        case envelope(Envelope)
        /// The hub refused one of this console's lines or actions.
        case notice(String)
    }

    public struct Settings: Sendable {
        public var address: HubAddress
        public var name: String?
        public var token: String?
        public var silenceSeconds = 5.0

        public init(address: HubAddress, name: String? = nil, token: String? = nil) {
            self.address = address
            self.name = name
            self.token = token
        }
    }

    /// Why the first connection failed: the hub unreachable, or refusing.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private struct Shared {
        var items: [Item] = []
        var status: LinkStatus
        var descriptor: Int32 = -1
        /// Actions sent and not yet seen applied, by key, in the order sent.
        var outbox: [(key: String, line: [UInt8])] = []
        var isStopping = false
    }

    private let settings: Settings
    private let shared: Mutex<Shared>
    private let onReady: @Sendable () -> Void
    private let stopPipe: WakePipe
    private let writeLock = Mutex(())

    /// Connects, says hello and waits for the welcome and the snapshot (up to `timeoutSeconds`),
    /// so that a console starts on the hub's state or not at all; then keeps the link on a thread.
    public init(settings: Settings, timeoutSeconds: Double = 10, onReady: @escaping @Sendable () -> Void) throws {
        self.settings = settings
        self.onReady = onReady
        self.shared = Mutex(Shared(status: LinkStatus(state: .reconnecting(attempt: 0, retryAt: 0, reason: "connecting"), hub: settings.address.description)))
        self.stopPipe = try WakePipe()
        var session = try open(timeoutSeconds: timeoutSeconds)
        let deadline = MonotonicClock.now() + timeoutSeconds
        while !session.hasSnapshot {
            let isOpen = MonotonicClock.now() < deadline && pump(&session, waitMilliseconds: 200)
            if let refusal = shared.withLock({ state -> String? in if case .refused(let reason) = state.status.state { reason } else { nil } }) {
                close(session.descriptor)
                throw Failure(description: "the hub at \(settings.address) refused this console: \(refusal)")
            }
            guard isOpen else {
                close(session.descriptor)
                let why = MonotonicClock.now() >= deadline ? "sent no state within \(Int(saturating: timeoutSeconds)) s" : "closed the link before sending its state"
                throw Failure(description: "the hub at \(settings.address) \(why)")
            }
        }
        let started = session
        Thread.detachNewThread { [self] in keepAlive(from: started) }
    }

    /// The link's standing now.
    public var status: LinkStatus { shared.withLock { $0.status } }

    /// Everything that arrived since the last call, in order.
    public func take() -> [Item] {
        shared.withLock { state in
            defer { state.items = [] }
            return state.items
        }
    }

    /// Sends an operator's action with its idempotency key; kept until the hub applies it.
    public func send(_ event: BusEvent, key: String) {
        guard let line = try? ClientMessage.actionLine(event, key: key) else { return }
        let descriptor = shared.withLock { state in
            state.outbox.append((key, line))
            return state.status.state == .connected ? state.descriptor : -1
        }
        if descriptor >= 0 { write(line, to: descriptor) }
    }

    /// Actions sent and not yet applied by the hub.
    public var unconfirmed: Int { shared.withLock { $0.outbox.count } }

    /// Closes the link for good.
    public func stop() {
        shared.withLock { $0.isStopping = true }
        stopPipe.wake()
    }

    // MARK: one connection

    /// A connection's reading side.
    private struct Session {
        var descriptor: Int32
        var pending: [UInt8] = []
        /// Where each read lands, reused.
        var buffer = [UInt8](repeating: 0, count: 256 << 10)
        var hasSnapshot = false
        var lastHeard = MonotonicClock.now()
    }

    private func open(timeoutSeconds: Double) throws -> Session {
        let descriptor: Int32
        do {
            descriptor = try Sockets.connect(to: settings.address, timeoutSeconds: timeoutSeconds)
        } catch {
            throw Failure(description: "cannot reach the hub at \(settings.address): \(error)")
        }
        let hello = ClientMessage.Hello(role: .console, name: settings.name, token: settings.token)
        guard let line = try? hello.line(), write(line, to: descriptor) else {
            close(descriptor)
            throw Failure(description: "the hub at \(settings.address) closed the connection")
        }
        return Session(descriptor: descriptor)
    }

    /// Reads what is there (waiting up to the given time); false when the connection is over.
    private func pump(_ session: inout Session, waitMilliseconds: Int32) -> Bool {
        var descriptors = [pollfd(fd: session.descriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: stopPipe.readDescriptor, events: Int16(POLLIN), revents: 0)]
        _ = poll(&descriptors, 2, waitMilliseconds)
        if descriptors[1].revents != 0 || shared.withLock({ $0.isStopping }) { return false }
        guard descriptors[0].revents != 0 else { return MonotonicClock.now() - session.lastHeard < settings.silenceSeconds }
        let count = recv(session.descriptor, &session.buffer, session.buffer.count, 0)
        if count < 0 { return errno == EAGAIN || errno == EINTR }
        guard count > 0 else { return false }
        session.lastHeard = MonotonicClock.now()
        session.pending += session.buffer[0..<count]
        var start = 0
        var arrived: [Item] = []
        while let newline = session.pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if let message = try? HubMessage(line: session.pending[start..<newline]) {
                handle(message, session: &session, into: &arrived)
            }
            start = newline + 1
        }
        session.pending.removeFirst(start)
        if !arrived.isEmpty {
            shared.withLock { $0.items += arrived }
            onReady()
        }
        return !isRefused
    }

    private var isRefused: Bool {
        shared.withLock { if case .refused = $0.status.state { true } else { false } }
    }

    private func handle(_ message: HubMessage, session: inout Session, into arrived: inout [Item]) {
        switch message {
        case .welcome(let welcome):
            let resend: [[UInt8]] = shared.withLock { state in
                state.status.state = .connected
                state.status.connection = welcome.connection
                state.status.operatorName = welcome.operator
                state.descriptor = session.descriptor
                return state.outbox.map(\.line)
            }
            for line in resend { write(line, to: session.descriptor) }
        case .snapshot(let state):
            session.hasSnapshot = true
            arrived.append(.snapshot(state))
        case .envelope(let envelope):
            if let key = envelope.id { confirm(key) }
            arrived.append(.envelope(envelope))
        case .tick(let tick):
            shared.withLock { state in
                state.status.hubTime = tick.now
                state.status.hubTimeAt = MonotonicClock.now()
                state.status.rejected = tick.rejected
                state.status.consoles = tick.consoles
            }
        case .receipt(let receipt):
            confirm(receipt.key)
            if receipt.status == .refused { arrived.append(.notice("the hub refused an action: \(receipt.reason ?? "no reason given")")) }
        case .error(let refusal):
            arrived.append(.notice("the hub refused line \(refusal.line): \(refusal.reason)"))
        case .bye(let reason):
            if reason.hasPrefix("refused") || reason.hasPrefix("protocol") {
                shared.withLock { $0.status.state = .refused(reason: reason) }
            }
        }
    }

    private func confirm(_ key: String) {
        shared.withLock { state in state.outbox.removeAll { $0.key == key } }
    }

    // MARK: staying connected

    private func keepAlive(from first: Session) {
        var session: Session? = first
        var attempt = 0
        while !shared.withLock({ $0.isStopping }) {
            if var current = session {
                while pump(&current, waitMilliseconds: 1000) {}
                close(current.descriptor)
                session = nil
                if isRefused || shared.withLock({ $0.isStopping }) { break }
                attempt = 0
            }
            attempt += 1
            let delay = min(10, 0.5 * pow(2, Double(attempt - 1)))
            shared.withLock { state in
                state.descriptor = -1
                state.status.state = .reconnecting(attempt: attempt, retryAt: MonotonicClock.now() + delay, reason: "link lost")
            }
            onReady()
            var waiting = [pollfd(fd: stopPipe.readDescriptor, events: Int16(POLLIN), revents: 0)]
            _ = poll(&waiting, 1, Int32(saturating: delay * 1000))
            session = try? open(timeoutSeconds: 3)
        }
        onReady()
    }

    @discardableResult
    private func write(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        writeLock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { raw in
                    Glibc.send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                }
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EAGAIN || errno == EINTR {
                    var waiting = [pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)]
                    guard poll(&waiting, 1, 2000) > 0 else { return false }
                } else {
                    return false
                }
            }
            return true
        }
    }
}
