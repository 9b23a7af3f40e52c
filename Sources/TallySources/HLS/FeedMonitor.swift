import Foundation
import TallyCore

/// Watches one feed's live HLS stream over HTTP and reports on the bus: a sample per
/// reload, a health change whenever the verdict or its reasons change, and alerts raised and
/// cleared as problems come and go. Reloads follow RFC 8216 §6.3.4: one target duration after
/// the start of a load that changed the playlist, half of one after a load that did not.
public actor FeedMonitor {
    /// What to watch, and how hard.
    public struct Settings: Sendable {
        public var feedId: FeedID
        public var url: String
        public var thresholds: FeedThresholds
        /// Labels every alert of this feed carries (`event`, `team`, `hop`, …); an alert's
        /// summary names the `team` to hand it to.
        public var labels: [String: String]
        /// When the event is on air, so that a playlist ending (ENDLIST) is a fault; nil for
        /// always.
        public var onAir: Range<Instant>?
        public var playlistByteCap = 1 << 20
        public var segmentByteCap = 32 << 20
        public var multivariantReloadSeconds = 30.0
        /// The deadline of a playlist load before its target duration is known.
        public var requestTimeoutSeconds = 5.0
        /// How the feed's content is checked; nil for not at all.
        public var content: ContentSettings?
        /// The event's rundown, in time order: a planned break expects black and silence, an ad break its SCTE-35 cue.
        public var steps: [RundownStep] = []

        public init(feedId: FeedID, url: String, thresholds: FeedThresholds = .standard, labels: [String: String] = [:]) {
            self.feedId = feedId
            self.url = url
            self.thresholds = thresholds
            self.labels = labels
        }
    }

    /// A feed's content checks: how often, by what rules, within which budget.
    public struct ContentSettings: Sendable {
        public var checker: ContentChecker
        public var budget: ContentBudget
        public var everySeconds: Double
        public var rules: ContentRules

        public init(checker: ContentChecker = ContentChecker(), budget: ContentBudget, everySeconds: Double = 10, rules: ContentRules = .standard) {
            self.checker = checker
            self.budget = budget
            self.everySeconds = everySeconds
            self.rules = rules
        }
    }

    public typealias Publish = @Sendable (BusEvent, Instant) -> Void

    private let settings: Settings
    private let fetcher: Fetcher
    private let publish: Publish
    private let clock: @Sendable () -> Instant
    private var watch: FeedWatch
    private var reported: FeedHealthChanged?
    private var raised: [String: VariantProblem] = [:]
    private var content: ContentWatch
    /// The newest segment of the checked variant waiting for its content check.
    private let segments: (stream: AsyncStream<Segment>, continuation: AsyncStream<Segment>.Continuation)
    private var lastChecked: ContinuousClock.Instant?
    private var lastThumbnail: Thumbnail?
    private var previews = PreviewSchedule()

    public init(settings: Settings, fetcher: Fetcher, clock: @escaping @Sendable () -> Instant, publish: @escaping Publish) {
        self.settings = settings
        self.fetcher = fetcher
        self.clock = clock
        self.publish = publish
        self.watch = FeedWatch(feedId: settings.feedId, thresholds: settings.thresholds)
        self.watch.breaks = PhasePlan.adBreaks(steps: settings.steps)
        self.content = ContentWatch(rules: settings.content?.rules ?? .standard)
        self.segments = AsyncStream.makeStream(of: Segment.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Watches until cancelled, with the content checks beside the playlists' reloads.
    public func run() async {
        guard let settings = settings.content else { return await watchTransport() }
        await withDiscardingTaskGroup { group in
            group.addTask { await self.checkContent(settings) }
            await watchTransport()
            group.cancelAll()
        }
    }

    private func watchTransport() async {
        while !Task.isCancelled {
            let answer = await fetcher.fetch(settings.url, timeoutSeconds: settings.requestTimeoutSeconds, byteCap: settings.playlistByteCap)
            switch Self.playlist(from: answer) {
            case .success(.media):
                watch.watchSingle(uri: settings.url)
                await watchVariant(uri: settings.url, url: settings.url)
                return
            case .success(.multivariant(let multivariant)):
                await watchVariants(multivariant)
                return
            case .failure(let error):
                watch.recordMultivariantFailure(error.message)
                report(at: clock())
                try? await Task.sleep(for: .seconds(min(2, settings.requestTimeoutSeconds)))
            }
        }
    }

    /// Every variant in its own task, and the multivariant playlist reloaded now and then to
    /// notice variants that come and go.
    private func watchVariants(_ first: MultivariantPlaylist) async {
        await withDiscardingTaskGroup { group in
            var started: Set<String> = []
            var current = first
            while !Task.isCancelled {
                watch.record(current, at: clock())
                for variant in current.variants where started.insert(variant.uri).inserted {
                    let url = Self.resolve(variant.uri, against: settings.url)
                    group.addTask { await self.watchVariant(uri: variant.uri, url: url) }
                }
                report(at: clock())
                try? await Task.sleep(for: .seconds(settings.multivariantReloadSeconds))
                let answer = await fetcher.fetch(settings.url, timeoutSeconds: settings.requestTimeoutSeconds, byteCap: settings.playlistByteCap)
                switch Self.playlist(from: answer) {
                case .success(.multivariant(let next)): current = next
                case .success(.media): watch.recordMultivariantFailure("the multivariant playlist became a media playlist")
                case .failure(let error): watch.recordMultivariantFailure(error.message)
                }
            }
        }
    }

    /// Reloads one media playlist on the RFC's cadence, probing each new newest segment.
    private func watchVariant(uri: String, url: String) async {
        var target = 2.0
        while !Task.isCancelled {
            let started = ContinuousClock.now
            let before = watch.variants[uri]?.playlist?.lastSequence
            let answer = await fetcher.fetch(url, timeoutSeconds: max(1, target * 1.5), byteCap: settings.playlistByteCap)
            let at = clock()
            watch.expectsLive = settings.onAir?.contains(at) ?? true
            var changed = false
            switch Self.playlist(from: answer) {
            case .success(.media(let playlist)):
                target = playlist.targetDuration
                watch.record(.playlist(playlist), variant: uri, at: at)
                changed = playlist.lastSequence != before
                if changed, let newest = playlist.segments.last {
                    await probe(newest, sequence: playlist.lastSequence, of: uri, base: url)
                }
            case .success(.multivariant):
                watch.record(.failure("a multivariant playlist where a media playlist was expected"), variant: uri, at: at)
            case .failure(let error):
                watch.record(.failure(error.message), variant: uri, at: at)
            }
            report(at: clock(), variant: uri)
            let wait = changed ? target : target / 2
            try? await Task.sleep(until: started.advanced(by: .seconds(wait)))
        }
    }

    private func probe(_ segment: MediaPlaylist.Segment, sequence: Int, of uri: String, base: String) async {
        let url = Self.resolve(segment.uri, against: base)
        let answer = await fetcher.fetch(url, timeoutSeconds: max(2, segment.duration * 2), byteCap: settings.segmentByteCap)
        switch answer {
        case .body(let bytes, let seconds):
            watch.record(VariantWatch.SegmentProbe(sequence: sequence, bytes: bytes.count, seconds: seconds, mediaSeconds: segment.duration),
                         variant: uri)
            await offerForContentCheck(bytes, variant: uri)
        case .failure(let reason):
            watch.record(.failure("segment: " + reason), variant: uri, at: clock())
        }
    }

    /// Hands the segment to the content checks when its variant is the one checked (the lowest
    /// bandwidth: the cheapest to decode; what goes wrong before the encoder shows in all) and
    /// the feed's interval under the budget's plan is up since its last check ran (a segment the
    /// budget had no room for leaves the next one to be offered).
    private func offerForContentCheck(_ bytes: [UInt8], variant uri: String) async {
        guard let budget = settings.content?.budget,
              uri == watch.variants.min(by: { ($0.value.declaredBandwidth, $0.key) < ($1.value.declaredBandwidth, $1.key) })?.key else { return }
        let every = await budget.interval(for: settings.feedId)
        guard lastChecked.map({ ContinuousClock.now - $0 >= .seconds(every) }) ?? true else { return }
        segments.continuation.yield(Segment(bytes: bytes, variant: watch.variants[uri]?.name ?? uri))
    }

    /// A segment to check, and the name of its variant.
    private struct Segment: Sendable {
        var bytes: [UInt8]
        var variant: String
    }

    /// Checks the segments handed over, one at a time, while the budget lets it.
    private func checkContent(_ settings: ContentSettings) async {
        let feedId = self.settings.feedId
        await settings.budget.register(feedId, everySeconds: settings.everySeconds)
        defer { Task { await settings.budget.unregister(feedId) } }
        for await segment in segments.stream {
            guard let reserved = await settings.budget.admit() else { continue }
            let began = ContinuousClock.now
            lastChecked = began
            var (checked, thumbnail) = await settings.checker.check(segment.bytes, feedId: self.settings.feedId, variant: segment.variant, previous: lastThumbnail)
            await settings.budget.charge((ContinuousClock.now - began) / .seconds(1), reserved: reserved)
            checked.everySeconds = await settings.budget.interval(for: feedId)
            let at = clock()
            if let thumbnail {
                lastThumbnail = thumbnail
                if previews.shouldSend(checked, rules: settings.rules, at: at) { checked.picture?.preview = PicturePreview(thumbnail).base64 }
            }
            content.record(checked, at: at, inBreak: PhasePlan.isBreak(steps: self.settings.steps, at: at))
            publish(.feedContent(checked), at)
            report(at: at)
        }
    }

    /// Publishes the variant's sample, the feed's health when it changed, and alerts for
    /// problems that came, worsened or went.
    private func report(at instant: Instant, variant uri: String? = nil) {
        if let uri, let variant = watch.variants[uri] {
            publish(.feedSample(variant.sample(feedId: settings.feedId, at: instant)), instant)
        }
        let pictures = content.problems(at: instant)
        let problems = watch.problems(at: instant) + pictures.map { VariantProblem(kind: $0.condition.alertKind, status: $0.status, reason: $0.reason) }
        let status = ([watch.status(at: instant)] + pictures.map(\.status)).max() ?? .unknown
        let health = FeedHealthChanged(feedId: settings.feedId, status: status, reasons: problems.map(\.reason))
        if health != reported && !(health.status == .unknown && reported == nil) {
            reported = health
            publish(.feedHealth(health), instant)
        }
        var byKind: [String: VariantProblem] = [:]
        for problem in problems where byKind[problem.kind].map({ problem.status > $0.status }) ?? true { byKind[problem.kind] = problem }
        for (kind, problem) in byKind.sorted(by: { $0.key < $1.key }) where raised[kind]?.status != problem.status {
            raised[kind] = problem
            var labels = settings.labels
            labels["feed"] = settings.feedId
            let owner = labels["team"].map { " (hand to \($0))" } ?? ""
            publish(.alertRaised(AlertRaised(
                dedupKey: "\(kind)/\(settings.feedId)", severity: problem.severity, summary: "\(problem.reason) — \(settings.feedId)\(owner)",
                source: "hls-monitor", component: settings.feedId, group: labels["event"], class: kind, labels: labels,
                runbook: "runbooks/\(kind).md")), instant)
        }
        for kind in raised.keys.sorted() where byKind[kind] == nil {
            raised[kind] = nil
            publish(.alertCleared(AlertCleared(dedupKey: "\(kind)/\(settings.feedId)", summary: "feed healthy again")), instant)
        }
    }

    /// Stops speaking for the feed once its event is over: its alerts clear and its health
    /// returns to unknown with `reason`. (A console that merely closes leaves them standing.)
    public func retire(reason: String) {
        let at = clock()
        for kind in raised.keys.sorted() {
            publish(.alertCleared(AlertCleared(dedupKey: "\(kind)/\(settings.feedId)", summary: reason)), at)
        }
        raised = [:]
        let health = FeedHealthChanged(feedId: settings.feedId, status: .unknown, reasons: [reason])
        reported = health
        publish(.feedHealth(health), at)
    }

    private static func playlist(from answer: Fetcher.Answer) -> Result<Playlist, PlaylistError> {
        switch answer {
        case .failure(let reason): return .failure(PlaylistError(line: 0, message: reason))
        case .body(let bytes, _):
            do {
                return .success(try PlaylistParser.parse(String(decoding: bytes, as: UTF8.self)))
            } catch {
                return .failure(PlaylistError(line: error.line, message: error.message))
            }
        }
    }

    static func resolve(_ uri: String, against base: String) -> String {
        URL(string: uri, relativeTo: URL(string: base))?.absoluteString ?? uri
    }
}
