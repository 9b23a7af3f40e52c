import TallyCore

/// What one variant's media playlist has been doing, judged after each poll: pure, with the
/// time of each poll passed in. A bad verdict counts at once; it clears only after
/// `cleanPollsToClear` clean polls in a row.
public struct VariantWatch: Sendable, Equatable {
    /// The answer to one reload of the playlist.
    public enum Poll: Sendable, Equatable {
        case playlist(MediaPlaylist)
        /// No usable playlist: `HTTP 503`, `no answer within 5.0 s`, `not a playlist: …`.
        case failure(String)
    }

    /// One fetch of the newest segment.
    public struct SegmentProbe: Sendable, Equatable {
        public var sequence: Int
        public var bytes: Int
        public var seconds: Double
        /// The segment's EXTINF duration.
        public var mediaSeconds: Double

        public init(sequence: Int, bytes: Int, seconds: Double, mediaSeconds: Double) {
            self.sequence = sequence
            self.bytes = bytes
            self.seconds = seconds
            self.mediaSeconds = mediaSeconds
        }

        /// Bits a second of media, held to `Limits.bitrate`; zero for a segment under a millisecond.
        public var bitrate: Int { mediaSeconds >= 0.001 ? Int(saturating: Limits.bitrate.clamp(Double(bytes) * 8 / mediaSeconds)) : 0 }
    }

    public let name: String
    public var declaredBandwidth: Int
    public var averageBandwidth: Int?
    public var thresholds: FeedThresholds
    /// Whether the event is on air, so that an ENDLIST is a fault.
    public var expectsLive = true

    public private(set) var playlist: MediaPlaylist?
    public private(set) var lastChangeAt: Instant?
    public private(set) var lastProbe: SegmentProbe?
    public private(set) var failures: [String: Int] = [:]
    public private(set) var problems: [VariantProblem] = []
    /// The newest SCTE-35 cues out and back in the playlist has carried.
    public private(set) var cues = CueSightings()
    /// Clean polls in a row since the last problem.
    private var cleanPolls = 0

    public init(name: String, declaredBandwidth: Int, averageBandwidth: Int? = nil, thresholds: FeedThresholds = .standard) {
        self.name = name
        self.declaredBandwidth = declaredBandwidth
        self.averageBandwidth = averageBandwidth
        self.thresholds = thresholds
    }

    /// The verdict: the worst problem's status, or OK.
    public var status: FeedStatus {
        problems.map(\.status).max() ?? (playlist == nil && failures.isEmpty ? .unknown : .ok)
    }

    /// Seconds since the playlist last gained a segment.
    public func playlistAge(at instant: Instant) -> Double {
        lastChangeAt.map { instant.seconds(since: $0) } ?? 0
    }

    /// Judges a reload answered at `instant`.
    public mutating func record(_ poll: Poll, at instant: Instant) {
        var found: [VariantProblem] = []
        switch poll {
        case .failure(let reason):
            failures[reason, default: 0] += 1
            let count = failures[reason] ?? 1
            found.append(VariantProblem(kind: "feed.down", status: .down, reason: reason + (count > 1 ? " ×\(count)" : "")))
        case .playlist(let next):
            failures = [:]
            found += judge(next, at: instant)
            // A media sequence that went backwards (an encoder restarted) starts the count again.
            cues.note(next, after: playlist.flatMap { next.mediaSequence >= $0.mediaSequence ? $0.lastSequence : nil }, at: instant)
            playlist = next
        }
        if let stale = staleness(at: instant) { found.append(stale) }
        if let probe = lastProbe { found += judge(probe) }
        settle(found)
    }

    /// Judges a fetch of the newest segment: a slow or off-rate segment counts at once; it
    /// clears with the clean polls that follow.
    public mutating func record(_ probe: SegmentProbe) {
        lastProbe = probe
        let found = judge(probe)
        guard !found.isEmpty else { return }
        cleanPolls = 0
        problems = problems.filter { old in !found.contains { $0.kind == old.kind } } + found
    }

    /// The age check alone, for a clock tick between polls (a playlist that stops answering
    /// quickly still ages).
    public mutating func tick(at instant: Instant) {
        guard let stale = staleness(at: instant) else { return }
        problems.removeAll { $0.kind == "feed.stale" }
        problems.append(stale)
    }

    /// Seconds the live edge stands behind `instant`, from the playlist's program date times
    /// (negative for an origin whose clock runs ahead); nil when they are missing.
    public func latency(at instant: Instant) -> Double? {
        playlist?.liveEdge.map { instant.seconds(since: $0) }
    }

    /// The sample for the bus.
    public func sample(feedId: FeedID, at instant: Instant) -> FeedSample {
        FeedSample(
            feedId: feedId, variant: name, targetDuration: playlist?.targetDuration ?? 0, playlistAge: playlistAge(at: instant),
            mediaSequence: playlist?.mediaSequence ?? 0, discontinuitySequence: playlist?.discontinuitySequence ?? 0,
            liveWindow: playlist?.liveWindow ?? 0, segmentDownloadTime: lastProbe?.seconds ?? 0,
            measuredBitrate: lastProbe?.bitrate ?? 0, declaredBitrate: declaredBandwidth, errors: failures.values.reduce(0, +),
            latency: latency(at: instant))
    }

