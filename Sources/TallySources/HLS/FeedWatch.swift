import TallyCore

/// A feed as its monitor sees it: the variants of its multivariant playlist (or its single
/// media playlist), each judged on its own, and variants that went missing. The feed is as bad
/// as its worst variant, except that a feed still playing on some variant is degraded, not down.
public struct FeedWatch: Sendable, Equatable {
    public let feedId: FeedID
    public var thresholds: FeedThresholds
    public private(set) var variants: [String: VariantWatch] = [:]
    /// Variants the multivariant playlist no longer lists, since when.
    public private(set) var missingSince: [String: Instant] = [:]
    /// Variants the multivariant playlist listed past the cap.
    public private(set) var unwatchedVariants = 0
    /// Why the multivariant playlist itself could not be read, if it could not.
    public private(set) var multivariantFailure: (reason: String, count: Int)?
    /// Whether the event is on air, so that a playlist ending (ENDLIST) is a fault; off air
    /// (before the start, after the end) an ended playlist is expected.
    public var expectsLive = true {
        didSet { for uri in variants.keys { variants[uri]?.expectsLive = expectsLive } }
    }
    /// The event's planned ad breaks, whose SCTE-35 cues every variant must carry.
    public var breaks: [PlannedBreak] = []

    public init(feedId: FeedID, thresholds: FeedThresholds = .standard) {
        self.feedId = feedId
        self.thresholds = thresholds
    }

    public static func == (lhs: FeedWatch, rhs: FeedWatch) -> Bool {
        lhs.feedId == rhs.feedId && lhs.variants == rhs.variants && lhs.missingSince == rhs.missingSince && lhs.unwatchedVariants == rhs.unwatchedVariants
            && lhs.multivariantFailure?.reason == rhs.multivariantFailure?.reason && lhs.multivariantFailure?.count == rhs.multivariantFailure?.count
    }

    /// A media playlist watched directly, with no multivariant playlist above it.
    public mutating func watchSingle(uri: String, declaredBandwidth: Int = 0) {
        multivariantFailure = nil
        if variants[uri] == nil { add(uri, VariantWatch(name: uri, declaredBandwidth: declaredBandwidth, thresholds: thresholds)) }
    }

    /// The multivariant playlist was reloaded at `instant`: new variants are watched, missing
    /// ones are timed.
    public mutating func record(_ playlist: MultivariantPlaylist, at instant: Instant) {
        multivariantFailure = nil
        unwatchedVariants = playlist.unwatched
        let listed = Set(playlist.variants.map(\.uri))
        for variant in playlist.variants {
            missingSince[variant.uri] = nil
            if variants[variant.uri] == nil {
                add(variant.uri, VariantWatch(name: Self.label(of: variant), declaredBandwidth: variant.bandwidth,
                                              averageBandwidth: variant.averageBandwidth, thresholds: thresholds))
            } else {
                variants[variant.uri]?.declaredBandwidth = variant.bandwidth
                variants[variant.uri]?.averageBandwidth = variant.averageBandwidth
            }
        }
        for uri in variants.keys where !listed.contains(uri) && missingSince[uri] == nil { missingSince[uri] = instant }
    }

    private mutating func add(_ uri: String, _ variant: VariantWatch) {
        var variant = variant
        variant.expectsLive = expectsLive
        variants[uri] = variant
    }

    /// The multivariant playlist could not be read.
    public mutating func recordMultivariantFailure(_ reason: String) {
        let count = multivariantFailure?.reason == reason ? (multivariantFailure?.count ?? 0) + 1 : 1
        multivariantFailure = (reason, count)
    }

    public mutating func record(_ poll: VariantWatch.Poll, variant uri: String, at instant: Instant) {
        variants[uri]?.record(poll, at: instant)
    }

    public mutating func record(_ probe: VariantWatch.SegmentProbe, variant uri: String) {
        variants[uri]?.record(probe)
    }

    public mutating func tick(at instant: Instant) {
        for uri in variants.keys { variants[uri]?.tick(at: instant) }
    }

