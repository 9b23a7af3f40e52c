import ArgumentParser
import Foundation
import Logging
import NIOPosix
import TallyBus
import TallyCore
import TallyHub
import TallyRoom
import TallyTestSupport

/// `tally-bench room`: several sites on one PostgreSQL (`TALLY_TEST_POSTGRES`, or one this
/// starts): an acknowledgement from one site's console to the consoles of the others, the log's
/// append rate in batches and one by one, its size on disk, a hub's catch-up after ten minutes
/// away, and a start on a long log from its saved state.
struct RoomBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "room", abstract: "Measure a shared room: cross-site acks, appends, size, catch-up, start-up.")

    @Option(help: "Acknowledgements to time across the sites.")
    var acks = 100

    @Option(help: "Consoles at each of the three sites.")
    var consoles = 10

    @Option(help: "Envelopes a second a busy night's hub appends (500 feeds, a sample each every 2 s).")
    var rate = 250

    func run() async throws {
        guard TestPostgres.isAvailable else { throw ValidationError("no PostgreSQL: set TALLY_TEST_POSTGRES or install PostgreSQL 15") }
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("tally").path
        try crossSiteAcknowledgements(binary: binary, room: try TestPostgres.freshDatabase())
        let url = try TestPostgres.freshDatabase()
        let room = try RoomAddress(url: url)
        let log = try await RoomLog.open(room, on: MultiThreadedEventLoopGroup.singleton.next(), logger: Self.logger)
        try await appends(log, url: url)
        try await catchUp(room, log: log)
        await log.close()
    }

    static let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }

    private func crossSiteAcknowledgements(binary: String, room: String) throws {
        let sites = ["los-gatos", "los-angeles", "tokyo"]
        let hubs = try sites.map { try BenchHub(tallyBinary: binary, site: $0, extraArguments: ["--shared", room]) }
        defer { withExtendedLifetime(hubs) {} }
        let fleets = try hubs.map { try ConsoleFleet(count: consoles, hub: $0.socket) }
        let source = try ConsoleFleet.ingest(hubs[0].socket)
        var latencies: [Double] = []
        for index in 0..<acks {
            let key = "bench/alert-\(index)"
            for fleet in fleets { fleet.watch(key) }
            source.send(Array(#"{"type":"alert.raised","data":{"dedup_key":"\#(key)","severity":"critical","summary":"bench","source":"bench"}}"#.utf8) + [10])
            for fleet in fleets {
                guard fleet.waitForAll(key, timeout: 20) != nil else { throw ValidationError("alert \(index) never reached every site") }
                fleet.unwatch(key)
            }
            let idempotency = "ack-\(index)"
            let marker = "\"id\":\"\(idempotency)\""
            for fleet in fleets { fleet.watch(marker) }
            let action = BusEvent.operatorAction(OperatorAction(alertId: 0, dedupKey: key, action: .ack, actor: "bench", channel: "bench"))
            let sent = MonotonicClock.now()
            // From a console at Los Angeles to every console at Los Gatos and Tokyo.
            fleets[1].send(try ClientMessage.actionLine(action, key: idempotency), from: 0)
            for other in [0, 2] {
                guard let seen = fleets[other].waitForAll(marker, timeout: 20) else {
                    // What the hubs said about their links, to tell a slow room from a lost envelope.
                    for hub in hubs {
                        let log = (try? String(contentsOf: hub.folder.appendingPathComponent("state/tally/hub.log"), encoding: .utf8)) ?? ""
                        for line in log.split(separator: "\n") where line.contains("room link") || line.contains("fell behind") || line.contains("back in") { print(line) }
                    }
                    throw ValidationError("ack \(index) never reached \(sites[other])")
                }
                latencies += seen.values.map { ($0 - sent) * 1000 }
            }
            for fleet in fleets { fleet.unwatch(marker) }
        }
        latencies.sort()
        let percentile = { (p: Double) in latencies[min(latencies.count - 1, Int(saturating: Double(latencies.count) * p))] }
        print(String(format: "cross-site ack, 3 hubs × %d consoles: p50 %6.2f ms  p99 %6.2f ms  (%d acks from los-angeles, each seen by %d consoles at the other two sites)",
                     consoles, percentile(0.5), percentile(0.99), acks, 2 * consoles))
    }

    /// A busy night's sample, as a hub appends it.
    static func sample(_ index: Int, at start: Instant) -> Envelope {
        Envelope(seq: 0, timestamp: start.adding(seconds: Double(index) / 250), source: "viewers", site: "los-gatos",
                 event: .viewers(ViewerSample(eventId: "ev-\(index % 50)", concurrent: 100_000 + index)))
    }

    private func appends(_ log: RoomLog, url: String) async throws {
        let start = WallClockNow.instant()
        let batched = 50_000
        var began = MonotonicClock.now()
        for offset in stride(from: 0, to: batched, by: 500) {
            _ = try await log.append((offset..<offset + 500).map { Self.sample($0, at: start) }, site: "los-gatos")
        }
        let batchedRate = Double(batched) / (MonotonicClock.now() - began)
        let single = 2_000
        began = MonotonicClock.now()
        for index in batched..<batched + single { _ = try await log.append([Self.sample(index, at: start)], site: "los-gatos") }
        let singleRate = Double(single) / (MonotonicClock.now() - began)
        print(String(format: "log appends: %.0f envelopes/s in batches of 500, %.0f/s one by one (×%.0f)", batchedRate, singleRate, batchedRate / singleRate))
        let size = try TestPostgres.run(["psql", url, "-At", "-c", "SELECT pg_total_relation_size('room_log')"])
        let bytes = Double(size.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let perRow = bytes / Double(batched + single)
        let thinned = Self.thinnedRate(feeds: rate * 2)
        for (what, perSecond) in [("probed", Double(rate)), ("thinned to the room", thinned)] {
            let perHour = perSecond * 3600
            print(String(format: "a busy night's samples, %@ (%.0f envelopes/s): %.0f rows an hour, %.0f bytes a row with its indexes: %.1f GB a day",
                         what, perSecond, perHour, perRow, perRow * perHour * 24 / 1e9))
        }
    }

    /// Envelopes a second that reach the room from `feeds` probed every 2 s, through the hub's
    /// `SampleThinning`, over ten minutes.
    static func thinnedRate(feeds: Int) -> Double {
        var thinning = SampleThinning()
        var passed = 0
        let start = WallClockNow.instant()
        for second in 0..<600 {
            let probes = (0..<feeds).filter { $0 % 2 == second % 2 }.map { feed in
                Envelope(seq: 0, timestamp: start.adding(seconds: Double(second)), source: "monitor", site: "los-gatos",
                         event: .feedSample(FeedSample(feedId: "feed-\(feed)", variant: "720p", targetDuration: 2, playlistAge: 1, mediaSequence: second,
                                                       discontinuitySequence: 0, liveWindow: 12, segmentDownloadTime: 0.2, measuredBitrate: 3_000_000,
                                                       declaredBitrate: 3_000_000, errors: 0)))
            }
            passed += thinning.pass(probes, now: Double(second)).count
        }
        return Double(passed) / 600
    }

    private func catchUp(_ room: RoomAddress, log: RoomLog) async throws {
        // Ten minutes away at the busy rate, on top of what is there.
        let away = rate * 600
        let start = WallClockNow.instant()
        for offset in stride(from: 0, to: away, by: 500) {
            _ = try await log.append((offset..<min(away, offset + 500)).map { Self.sample(1_000_000 + $0, at: start) }, site: "tokyo")
        }
        let behind = try await log.lastSeq() - UInt64(away)
        var seconds = try await Self.follow(room, from: behind)
        print(String(format: "catch-up after 10 minutes away (%d entries): %.2f s, %.0f entries/s", away, seconds, Double(away) / seconds))
        // A start on a long log: the newest saved state, then at most 5 minutes of log after it (saved every 5 minutes).
        let state = try await Self.stateAt(log, seq: try await log.lastSeq() - UInt64(rate * 300))
        try await log.save(state, site: "los-gatos")
        seconds = try await Self.follow(room, from: 0)
        print(String(format: "start-up on a long log from its saved state (seq %d, then %d entries): %.2f s", state.lastSeq, rate * 300, seconds))
    }

    /// The room's state after entry `seq`, reduced from the log.
    static func stateAt(_ log: RoomLog, seq: UInt64) async throws -> ConsoleState {
        var state = ConsoleState()
        while state.lastSeq < seq {
            let entries = try await log.read(after: state.lastSeq, limit: 5_000)
            guard !entries.isEmpty else { break }
            for entry in entries where entry.seq <= seq { state.apply(entry.envelope) }
            if entries.last!.seq > seq { break }
        }
        return state
    }

    /// Seconds a hub's link takes, from `seq`, to have read the log to its end (taking what arrives as a hub would).
    static func follow(_ room: RoomAddress, from seq: UInt64) async throws -> Double {
        let link = RoomLink(address: room, site: "bench", logger: logger, arrived: {})
        let began = MonotonicClock.now()
        link.start(after: seq)
        while !link.status.isConnected {
            _ = link.take()
            try await Task.sleep(for: .milliseconds(2))
        }
        link.stop()
        return MonotonicClock.now() - began
    }
}

/// The time of day (the bench has no wall clock of its own).
enum WallClockNow {
    static func instant() -> Instant { Instant(millisecondsSinceEpoch: Int64(saturating: Date().timeIntervalSince1970 * 1000)) }
}
