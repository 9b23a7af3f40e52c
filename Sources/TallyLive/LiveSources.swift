import Synchronization
import TallyBus
import TallyConfig
import TallyCore
import TallySources

/// The live monitors of a run: a `FeedMonitor` for every feed and a `ViewerPoller` for every
/// viewer source, each watching through its event's day (`PhasePlan.watchWindow`), all on a
/// thread of their own and publishing onto the bus. Before its window a feed reads "not
/// watched until …"; after it, or when a reloaded schedule drops it, the monitor retires and
/// its alerts clear. Closing the console stops them and leaves their alerts standing.
public final class LiveSources: Sendable {
    public typealias Publish = @Sendable (BusEvent, Instant) -> Void

    /// One thing watched, as configured: a change restarts its monitor.
    private enum Watch: Equatable, Sendable {
        case feed(RunConfig.Feed, of: LiveEventScheduled)
        case viewers(RunConfig.ViewerSource, of: LiveEventScheduled)
    }

    private struct Running: Sendable {
        var watch: Watch
        var task: Task<Void, Never>
    }

    private let executor = ThreadExecutor(name: "tally-monitors")
    private let fetcher = Fetcher()
    private let clock: @Sendable () -> Instant
    private let publish: Publish
    private let running = Mutex<[String: Running]>([:])
    /// The content checks' budget, shared by every feed (made again when the configured share changes).
    private let contentBudget = Mutex<ContentBudget?>(nil)
    private let checker = ContentChecker()
    private let isClosing = Mutex(false)
    /// When the monitors' thread last ran its heartbeat (monotonic seconds).
    private final class Heartbeat: Sendable {
        let last = Mutex(MonotonicClock.now())
    }

    private let heartbeat = Heartbeat()
    private let beating: Task<Void, Never>

    /// Monitors that publish with `publish`; `update` starts them.
    public init(clock: @escaping @Sendable () -> Instant, publish: @escaping Publish) {
        self.clock = clock
        self.publish = publish
        let heartbeat = heartbeat
        beating = Task(executorPreference: executor) {
            while !Task.isCancelled {
                heartbeat.last.withLock { $0 = MonotonicClock.now() }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// How late the monitors' thread is: seconds since its once-a-second heartbeat last ran,
    /// less the second it sleeps. Near zero while monitors keep their cadence; growing when
    /// something holds the thread.
    public var lagSeconds: Double {
        max(0, MonotonicClock.now() - heartbeat.last.withLock { $0 } - 1)
    }

    /// Watches what `config` names: new feeds and sources start, changed ones restart, and
    /// those no longer named retire.
    public func update(_ config: RunConfig) {
        contentBudget.withLock { budget in
            if budget?.cores != config.contentBudget { budget = checker.isAvailable ? ContentBudget(cores: config.contentBudget) : nil }
        }
        var wanted: [String: Watch] = [:]
        for event in config.events {
            for descriptor in event.feeds {
                if let feed = config.feeds[descriptor.feedId] { wanted["feed:" + descriptor.feedId] = .feed(feed, of: event) }
            }
        }
        for (index, source) in config.viewers.enumerated() {
            if let event = config.events.first(where: { $0.eventId == source.eventId }) {
                wanted["viewers:\(source.eventId):\(index)"] = .viewers(source, of: event)
            }
        }
        running.withLock { running in
            for (key, entry) in running where wanted[key] != entry.watch {
                entry.task.cancel()
                running[key] = nil
            }
            for (key, watch) in wanted where running[key] == nil {
                running[key] = Running(watch: watch, task: start(watch))
            }
        }
    }

    /// Ranks the feeds' content checks by what `state` says is on air and watched, so that the
    /// budget goes first to the on-air primaries of the most-watched events.
    public func rankContentChecks(by state: ConsoleState) {
        guard let budget = contentBudget.withLock({ $0 }) else { return }
        Task { await budget.rank(state) }
    }

    /// Stops every monitor, leaving alerts as they are: the console is closing, not the event.
    public func stop() {
        beating.cancel()
        isClosing.withLock { $0 = true }
        running.withLock { running in
            for entry in running.values { entry.task.cancel() }
            running = [:]
        }
    }

    private func start(_ watch: Watch) -> Task<Void, Never> {
        Task(executorPreference: executor) { [self] in
            switch watch {
            case .feed(let feed, let event): await self.watch(feed, of: event)
            case .viewers(let source, let event): await self.poll(source, of: event)
            }
        }
    }

    private func watch(_ feed: RunConfig.Feed, of event: LiveEventScheduled) async {
        let feedId = feed.descriptor.feedId
        let opens = PhasePlan.watchWindow(of: event).lowerBound
        if clock() < opens {
            publish(.feedHealth(FeedHealthChanged(feedId: feedId, status: .unknown,
                                                  reasons: ["not watched until \(opens.utcHourMinute) UTC"])), clock())
        }
        var settings = FeedMonitor.Settings(feedId: feedId, url: feed.url, thresholds: feed.thresholds,
                                            labels: Self.labels(of: feed.descriptor, event: event))
        settings.onAir = event.start..<event.end
        settings.steps = PhasePlan.steps(of: event)
        if let every = feed.contentEverySeconds, let budget = contentBudget.withLock({ $0 }) {
            settings.content = FeedMonitor.ContentSettings(checker: checker, budget: budget, everySeconds: every)
        }
        let monitor = FeedMonitor(settings: settings, fetcher: fetcher, clock: clock, publish: publish)
        if let reason = await within(event, run: { await monitor.run() }) { await monitor.retire(reason: reason) }
    }

    private func poll(_ source: RunConfig.ViewerSource, of event: LiveEventScheduled) async {
        let poller = ViewerPoller(eventId: event.eventId, query: source.query, intervalSeconds: source.intervalSeconds,
                                  dropFraction: source.dropFraction, fetcher: fetcher, clock: clock, publish: publish)
        if let reason = await within(event, run: { await poller.run() }) { await poller.retire(reason: reason) }
    }

    /// Runs `work` during the event's watch window. Returns why the watcher should retire (its
    /// event is over, or it was dropped from the schedule); nil when it never started or the
    /// console is closing.
    private func within(_ event: LiveEventScheduled, run work: @escaping @Sendable () async -> Void) async -> String? {
        let window = PhasePlan.watchWindow(of: event)
        let clock = clock
        try? await Task.sleep(for: .milliseconds(max(0, window.lowerBound.millisecondsSinceEpoch - clock().millisecondsSinceEpoch)))
        guard !Task.isCancelled, clock() < window.upperBound else { return nil }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await work() }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(max(0, window.upperBound.millisecondsSinceEpoch - clock().millisecondsSinceEpoch)))
            }
            await group.next()
            group.cancelAll()
        }
        if !Task.isCancelled { return "event over; no longer watched" }
        return isClosing.withLock { $0 } ? nil : "taken off the schedule; no longer watched"
    }

    private static func labels(of descriptor: FeedDescriptor, event: LiveEventScheduled) -> [String: String] {
        var labels = ["event": event.eventId, "role": descriptor.role.rawValue, "hop": descriptor.stage.rawValue, "tier": event.tier.rawValue]
        if !descriptor.path.isEmpty { labels["path"] = descriptor.path }
        if let team = descriptor.team { labels["team"] = team }
        return labels
    }

}