    private mutating func judge(_ next: MediaPlaylist, at instant: Instant) -> [VariantProblem] {
        var found: [VariantProblem] = []
        if let previous = playlist {
            if next.mediaSequence < previous.mediaSequence {
                found.append(VariantProblem(kind: "feed.sequence", status: .down,
                                            reason: "media sequence went backwards \(previous.mediaSequence) → \(next.mediaSequence)"))
            } else if next.discontinuitySequence < previous.discontinuitySequence {
                found.append(VariantProblem(kind: "feed.sequence", status: .down,
                                            reason: "discontinuity sequence went backwards \(previous.discontinuitySequence) → \(next.discontinuitySequence)"))
            }
            if next.lastSequence != previous.lastSequence || next.segments.last?.uri != previous.segments.last?.uri { lastChangeAt = instant }
        } else {
            lastChangeAt = instant
        }
        if let first = next.issues.first {
            let count = next.issues.count
            found.append(VariantProblem(kind: "feed.playlist", status: .degraded,
                                        reason: "\(count) playlist line\(count == 1 ? "" : "s") not understood (\(first))"))
        }
        found += judgeProgramDateTimes(next, at: instant)
        let target = next.targetDuration
        if next.hasEndList && expectsLive {
            found.append(VariantProblem(kind: "feed.ended", status: .down, reason: "the playlist ended (EXT-X-ENDLIST) while the event is live"))
        } else if !next.hasEndList && next.liveWindow < thresholds.shortWindow * target {
            found.append(VariantProblem(kind: "feed.window", status: .degraded,
                                        reason: "live window \(Figures.decimal(next.liveWindow, places: 1)) s, under \(Figures.decimal(thresholds.shortWindow, places: 0)) × target duration"))
        }
        return found
    }

    /// While the event is live: program date times that jump (`feed.pdt`), or that are missing
    /// where a latency target needs them or where the playlist carried them before; and a live
    /// edge further behind the clock than the target (`feed.latency`).
    private func judgeProgramDateTimes(_ next: MediaPlaylist, at instant: Instant) -> [VariantProblem] {
        guard expectsLive, !next.segments.isEmpty else { return [] }
        var found: [VariantProblem] = []
        let jumps = next.programDateTimeJumps
        if jumps > 0 {
            found.append(VariantProblem(kind: "feed.pdt", status: .degraded,
                                        reason: "program date time jumps \(jumps) time\(jumps == 1 ? "" : "s") without a discontinuity"))
        }
        guard let edge = next.liveEdge else {
            if thresholds.latencyTargetSeconds != nil || playlist?.liveEdge != nil {
                found.append(VariantProblem(kind: "feed.pdt", status: .degraded, reason: "no EXT-X-PROGRAM-DATE-TIME: latency unknown"))
            }
            return found
        }
        let behind = instant.seconds(since: edge)
        if let target = thresholds.latencyTargetSeconds, behind > target {
            found.append(VariantProblem(kind: "feed.latency", status: .degraded,
                                        reason: "live edge \(Figures.decimal(behind, places: 1)) s behind the clock, target \(Figures.duration(target))"))
        }
        return found
    }

    private func staleness(at instant: Instant) -> VariantProblem? {
        guard let playlist, !playlist.hasEndList, playlist.targetDuration > 0 else { return nil }
        let age = playlistAge(at: instant)
        let ratio = age / playlist.targetDuration
        guard ratio > thresholds.staleWarning else { return nil }
        return VariantProblem(kind: "feed.stale", status: ratio > thresholds.staleDown ? .down : .degraded,
                              reason: "no new segment for \(Figures.decimal(age, places: 1)) s, \(Figures.decimal(ratio, places: 1)) × target duration")
    }

    private func judge(_ probe: SegmentProbe) -> [VariantProblem] {
        var found: [VariantProblem] = []
        if probe.mediaSeconds > 0 {
            let share = probe.seconds / probe.mediaSeconds
            if share > thresholds.slowWarning {
                found.append(VariantProblem(kind: "feed.slow", status: share > thresholds.slowDown ? .down : .degraded,
                                            reason: "segment took \(Figures.decimal(probe.seconds, places: 1)) s for \(Figures.decimal(probe.mediaSeconds, places: 1)) s of media"))
            }
        }
        let bitrate = probe.bitrate
        if declaredBandwidth > 0, Double(bitrate) > thresholds.overBandwidth * Double(declaredBandwidth) {
            found.append(VariantProblem(kind: "feed.bitrate", status: .degraded,
                                        reason: "bitrate \(Figures.bitrate(bitrate)) over the declared \(Figures.bitrate(declaredBandwidth))"))
        } else if let average = averageBandwidth, average > 0, Double(bitrate) < thresholds.underAverage * Double(average) {
            found.append(VariantProblem(kind: "feed.bitrate", status: .degraded,
                                        reason: "bitrate \(Figures.bitrate(bitrate)), under half the average \(Figures.bitrate(average))"))
        }
        return found
    }

    /// Worse news counts at once; a problem goes away only after enough clean polls in a row.
    private mutating func settle(_ found: [VariantProblem]) {
        if found.isEmpty {
            cleanPolls += 1
            if cleanPolls >= thresholds.cleanPollsToClear { problems = [] }
        } else {
            cleanPolls = 0
            problems = found
        }
    }
}