    /// Every problem of the feed now, reasons naming their variant when there are several.
    public func problems(at instant: Instant) -> [VariantProblem] {
        var found: [VariantProblem] = []
        if let failure = multivariantFailure {
            found.append(VariantProblem(kind: "feed.down", status: .down,
                                        reason: failure.reason + (failure.count > 1 ? " ×\(failure.count)" : "")
                                            + (variants.isEmpty ? "" : " (multivariant playlist)")))
        }
        if unwatchedVariants > 0 {
            found.append(VariantProblem(kind: "feed.playlist", status: .degraded,
                                        reason: "\(unwatchedVariants) variants past the first \(PlaylistParser.variantCap) not watched"))
        }
        let named = variants.count > 1
        for uri in variants.keys.sorted() where missingSince[uri] == nil {
            for problem in variants[uri]?.problems ?? [] {
                var shown = problem
                if named { shown.reason = "\(variants[uri]?.name ?? uri): " + problem.reason }
                found.append(shown)
            }
        }
        if let sync = variantSync(at: instant) { found.append(sync) }
        var sightings: [String: CueSightings] = [:]
        for (uri, variant) in variants.sorted(by: { $0.key < $1.key }) where missingSince[uri] == nil {
            sightings[sightings[variant.name] == nil ? variant.name : "\(variant.name) (\(uri))"] = variant.cues
        }
        found += CueExpectation.problems(breaks: breaks, variants: sightings, at: instant).map { problem in
            VariantProblem(kind: problem.kind, status: .degraded, reason: problem.reason, severity: problem.kind == "scte35.missing" ? .error : .warning)
        }
        for (uri, since) in missingSince.sorted(by: { $0.key < $1.key }) {
            let missing = instant.seconds(since: since)
            found.append(VariantProblem(kind: "feed.variant-missing", status: missing >= thresholds.missingVariantSeconds ? .down : .degraded,
                                        reason: "variant \(variants[uri]?.name ?? uri) missing for \(Figures.duration(missing))"))
        }
        return found
    }

    /// Variants out of step with each other by more than a target duration: by their live edges'
    /// program date times, each carried forward by the time since its playlist last grew (the
    /// variants reload at moments of their own), or without them by their newest media sequences.
    private func variantSync(at instant: Instant) -> VariantProblem? {
        let watched = variants.filter { missingSince[$0.key] == nil && !($0.value.playlist?.segments.isEmpty ?? true) }.map(\.value)
        let playlists = watched.compactMap(\.playlist)
        guard playlists.count > 1, let target = playlists.map(\.targetDuration).max(), target > 0 else { return nil }
        let edges = watched.compactMap { variant in variant.playlist?.liveEdge?.adding(seconds: variant.playlistAge(at: instant)) }
        if edges.count == playlists.count, let first = edges.min(), let last = edges.max(), last.seconds(since: first) > target {
            return VariantProblem(kind: "feed.variant_sync", status: .degraded,
                                  reason: "variants \(Figures.decimal(last.seconds(since: first), places: 1)) s apart by program date time")
        }
        let sequences = playlists.map(\.lastSequence)
        if let low = sequences.min(), let high = sequences.max(), high - low > 1 {
            return VariantProblem(kind: "feed.variant_sync", status: .degraded, reason: "variants \(high - low) segments apart by media sequence")
        }
        return nil
    }

    /// The feed's verdict: its worst problem, softened to degraded while some variant plays.
    public func status(at instant: Instant) -> FeedStatus {
        let worst = problems(at: instant).map(\.status).max()
        guard let worst else {
            return variants.values.contains { $0.status == .ok } ? .ok : .unknown
        }
        let playing = variants.contains { missingSince[$0.key] == nil && $0.value.status == .ok }
        return worst == .down && playing && multivariantFailure == nil ? .degraded : worst
    }

    /// `1080p 6.0 Mb/s` from the resolution and bandwidth, else the URI.
    static func label(of variant: MultivariantPlaylist.Variant) -> String {
        if let resolution = variant.resolution, let height = resolution.split(separator: "x").last { return "\(height)p" }
        return variant.uri
    }
}
