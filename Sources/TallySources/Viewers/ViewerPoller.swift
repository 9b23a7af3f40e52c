import Foundation
import TallyCore

/// Polls one event's viewer count on an interval and reports on the bus: a sample for each
/// good reading (never a zero for a failure), an alert while the source is stale, and an alert
/// while viewers have fallen by more than the drop fraction within a minute.
public actor ViewerPoller {
    public typealias Publish = @Sendable (BusEvent, Instant) -> Void

    private let query: ViewerQuery
    private let intervalSeconds: Double
    private let fetcher: Fetcher
    private let clock: @Sendable () -> Instant
    private let publish: Publish
    private var watch: ViewerWatch
    private var raised: Set<String> = []

    public init(eventId: EventID, query: ViewerQuery, intervalSeconds: Double, dropFraction: Double, fetcher: Fetcher,
                clock: @escaping @Sendable () -> Instant, publish: @escaping Publish) {
        self.query = query
        self.intervalSeconds = max(0.1, intervalSeconds)
        self.fetcher = fetcher
        self.clock = clock
        self.publish = publish
        self.watch = ViewerWatch(eventId: eventId, dropFraction: dropFraction)
    }

    /// Polls until cancelled.
    public func run() async {
        while !Task.isCancelled {
            let started = ContinuousClock.now
            await poll()
            try? await Task.sleep(until: started.advanced(by: .seconds(intervalSeconds)))
        }
    }

    /// One poll: read, judge, report.
    public func poll() async {
        let answer = await fetcher.fetch(query.url, timeoutSeconds: min(10, intervalSeconds), byteCap: 4 << 20)
        let at = clock()
        switch answer.flatMap(read) {
        case .success(let reading):
            watch.record(viewers: reading.viewers, at: at)
            publish(.viewers(ViewerSample(eventId: watch.eventId, concurrent: reading.viewers, shares: reading.shares)), at)
        case .failure(let failure):
            watch.recordFailure(failure.reason, at: at)
        }
        alert(AlertKeys.viewersStale(watch.eventId), when: watch.staleSince.map { since in
            (Severity.warning, "viewer counts stale since \(since.rfc3339.dropFirst(11).prefix(8)) UTC: \(watch.lastFailure ?? "no answer")")
        }, at: at)
        alert(AlertKeys.viewersDrop(watch.eventId), when: watch.drop.map { drop in
            (Severity.critical, "viewers fell \(Int(saturating: drop.fraction * 100, rounding: .toNearestOrAwayFromZero))% within a minute "
                + "(\(Figures.count(drop.from)) → \(Figures.count(drop.to)))")
        }, at: at)
    }

    /// Stops speaking for the event once it is over: its open alerts clear with `reason`.
    public func retire(reason: String) {
        let at = clock()
        for key in raised.sorted() { publish(.alertCleared(AlertCleared(dedupKey: key, summary: reason)), at) }
        raised = []
    }

    /// One good reading: the audience, and its shares where the source breaks it down.
    struct Reading {
        var viewers: Int
        var shares: [String: [String: Int]]?
    }

    private func read(_ bytes: [UInt8]) -> Result<Reading, FetchFailure> {
        switch query {
        case .prometheus(_, let metric, let matchers, let breakdown):
            let text = String(decoding: bytes, as: UTF8.self)
            guard let sum = PrometheusText.sum(text, metric: metric, matchers: matchers) else {
                return .failure(FetchFailure(reason: "no \(metric) sample matches"))
            }
            return Self.viewers(sum).map { Reading(viewers: $0, shares: Self.shares(PrometheusText.shares(text, metric: metric, matchers: matchers, by: breakdown))) }
        case .json(_, let pointer):
            guard let number = JSONPointer.number(in: bytes, at: pointer) else {
                return .failure(FetchFailure(reason: "no number at \(pointer)"))
            }
            return Self.viewers(number).map { Reading(viewers: $0) }
        }
    }

    /// The shares a source gave, each checked as a viewer count: a share out of range, a label
    /// value past 64 bytes, or values past `ViewerSample.shareValuesCap` leave that label out; nil when none is left.
    static func shares(_ sums: [String: [String: Double]]) -> [String: [String: Int]]? {
        var shares: [String: [String: Int]] = [:]
        for (label, values) in sums.prefix(ViewerSample.shareLabelsCap) where values.count <= ViewerSample.shareValuesCap {
            var counted: [String: Int] = [:]
            for (value, viewers) in values where value.utf8.count <= 64 {
                guard case .success(let count) = Self.viewers(viewers) else { counted = [:]; break }
                counted[value] = count
            }
            if !counted.isEmpty { shares[label] = counted }
        }
        return shares.isEmpty ? nil : shares
    }

    /// A reading as a viewer count, refused when it is not within `Limits.audience`.
    static func viewers(_ reading: Double) -> Result<Int, FetchFailure> {
        do {
            return .success(Int(saturating: try Limits.audience.checked(reading), rounding: .toNearestOrAwayFromZero))
        } catch {
            return .failure(FetchFailure(reason: "viewer count \(error.description)"))
        }
    }

    private func alert(_ key: String, when condition: (Severity, String)?, at instant: Instant) {
        let kind = String(key.prefix { $0 != "/" })
        if let (severity, summary) = condition {
            guard raised.insert(key).inserted else { return }
            publish(.alertRaised(AlertRaised(dedupKey: key, severity: severity, summary: summary, source: "viewers-poller",
                                             component: watch.eventId, group: watch.eventId, class: kind,
                                             labels: ["event": watch.eventId, "team": "audience"])), instant)
        } else if raised.remove(key) != nil {
            publish(.alertCleared(AlertCleared(dedupKey: key)), instant)
        }
    }
}

/// A fetch or a reading that gave no number, with the reason.
struct FetchFailure: Error, Equatable {
    var reason: String
}

extension Fetcher.Answer {
    /// The body transformed, or the failure carried through.
    func flatMap<T>(_ transform: ([UInt8]) -> Result<T, FetchFailure>) -> Result<T, FetchFailure> {
        switch self {
        case .body(let bytes, _): transform(bytes)
        case .failure(let reason): .failure(FetchFailure(reason: reason))
        }
    }
}
