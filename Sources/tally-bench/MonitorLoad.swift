import Foundation
import TallyCore
import TallySources

/// Watches `feeds` live feeds on a local origin (a child process), or on `origin` when given,
/// for `seconds` and reports this process's CPU and memory: what watching a night's worth of
/// feeds costs. With content checks, the origin serves a real 2 s 320x240 segment, every feed
/// is checked every 10 s out of one budget of a quarter of a core, and ffmpeg's CPU is counted
/// with the monitors'. The CPU of `peers` (the origin's server) is measured over the same window.
struct MonitorLoad {
    var feeds: Int
    var seconds: Double
    var checksContent = false
    var origin: String?
    var peers: [Int32] = []

    struct Result {
        var feeds: Int
        var seconds: Double
        var cpuPercent: Double
        var residentMB: Double
        var samples: Int
        var notOK: Int
        /// ffmpeg's share of a core, and the checks a second that ran.
        var checksCPUPercent = 0.0
        var checks = 0
        var failedChecks: [String] = []
        /// The peers' share of a core over the same window.
        var peersCPUPercent: Double?

        var line: String {
            String(format: "CPU %5.1f %% of one core (%.3f %% a feed) · RSS %.0f MB · %.0f loads/s · %d feeds not OK",
                   cpuPercent, cpuPercent / Double(max(1, feeds)), residentMB, Double(samples) / seconds, notOK)
                + (checks == 0 ? "" : String(format: " · content checks %.1f/s, ffmpeg %.1f %% of a core: %.1f %% in all",
                                            Double(checks) / seconds, checksCPUPercent, cpuPercent + checksCPUPercent))
                + (failedChecks.isEmpty ? "" : " · \(failedChecks.count) checks failed, the first: \(failedChecks[0])")
                + (peersCPUPercent.map { String(format: " · the origin's server %.1f %% of a core (%.2f×)", $0, cpuPercent / max(0.01, $0)) } ?? "")
        }
    }

    func run() throws -> Result {
        let segmentFile = FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-origin-segment.ts").path
        if checksContent { try Data(ContentBenchmarks.segment(size: "320x240")).write(to: URL(fileURLWithPath: segmentFile)) }
        defer { try? FileManager.default.removeItem(atPath: segmentFile) }
        let local = try origin == nil ? LocalOrigin(segmentFile: checksContent ? segmentFile : nil) : nil
        defer { withExtendedLifetime(local) {} }
        let base = origin ?? "http://127.0.0.1:\(local!.port)"
        let counts = Counts()
        let executor = ThreadExecutor(name: "monitors")
        let fetcher = Fetcher()
        let budget = ContentBudget()
        let tasks = (0..<feeds).map { index in
            var settings = FeedMonitor.Settings(feedId: "feed-\(index)", url: "\(base)/feed-\(index)/index.m3u8")
            if checksContent { settings.content = FeedMonitor.ContentSettings(budget: budget) }
            let monitor = FeedMonitor(settings: settings, fetcher: fetcher, clock: {
                Instant(Date())
            }, publish: counts.add)
            return Task(executorPreference: executor) { await monitor.run() }
        }
        // Let every monitor make its first loads before measuring.
        Thread.sleep(forTimeInterval: 5)
        let pid = getpid()
        let before = ProcessStats.cpuTicks(pid), childrenBefore = ContentBudget.childrenCPUSeconds()
        let peersBefore = peers.map(ProcessStats.cpuTicks)
        counts.reset()
        let started = Date()
        Thread.sleep(forTimeInterval: seconds)
        let elapsed = Date().timeIntervalSince(started)
        func share(_ ticks: Int) -> Double { Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK))) / elapsed * 100 }
        let cpu = share(ProcessStats.cpuTicks(pid) - before)
        let peersCPU = peers.isEmpty ? nil : share(zip(peers, peersBefore).map { ProcessStats.cpuTicks($0) - $1 }.reduce(0, +))
        let childrenCPU = (ContentBudget.childrenCPUSeconds() - childrenBefore) / elapsed * 100
        for task in tasks { task.cancel() }
        return Result(feeds: feeds, seconds: elapsed, cpuPercent: cpu, residentMB: Double(ProcessStats.residentKB(pid)) / 1024,
                      samples: counts.samples, notOK: counts.notOK, checksCPUPercent: childrenCPU, checks: counts.checks,
                      failedChecks: counts.failures, peersCPUPercent: peersCPU)
    }

    /// Tallies what the monitors published.
    final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var latest: [FeedID: FeedStatus] = [:]
        private var loads = 0
        private var contentChecks = 0
        private var failedChecks: [String] = []

        func add(_ event: BusEvent, _ at: Instant) {
            lock.withLock {
                switch event {
                case .feedSample: loads += 1
                case .feedContent(let checked):
                    contentChecks += 1
                    if let problem = checked.problem { failedChecks.append(problem) }
                case .feedHealth(let report): latest[report.feedId] = report.status
                default: break
                }
            }
        }

        var samples: Int { lock.withLock { loads } }
        var checks: Int { lock.withLock { contentChecks } }
        var failures: [String] { lock.withLock { failedChecks } }
        func reset() { lock.withLock { (loads, contentChecks, failedChecks) = (0, 0, []) } }
        var notOK: Int { lock.withLock { latest.values.filter { $0 != .ok }.count } }
    }
}
