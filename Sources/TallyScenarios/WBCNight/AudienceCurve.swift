import TallyCore

/// The share of an event's peak audience watching at a moment: a pre-show build-up, a ramp
/// after the start, a peak late in the game, and the fall-away at the end.
enum AudienceCurve {
    static func share(of schedule: LiveEventScheduled, at now: Instant) -> Double {
        let sinceStart = now.seconds(since: schedule.start)
        let length = schedule.end.seconds(since: schedule.start)
        let untilEnd = schedule.end.seconds(since: now)
        switch sinceStart {
        case ..<(-900): return 0
        case ..<0: return 0.35 * (sinceStart + 900) / 900
        case ..<1500: return 0.35 + 0.5 * sinceStart / 1500
        default: break
        }
        if untilEnd < 0 { return max(0, 0.7 * (1 + untilEnd / 600)) }
        let peakAt = length * 0.75
        let body = sinceStart < peakAt
            ? 0.85 + 0.15 * (sinceStart - 1500) / max(1, peakAt - 1500)
            : 1.0 - 0.05 * (sinceStart - peakAt) / max(1, length - peakAt)
        return untilEnd < 600 ? body * (0.7 + 0.3 * untilEnd / 600) : body
    }
}
