import TallyCore

/// When the console draws. What a person must see now (a key's answer, a resize, an alert, an
/// acknowledgement, a phase or health change) is drawn at once, at most `urgentRate` times a
/// second; everything else (metric samples, the ticking clock) waits for a calm frame, at
/// most one per `calmInterval`. A quiet console then sends a frame a second over SSH, not one
/// per sample. When the terminal stops taking output (a slow link), frames are spaced out,
/// doubling up to `longestInterval`, and come back as it clears. Pure: times are passed in,
/// in seconds.
struct FramePolicy {
    static let urgentInterval = 1.0 / 20
    /// A little under a second, so that calm frames stay on the clock's second boundaries
    /// instead of drifting behind them.
    static let calmInterval = 0.9
    /// A paint longer than this waited for the terminal: its output is backing up.
    static let blockedPaintSeconds = 0.1
    /// The widest spacing of frames on a slow link.
    static let longestInterval = 4.0

    private(set) var lastFrame = -Double.infinity
    /// How many times the usual spacing frames are drawn at: 1 normally, more on a slow link.
    private(set) var slowdown = 1.0
    private var hasUrgent = false
    private var hasCalm = false

    /// Something changed on screen; `urgent` when it must be seen at once.
    mutating func changed(urgent: Bool) {
        if urgent { hasUrgent = true } else { hasCalm = true }
    }

    /// When the next frame is due, or nil when nothing waits to be drawn.
    var nextFrame: Double? {
        if hasUrgent { return lastFrame + min(Self.longestInterval, Self.urgentInterval * slowdown) }
        if hasCalm { return lastFrame + max(Self.calmInterval, min(Self.longestInterval, Self.urgentInterval * slowdown)) }
        return nil
    }

    /// Whether frames are being held back for a slow link.
    var isSlowed: Bool { slowdown > 1 }

    /// Told, when a frame is due, whether the terminal has stopped taking output: while it
    /// has, the spacing doubles (and the frame waits); once it takes output again, the spacing
    /// halves back frame by frame.
    mutating func noteOutput(isBackedUp: Bool) {
        slowdown = isBackedUp ? min(Self.longestInterval / Self.urgentInterval, slowdown * 2) : max(1, slowdown / 2)
    }

    /// Whether a frame should be drawn at `now`.
    func isDue(at now: Double) -> Bool {
        nextFrame.map { now >= $0 } ?? false
    }

    mutating func drew(at now: Double) {
        lastFrame = now
        hasUrgent = false
        hasCalm = false
    }
}

extension BusEvent {
    /// Whether this event changes something an operator must see at once: alerts, actions,
    /// the schedule, and a feed turning bad. A feed's recovery and metric samples can wait for
    /// the next calm frame.
    var isUrgentOnScreen: Bool {
        switch self {
        case .alertRaised, .alertCleared, .operatorAction, .timersDue, .silenceCreated, .silenceExpired, .phaseChanged, .eventScheduled, .checklistTicked, .reminder, .handoverWritten, .eventCancelled: true
        case .feedHealth(let health): health.status == .down || health.status == .degraded
        case .feedSample, .feedContent, .viewers, .notified: false
        }
    }
}
