import Glibc
import TallyCore

/// The share of a core the content checks of every feed may spend together (`content:
/// {budget: 0.25}`): a bucket of seconds that fills at `cores` a second, up to a second's worth
/// and at least a tenth of one. A check may start while the bucket is not empty and fewer checks
/// than the budget's whole cores (at least one) are running; it takes its expected cost (the
/// checks' mean) out at once, and what it really took is settled when it ends. ffmpeg decodes on
/// one thread, so a check's wall time is at least its CPU (start-up included, most of a check's
/// cost): the checks never spend more than the budget, plus one check, never crowd the machine
/// (500 feeds offering segments at once start one check, not 500), and slow down when it is busy. It also plans how often each
/// feed is checked (`ContentPlan`): the checks a second the budget pays for, at the checks'
/// mean cost, go first to the on-air primaries of the most-watched events (`rank`).
public actor ContentBudget {
    public nonisolated let cores: Double
    private var seconds: Double
    private var filled = ContinuousClock.now
    /// Checks run, and the seconds charged for them, since the start.
    public private(set) var checks = 0
    public private(set) var charged = 0.0
    /// The feeds that want checks, and how often each asks.
    private var wanted: [FeedID: Double] = [:]
    /// The state the plan was last ranked by, and the plan.
    private var ranking: ConsoleState?
    private var plan: [FeedID: Double] = [:]
    /// A check's mean cost in seconds (a running mean over the last checks).
    public private(set) var meanCheckSeconds = 0.1
    /// Checks admitted and not yet charged.
    public private(set) var running = 0

    /// The checks' budget, in cores (0.01…64); the default is a quarter of one.
    public static let range = 0.01...64.0
    public static let standard = 0.25

    public init(cores: Double = ContentBudget.standard) {
        precondition(Self.range.contains(cores))
        self.cores = cores
        seconds = Self.capacity(cores)
    }

    private static func capacity(_ cores: Double) -> Double { max(cores, 0.1) }

    /// User and system CPU seconds of this process's children that have ended (a check's own
    /// cost, read around it, when checks run one at a time).
    public nonisolated static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The most checks that may run at once: the budget's whole cores, at least one.
    public nonisolated var concurrency: Int { max(1, Int(saturating: cores.rounded(.down))) }

    /// Whether a check may start now; when it may, the seconds taken out for it, to give back
    /// to `charge` when it ends.
    public func admit() -> Double? {
        let now = ContinuousClock.now
        seconds = min(Self.capacity(cores), seconds + cores * ((now - filled) / .seconds(1)))
        filled = now
        guard seconds > 0, running < concurrency else { return nil }
        running += 1
        seconds -= meanCheckSeconds
        return meanCheckSeconds
    }

    /// A check admitted with `reserved` seconds ended after `wallSeconds`.
    public func charge(_ wallSeconds: Double, reserved: Double) {
        running = max(0, running - 1)
        guard wallSeconds.isFinite, wallSeconds >= 0 else {
            seconds += reserved
            return
        }
        seconds += reserved - wallSeconds
        charged += wallSeconds
        checks += 1
        meanCheckSeconds += (min(wallSeconds, 60) - meanCheckSeconds) / Double(min(checks, 20))
        if checks % 20 == 0 { replan() }
    }

    /// The checks a second the budget pays for at their mean cost.
    public var checksPerSecond: Double { cores / max(meanCheckSeconds, 0.001) }

    /// A feed's monitor starts checking it, asking for a check every `everySeconds`.
    public func register(_ feedId: FeedID, everySeconds: Double) {
        wanted[feedId] = everySeconds
        replan()
    }

    public func unregister(_ feedId: FeedID) {
        wanted[feedId] = nil
        replan()
    }

    /// Ranks the feeds by `state`: which are on-air primaries, and their events' viewers.
    public func rank(_ state: ConsoleState) {
        ranking = state
        replan()
    }

    /// Seconds between two checks of `feedId` under the plan.
    public func interval(for feedId: FeedID) -> Double {
        plan[feedId] ?? wanted[feedId] ?? 10
    }

    private func replan() {
        let candidates = ranking.map { ContentPlan.candidates($0, everySeconds: wanted) }
            ?? wanted.map { ContentPlan.Candidate(feedId: $0.key, isOnAirPrimary: false, viewers: 0, everySeconds: $0.value) }
        plan = ContentPlan.intervals(candidates, checksPerSecond: checksPerSecond)
    }
}
