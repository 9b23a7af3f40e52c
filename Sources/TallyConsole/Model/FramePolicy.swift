import TallyCore

/// When the console draws, and how much. What a person must see now (a key's answer, a resize,
/// an alert, an acknowledgement, a phase or health change) is drawn at once, at most
/// `urgentInterval` apart. The clock's second is drawn as it turns, and only the clock's own
/// cells (a clock frame); everything else (metric samples, figures that age with the clock)
/// waits for the whole screen to be drawn on every other second (`calmInterval`), as htop and
/// btop refresh, or after `calmDeadline` when the clock stands still (a paused replay). A quiet
/// console then sends a few bytes a second over SSH, not a frame per sample. When the terminal
/// stops taking output (a slow link), frames are spaced out, doubling up to `longestInterval`,
/// and come back as it clears. Pure: times are passed in, in seconds.
struct FramePolicy {
    /// How much of the screen a frame draws.
    enum Frame: Equatable {
        /// Everything, from the state.
        case full
        /// Only what the ticking clock changes (the header's time, a replay's strip) on the last frame.
        case clock
    }

    static let urgentInterval = 1.0 / 20
    /// As the clock turns, the whole screen is drawn once this long has passed since it last was:
    /// on every other second.
    static let calmInterval = 1.5
    /// How long calm changes wait when the clock does not turn.
    static let calmDeadline = 2.5
    /// The clock's turns are drawn at most this often (a fast replay turns it many times a second).
    static let clockInterval = 0.5
    /// A paint longer than this waited for the terminal: its output is backing up.
    static let blockedPaintSeconds = 0.1
    /// The widest spacing of frames on a slow link.
    static let longestInterval = 4.0

    private(set) var lastFrame = -Double.infinity
    private(set) var lastFullFrame = -Double.infinity
    /// When a frame last drew a turn of the clock.
    private var lastTurnDrawn = -Double.infinity
    /// How many times the usual spacing frames are drawn at: 1 normally, more on a slow link.
    private(set) var slowdown = 1.0
    private var hasUrgent = false
    private var hasCalm = false
    private var hasClock = false

    /// Something changed on screen; `urgent` when it must be seen at once.
    mutating func changed(urgent: Bool) {
        if urgent { hasUrgent = true } else { hasCalm = true }
    }

    /// The clock turned: its own cells change now, and figures that age with it at the next whole frame.
    mutating func clockMoved() {
        hasClock = true
        hasCalm = true
    }

    /// The spacing of frames: a twentieth of a second, more on a slow link.
    private var spacing: Double { min(Self.longestInterval, Self.urgentInterval * slowdown) }

    /// When the next frame is due, or nil when nothing waits to be drawn.
    var nextFrame: Double? {
        if hasUrgent { return lastFrame + spacing }
        if hasClock { return max(lastFrame + spacing, lastTurnDrawn + Self.clockInterval) }
        if hasCalm { return max(lastFullFrame + Self.calmDeadline, lastFrame + spacing) }
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

    /// The frame to draw at `now`, if one is due.
    func due(at now: Double) -> Frame? {
        guard let next = nextFrame, now >= next else { return nil }
        if hasUrgent { return .full }
        if hasCalm, now >= lastFullFrame + (hasClock ? Self.calmInterval : Self.calmDeadline) { return .full }
        return hasClock ? .clock : nil
    }

    /// Whether a frame of either kind should be drawn at `now`.
    func isDue(at now: Double) -> Bool {
        due(at: now) != nil
    }

    mutating func drew(_ frame: Frame, at now: Double) {
        lastFrame = now
        if hasClock { lastTurnDrawn = now }
        hasClock = false
        guard frame == .full else { return }
        lastFullFrame = now
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
