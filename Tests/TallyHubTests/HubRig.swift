import Crypto
import Foundation
import Glibc
import Logging
import NIOCore
import Synchronization
import TallyBus
import TallyCore
import TallyHub
import TallyTestSupport

/// A hub core for tests: the bus and the state, nothing stored, the clock fixed.
final class TestCore: HubCore, @unchecked Sendable {
    let bus = Bus()
    let wakeup: HubWakeup
    private let subscription: Subscription
    private let current = Mutex(ConsoleState())
    private var keys: Set<String> = []
    let clock = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    init() {
        let wakeup = HubWakeup()
        self.wakeup = wakeup
        subscription = bus.subscribe(capacity: 1 << 16, onReady: { wakeup.wake() })
    }

    /// Read by the tests while the server's thread applies, hence the lock.
    var state: ConsoleState { current.withLock { $0 } }

    func turn() -> [Envelope] {
        let envelopes = subscription.drain()
        current.withLock { state in
            for envelope in envelopes { state.apply(envelope) }
        }
        return envelopes
    }

    func start() {}

    /// How many times the server asked for a reload, and whether it closed the core.
    let reloads = Mutex(0), isClosed = Mutex(false)

    func reload() { reloads.withLock { $0 += 1 } }

    func close() { isClosed.withLock { $0 = true } }

    /// What `/healthz` reports; set by a test.
    let problems = Mutex<[String]>([])
    var health: HubHealth { HubHealth(problems: problems.withLock { $0 }) }

    func now() -> Instant { clock }

    func secondsUntilDue() -> Double? { nil }

    func submit(_ event: BusEvent, key: String, connection: String) -> Bool {
        guard keys.insert(key).inserted else { return false }
        bus.publish(event, at: clock, source: "console", id: key, console: connection)
        return true
    }

    func ingest(_ event: BusEvent, source: String) {
        bus.publish(event, at: clock, source: source)
    }
}

/// A hub on a temporary socket (and TCP and webhook ports the system picks), served on a
/// thread of its own until the rig is stopped.
final class HubRig: @unchecked Sendable {
    static let token = "correct-horse-battery-staple"
    static let viewerToken = "wallboard-token-0123456789"
    static let ingestToken = "ingest-token-0123456789"
    /// The operator's token, the viewer's stored as its SHA-256, and an ingest source's.
    static let tokens = AccessTokens([
        AccessGrant(name: "kenji-laptop", role: .operator, secret: .plain(token)),
        AccessGrant(name: "wallboard", role: .viewer, secret: .sha256(Array(SHA256.hash(data: Array(viewerToken.utf8))))),
        AccessGrant(name: "feeds", role: .ingest, secret: .plain(ingestToken)),
    ])
    let core: TestCore
    let server: HubServer
    let socket: HubAddress
    let tcp: HubAddress
    let webhook: HubAddress

    /// What the hub logged, for tests that wait on it.
    let log = LogLines()

    init(lagLimitBytes: Int = 1 << 20, lagSeconds: Double = 2, ingestPerSecond: Double = 500, ingestBurst: Double = 2000,
         helloTimeoutSeconds: Double = 5, tls: ServerTLS? = nil) throws {
        core = TestCore()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-\(UUID().uuidString.prefix(8))").path
        socket = .unix(path: folder + "/hub.sock")
        var settings = HubSettings(socket: socket, tcp: .tcp(host: "127.0.0.1", port: 0), tokens: Self.tokens,
                                   webhook: .tcp(host: "127.0.0.1", port: 0), site: "test")
        settings.tls = tls
        settings.lagLimitBytes = lagLimitBytes
        settings.lagSeconds = lagSeconds
        settings.helloTimeoutSeconds = helloTimeoutSeconds
        settings.ingestPerSecond = ingestPerSecond
        settings.ingestBurst = ingestBurst
        server = try HubServer(settings: settings, core: core, logger: Logger(label: "hub-test") { [log] _ in log })
        let ports = server.tcpPorts
        tcp = .tcp(host: "127.0.0.1", port: ports[0])
        webhook = .tcp(host: "127.0.0.1", port: ports[1])
    }

    /// Stops as `tally serve` does: bye to every client, then the core's last turn.
    func stop() {
        try? server.stopServing(reason: "test over").wait()
        try? server.close().wait()
    }

    /// A raised alert, as a source would send it.
    static func raise(_ key: String, severity: Severity = .critical) -> BusEvent {
        .alertRaised(AlertRaised(dedupKey: key, severity: severity, summary: "\(key) failed", source: "test"))
    }
}

/// Log messages kept in memory, so that a test can wait for one.
final class LogLines: LogHandler, @unchecked Sendable {
    private let lines = Mutex<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append(event.message.description) }
    }

    /// Whether a message containing `text` is logged before the timeout.
    func waitFor(_ text: String, timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            if lines.withLock({ $0.contains { $0.contains(text) } }) { return true }
            usleep(20_000)
        }
        return false
    }
}

/// A client speaking the protocol by hand, reading with deadlines.
final class RawClient {
    let descriptor: Int32
    private var pending: [UInt8] = []

    init(_ address: HubAddress) throws {
        switch address {
        case .unix(let path): descriptor = try RawSocket.connect(unixPath: path)
        case .tcp(let host, let port): descriptor = try RawSocket.connect(host: host, port: port)
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) {
        send(Array((text + "\n").utf8))
    }

    func send(_ bytes: [UInt8]) {
        RawSocket.sendAll(bytes, to: descriptor)
    }

    /// Closes the sending side, as a source does at the end of its input.
    func finishSending() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    func hello(role: ClientMessage.Hello.Role = .console, token: String? = nil, name: String? = nil) throws {
        send(try ClientMessage.Hello(role: role, name: name, token: token).line())
    }

    /// The next message, or nil when none comes within the timeout or the hub closed.
    func next(timeout: Double = 5) -> HubMessage? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[..<newline]
                defer { pending.removeFirst(newline + 1) }
                do {
                    return try HubMessage(line: line)
                } catch {
                    print("undecodable line (\(line.count) bytes): \(String(decoding: line.prefix(120), as: UTF8.self)) \(error)")
                    return nil
                }
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var waiting = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            guard poll(&waiting, 1, Int32(saturating: left * 1000)) > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count < 0, errno == EAGAIN { continue }
            guard count > 0 else { return nil }
            pending += buffer[0..<count]
        }
    }

    /// Reads until a message satisfies `match`, skipping others; nil at the timeout.
    func waitFor<T>(timeout: Double = 5, _ match: (HubMessage) -> T?) -> T? {
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            guard let message = next(timeout: deadline.timeIntervalSinceNow) else { return nil }
            if let found = match(message) { return found }
        }
        return nil
    }

    /// Whether the hub has closed the connection (reads until end of stream or the timeout).
    func isClosedByHub(timeout: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while deadline.timeIntervalSinceNow > 0 {
            var waiting = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            guard poll(&waiting, 1, Int32(saturating: deadline.timeIntervalSinceNow * 1000)) > 0 else { return false }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return true }
            if count < 0, errno != EAGAIN { return true }
        }
        return false
    }
}
