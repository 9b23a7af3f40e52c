import ArgumentParser
import Foundation
import Synchronization
import TallyBus
import TallyCore
import TallyHub

/// `tally-bench tls`: a real hub (`tally serve --listen`) over plaintext TCP and over TLS, with
/// Tally's own console link (`HubLink`) on both: how long an attach takes (connect, TLS
/// handshake, hello, snapshot), how fast an acknowledgement reaches the other consoles, and
/// what the hub costs with 100 live feeds and 3 consoles attached.
struct TLSBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls", abstract: "Measure the hub over TLS against plaintext TCP: attach time, acknowledgement propagation, steady state.")

    @Option(help: "Attaches to time on each transport.")
    var attaches = 100

    @Option(help: "Acknowledgements to time for each fleet size.")
    var acks = 200

    @Option(help: "Seconds to watch the steady state (100 live feeds, 3 consoles) on each transport.")
    var seconds: Double = 20

    func run() throws {
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("tally").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (certificate, key) = try Self.selfSigned(in: folder)
        let token = "bench-token-0123456789abcdef"
        let tokenFile = folder.appendingPathComponent("token").path
        try token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let origin = try LocalOrigin()
        for secure in [false, true] {
            let port = UInt16.random(in: 20_000...60_000)
            let tls = secure ? ["--tls-cert", certificate, "--tls-key", key] : []
            let listening = { (port: UInt16) in ["--listen", "127.0.0.1:\(port)", "--token-file", tokenFile] + tls }
            let hub = try BenchHub(tallyBinary: binary, extraArguments: listening(port))
            let settings = HubLink.Settings(address: .tcp(host: "127.0.0.1", port: port), name: "bench", token: token,
                                            tls: secure ? ClientTLS(caPath: certificate) : nil)
            let name = secure ? "TLS" : "plaintext TCP"
            var times: [Double] = []
            for _ in 0..<attaches {
                let started = MonotonicClock.now()
                let link = try HubLink(settings: settings) {}
                times.append((MonotonicClock.now() - started) * 1000)
                link.stop()
            }
            print(String(format: "attach over %@: p50 %6.2f ms  p99 %6.2f ms  (%d attaches: connect, %@hello, snapshot)",
                         name, Self.percentile(times, 0.5), Self.percentile(times, 0.99), attaches, secure ? "TLS 1.3 handshake, " : ""))
            for clients in [3, 50] { try propagation(settings: settings, clients: clients, name: name) }
            _ = hub
            let steadyPort = port &+ 1
            var steadySettings = settings
            steadySettings.address = .tcp(host: "127.0.0.1", port: steadyPort)
            try steadyState(BenchHub(tallyBinary: binary, events: 50, feedsPerEvent: 2, originPort: origin.port, extraArguments: listening(steadyPort)),
                            settings: steadySettings, name: name)
        }
    }

    /// The hub's CPU and memory with 100 live feeds (2 s segments) and 3 consoles on the transport.
    private func steadyState(_ hub: BenchHub, settings: HubLink.Settings, name: String) throws {
        let arrivals = Arrivals()
        for index in 0..<3 { arrivals.add(try HubLink(settings: settings) { arrivals.drain(index) }) }
        defer { arrivals.stopAll() }
        Thread.sleep(forTimeInterval: 8)  // every monitor past its first loads
        let (ticks, started) = (ProcessStats.cpuTicks(hub.pid), MonotonicClock.now())
        Thread.sleep(forTimeInterval: seconds)
        let cpu = Double(ProcessStats.cpuTicks(hub.pid) - ticks) / Double(sysconf(Int32(_SC_CLK_TCK))) / (MonotonicClock.now() - started) * 100
        print(String(format: "steady state over %@, 100 live feeds, 3 consoles: hub CPU %.1f %% of one core, RSS %.0f MB",
                     name, cpu, Double(ProcessStats.residentKB(hub.pid)) / 1024))
    }

    private func propagation(settings: HubLink.Settings, clients: Int, name: String) throws {
        let arrivals = Arrivals()
        for index in 0..<clients {
            arrivals.add(try HubLink(settings: settings) { arrivals.drain(index) })
        }
        defer { arrivals.stopAll() }
        var latencies: [Double] = []
        for index in 0..<acks {
            let key = "bench-\(name.first!)-\(clients)-\(index)"
            let action = OperatorAction(alertId: 0, dedupKey: "bench/tls", action: index % 2 == 0 ? .ack : .unack, actor: "bench", channel: "bench")
            let sent = MonotonicClock.now()
            arrivals.send(.operatorAction(action), key: key)
            guard let seen = arrivals.waitForAll(key, count: clients - 1, except: 0, timeout: 10) else { throw ValidationError("ack \(index) never arrived") }
            latencies += seen.map { ($0 - sent) * 1000 }
        }
        print(String(format: "ack propagation over %@, %2d consoles: p50 %6.2f ms  p99 %6.2f ms  (%d acks, stored with fsync, seen by %d others each)",
                     name, clients, Self.percentile(latencies, 0.5), Self.percentile(latencies, 0.99), acks, clients - 1))
    }

    private static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(saturating: Double(sorted.count) * p))]
    }

    /// A self-signed certificate for 127.0.0.1, by openssl.
    private static func selfSigned(in folder: URL) throws -> (String, String) {
        let (certificate, key) = (folder.appendingPathComponent("hub.pem").path, folder.appendingPathComponent("hub.key").path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", certificate,
                             "-days", "2", "-subj", "/CN=bench-hub", "-addext", "subjectAltName=IP:127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("openssl could not make a certificate") }
        return (certificate, key)
    }
}

/// Consoles on Tally's own links, and when each saw each action, by idempotency key.
private final class Arrivals: Sendable {
    private let state = Mutex<(links: [HubLink], seen: [String: [Int: Double]])>(([], [:]))

    func add(_ link: HubLink) { state.withLock { $0.links.append(link) } }

    func stopAll() { for link in state.withLock({ $0.links }) { link.stop() } }

    func send(_ event: BusEvent, key: String) { state.withLock { $0.links.first }?.send(event, key: key) }

    /// Takes what arrived on link `index` (called on its event loop as it arrives).
    func drain(_ index: Int) {
        guard let link = state.withLock({ index < $0.links.count ? $0.links[index] : nil }) else { return }
        let now = MonotonicClock.now()
        let keys = link.take().compactMap { item -> String? in if case .envelope(let envelope) = item { envelope.id } else { nil } }
        guard !keys.isEmpty else { return }
        state.withLock { state in for key in keys { state.seen[key, default: [:]][index] = now } }
    }

    func waitForAll(_ key: String, count: Int, except: Int, timeout: Double) -> [Double]? {
        let deadline = MonotonicClock.now() + timeout
        while MonotonicClock.now() < deadline {
            let times = state.withLock { $0.seen[key] ?? [:] }.filter { $0.key != except }
            if times.count >= count { return Array(times.values) }
            usleep(100)
        }
        return nil
    }
}
