import TallyConfig
import TallyCore
import TallySources

/// The live monitors of a run: a `FeedMonitor` for every feed and a `ViewerPoller` for every
/// viewer source, each watching through its event's day (`PhasePlan.watchWindow`: from the
/// first step of its rundown to the last), all on a thread of their own and publishing onto the bus. Before its window
/// a feed reads "not watched until …"; after it, the monitor retires and its alerts clear.
public final class LiveSources: Sendable {
    public typealias Publish = @Sendable (BusEvent, Instant) -> Void

    private let executor = ThreadExecutor(name: "tally-monitors")
    private let task: Task<Void, Never>

    /// Starts watching the configuration's feeds and viewer sources at once.
    public init(config: RunConfig, clock: @escaping @Sendable () -> Instant, publish: @escaping Publish) {
        let events = config.events, feeds = config.feeds, viewers = Dictionary(grouping: config.viewers, by: \.eventId)
        let fetcher = Fetcher()
        task = Task(executorPreference: executor) {
            await withDiscardingTaskGroup { group in
                for event in events {
                    for descriptor in event.feeds {
                        guard let feed = feeds[descriptor.feedId] else { continue }
                        group.addTask { await Self.watch(feed, of: event, fetcher: fetcher, clock: clock, publish: publish) }
                    }
                    for source in viewers[event.eventId] ?? [] {
                        group.addTask { await Self.poll(source, of: event, fetcher: fetcher, clock: clock, publish: publish) }
                    }
                }
            }
        }
    }

    /// Stops every monitor (alerts stay as they are: the console is closing, not the event).
    public func stop() { task.cancel() }

    private static func watch(_ feed: RunConfig.Feed, of event: LiveEventScheduled, fetcher: Fetcher,
                              clock: @escaping @Sendable () -> Instant, publish: @escaping Publish) async {
        let feedId = feed.descriptor.feedId
        let opens = PhasePlan.watchWindow(of: event).lowerBound
        if clock() < opens {
            publish(.feedHealth(FeedHealthChanged(feedId: feedId, status: .unknown,
                                                  reasons: ["not watched until \(Self.clock(opens)) UTC"])), clock())
        }
        var settings = FeedMonitor.Settings(feedId: feedId, url: feed.url, thresholds: feed.thresholds,
                                            labels: labels(of: feed.descriptor, event: event))
        settings.onAir = event.start..<event.end
        let monitor = FeedMonitor(settings: settings, fetcher: fetcher, clock: clock, publish: publish)
        guard await within(event, clock: clock, run: { await monitor.run() }) else { return }
        await monitor.retire(reason: "event over; no longer watched")
    }

    private static func poll(_ source: RunConfig.ViewerSource, of event: LiveEventScheduled, fetcher: Fetcher,
                             clock: @escaping @Sendable () -> Instant, publish: @escaping Publish) async {
        let poller = ViewerPoller(eventId: event.eventId, query: source.query, intervalSeconds: source.intervalSeconds,
                                  dropFraction: source.dropFraction, fetcher: fetcher, clock: clock, publish: publish)
        guard await within(event, clock: clock, run: { await poller.run() }) else { return }
        await poller.retire(reason: "event over; no longer watched")
    }

    /// Runs `work` during the event's watch window; true when the window closed on it (the
    /// event is over), false when it was never open or the sources were stopped.
    private static func within(_ event: LiveEventScheduled, clock: @escaping @Sendable () -> Instant,
                               run work: @escaping @Sendable () async -> Void) async -> Bool {
        let window = PhasePlan.watchWindow(of: event)
        let opens = window.lowerBound, closes = window.upperBound
        try? await Task.sleep(for: .milliseconds(max(0, opens.millisecondsSinceEpoch - clock().millisecondsSinceEpoch)))
        guard !Task.isCancelled, clock() < closes else { return false }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await work() }
            group.addTask { try? await Task.sleep(for: .milliseconds(max(0, closes.millisecondsSinceEpoch - clock().millisecondsSinceEpoch))) }
            await group.next()
            group.cancelAll()
        }
        return !Task.isCancelled
    }

    private static func labels(of descriptor: FeedDescriptor, event: LiveEventScheduled) -> [String: String] {
        var labels = ["event": event.eventId, "role": descriptor.role.rawValue, "hop": descriptor.stage.rawValue, "tier": event.tier.rawValue]
        if !descriptor.path.isEmpty { labels["path"] = descriptor.path }
        if let team = descriptor.team { labels["team"] = team }
        return labels
    }

    private static func clock(_ instant: Instant) -> String { String(instant.rfc3339.dropFirst(11).prefix(5)) }
}
