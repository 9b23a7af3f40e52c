import ArgumentParser
import Foundation
import Glibc
import TallyCore
import TallyBus
import TallyHub
import TallyTestSupport

/// `tally-bench hub`: a real hub (`tally serve`) with consoles attached by hand — how fast an
/// acknowledgement reaches the other consoles, how many envelopes a second the hub sends to
/// fifty, and how many bytes a second one console receives from a busy night at rest.
struct HubBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hub", abstract: "Measure the hub: acknowledgement propagation, fan-out, steady traffic.")

    @Option(help: "Acknowledgements to time for each fleet size.")
    var acks = 200

    @Option(help: "Envelopes for the fan-out run.")
    var envelopes = 50_000

    @Option(help: "Seconds to watch the steady state.")
    var seconds: Double = 30

    @Option(help: "Live feeds for the steady state (two per event, on a local origin).")
    var feeds = 100

    func run() throws {
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("tally").path
        for clients in [3, 50] { try acknowledgements(binary: binary, clients: clients) }
        try fanOut(binary: binary, clients: 50)
        try steadyState(binary: binary)
    }

    private func acknowledgements(binary: String, clients: Int) throws {
        let hub = try BenchHub(tallyBinary: binary)
        let fleet = try ConsoleFleet(count: clients, hub: hub.socket)
        let source = try ConsoleFleet.ingest(hub.socket)
        var latencies: [Double] = []
        for index in 0..<acks {
            let key = "bench/alert-\(index)"
            fleet.watch(key)
            source.send(Array(#"{"type":"alert.raised","data":{"dedup_key":"\#(key)","severity":"critical","summary":"bench","source":"bench"}}"#.utf8) + [10])
            guard fleet.waitForAll(key, timeout: 10) != nil else { throw ValidationError("alert \(index) never arrived") }
            fleet.unwatch(key)
            let action = BusEvent.operatorAction(OperatorAction(alertId: 0, dedupKey: key, action: .ack, actor: "bench", channel: "bench"))
            let idempotency = "ack-\(index)"
            fleet.watch("\"id\":\"\(idempotency)\"")
            let sent = MonotonicClock.now()
            fleet.send(try ClientMessage.actionLine(action, key: idempotency), from: 0)
            guard let seen = fleet.waitForAll("\"id\":\"\(idempotency)\"", except: 0, timeout: 10) else { throw ValidationError("ack \(index) never arrived") }
            fleet.unwatch("\"id\":\"\(idempotency)\"")
            latencies += seen.values.map { ($0 - sent) * 1000 }
        }
        latencies.sort()
        let percentile = { (p: Double) in latencies[min(latencies.count - 1, Int(saturating: Double(latencies.count) * p))] }
        print(String(format: "ack propagation, %2d consoles: p50 %6.2f ms  p99 %6.2f ms  (%d acks, stored with fsync, seen by %d others each)",
                     clients, percentile(0.5), percentile(0.99), acks, clients - 1))
    }

    private func fanOut(binary: String, clients: Int) throws {
        let hub = try BenchHub(tallyBinary: binary, events: 50)
        let fleet = try ConsoleFleet(count: clients, hub: hub.socket)
        let source = try ConsoleFleet.ingest(hub.socket)
        fleet.watch("bench/end")
        let (before, ticks) = (fleet.totalBytes, ProcessStats.cpuTicks(hub.pid))
        let started = MonotonicClock.now()
        var batch: [UInt8] = []
        for index in 0..<envelopes {
            batch += Array(#"{"type":"viewers.sample","data":{"event_id":"ev-\#(index % 50)","concurrent":\#(100_000 + index)}}"#.utf8) + [10]
            if batch.count > 1 << 16 { source.send(batch); batch = [] }
        }
        source.send(batch + Array(#"{"type":"alert.raised","data":{"dedup_key":"bench/end","severity":"info","summary":"end","source":"bench"}}"#.utf8) + [10])
        guard let seen = fleet.waitForAll("bench/end", timeout: 120) else { throw ValidationError("the fan-out never finished") }
        let elapsed = (seen.values.max() ?? started) - started
        let delivered = Double(envelopes) / elapsed
        let cpu = Double(ProcessStats.cpuTicks(hub.pid) - ticks) / Double(sysconf(Int32(_SC_CLK_TCK))) / elapsed * 100
        print(String(format: "fan-out to %d consoles: %d envelopes in %.2f s: %.0f envelopes/s to each, %.2f M deliveries/s, %.1f MB/s sent; hub CPU %.0f %%",
                     clients, envelopes, elapsed, delivered, delivered * Double(clients) / 1e6, Double(fleet.totalBytes - before) / elapsed / 1e6, cpu))
    }

    private func steadyState(binary: String) throws {
        let origin = try LocalOrigin()
        let port = origin.port
        let hub = try BenchHub(tallyBinary: binary, events: feeds / 2, feedsPerEvent: 2, originPort: port)
        let fleet = try ConsoleFleet(count: 1, hub: hub.socket)
        Thread.sleep(forTimeInterval: 8)  // every monitor past its first loads
        let (bytes, ticks, started) = (fleet.totalBytes, ProcessStats.cpuTicks(hub.pid), MonotonicClock.now())
        Thread.sleep(forTimeInterval: seconds)
        let elapsed = MonotonicClock.now() - started
        let cpu = Double(ProcessStats.cpuTicks(hub.pid) - ticks) / Double(sysconf(Int32(_SC_CLK_TCK))) / elapsed * 100
        print(String(format: "steady state, %d live feeds (2 s segments): %.0f bytes/s to one attached console; hub CPU %.1f %% of one core, RSS %.0f MB",
                     feeds, Double(fleet.totalBytes - bytes) / elapsed, cpu, Double(ProcessStats.residentKB(hub.pid)) / 1024))
    }
}

extension ConsoleFleet {
    /// An ingest connection to `hub`, past its hello.
    static func ingest(_ hub: HubAddress) throws -> IngestLink {
        let link = IngestLink(descriptor: try RawSocket.connect(to: hub))
        link.send(try ClientMessage.Hello(role: .ingest).line())
        return link
    }
}

/// The sending end of an ingest connection (its refusals are not read: a benchmark sends only good lines).
final class IngestLink {
    let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8]) {
        RawSocket.sendAll(bytes, to: descriptor, timeoutSeconds: 60)
    }
}
