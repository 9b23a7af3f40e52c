import TallyCore

/// What a monitor would conclude from one probe of a feed, using the thresholds of DOMAIN.md:
/// playlist age over 1.5 × target duration is degraded, over 3 × is down; HTTP errors are down;
/// measured bitrate under half the declared one is degraded; a live edge further behind the
/// clock than the night's 30 s latency target is degraded.
struct FeedVerdict: Equatable {
    /// An alert this verdict raises: the dedup key's kind, its severity and summary.
    struct Problem: Equatable {
        var kind: String
        var severity: Severity
        var summary: String
    }

    var status: FeedStatus
    var reasons: [String]
    var problems: [Problem]

    static let ok = FeedVerdict(status: .ok, reasons: [], problems: [])
    static let latencyTargetSeconds = 30.0

    static func judge(_ sample: FeedSample, httpStatus: Int?, label: String) -> FeedVerdict {
        if let httpStatus, sample.errors > 0 {
            let reason = "HTTP \(httpStatus) ×\(sample.errors)"
            return FeedVerdict(status: .down, reasons: [reason], problems: [Problem(
                kind: "feed.down", severity: .critical, summary: "down: \(reason), backup carrying — \(label)")])
        }
        let ratio = sample.playlistAge / sample.targetDuration
        if ratio > 1.5 {
            let reason = "no new segment for \(Figures.decimal(sample.playlistAge, places: 1)) s, "
                + "\(Figures.decimal(ratio, places: 1)) × target duration"
            return FeedVerdict(status: ratio > 3 ? .down : .degraded, reasons: [reason], problems: [Problem(
                kind: "feed.stale", severity: ratio > 3 ? .critical : .warning, summary: "\(reason) — \(label)")])
        }
        if sample.measuredBitrate * 2 < sample.declaredBitrate {
            let reason = "bitrate \(Figures.bitrate(sample.measuredBitrate)), declared \(Figures.bitrate(sample.declaredBitrate))"
            return FeedVerdict(status: .degraded, reasons: [reason], problems: [Problem(
                kind: "feed.bitrate", severity: .warning, summary: "encoder \(reason) — \(label)")])
        }
        if let latency = sample.latency, latency > latencyTargetSeconds {
            let reason = "live edge \(Figures.decimal(latency, places: 1)) s behind the clock, target \(Figures.duration(latencyTargetSeconds))"
            return FeedVerdict(status: .degraded, reasons: [reason], problems: [Problem(kind: "feed.latency", severity: .warning, summary: "\(reason) — \(label)")])
        }
        return .ok
    }

    /// This verdict with the problems a content check or the cues found: the worse status, every reason.
    func adding(_ found: [(status: FeedStatus, problem: Problem, reason: String)]) -> FeedVerdict {
        FeedVerdict(status: ([status] + found.map(\.status)).max() ?? status, reasons: reasons + found.map(\.reason),
                    problems: problems + found.map(\.problem))
    }
}
