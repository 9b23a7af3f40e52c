import TallyCore

/// When the console draws, and how much. What a person must see now (a key's answer, a resize,
/// an alert, an acknowledgement, a phase or health change) is drawn at once, at most
/// `urgentInterval` apart; everything else (metric samples, figures that age with the clock)
/// waits for a calm frame, at most one per `calmInterval`, as htop and btop refresh. Between
/// calm frames the ticking clock redraws only its own cells (a clock frame), once a second. A
/// quiet console then sends a few bytes a second over SSH, not a frame per sample. When the
/// terminal stops taking output (a slow link), frames are spaced out, doubling up to
/// `longestInterval`, and come back as it clears. Pure: times are passed in, in seconds.
struct FramePolicy {
    /// How much of the screen a frame draws.
    enum Frame: Equatable {
        /// Everything, from the state.
        case full
        /// Only what the ticking clock changes (the header's time, a replay's strip) on the last frame.
        case clock
    }

    static let urgentInterval = 1.0 / 20
    /// A little under two seconds, so that calm frames stay on the clock's second boundaries
    /// instead of drifting behind them.
    static let calmInterval = 1.9
    /// A little under a second, for the same reason.
    static let clockInterval = 0.9
    /// A paint longer than this waited for the terminal: its output is backing up.
    static let blockedPaintSeconds = 0.1
    /// The widest spacing of frames on a slow link.
    static let longestInterval = 4.0

    private(set) var lastFrame = -Double.infinity
    private(set) var lastFullFrame = -Double.infinity
    /// How many times the usual spacing frames are drawn at: 1 normally, more on a slow link.
    private(set) var slowdown = 1.0
    private var hasUrgent = false
    private var hasCalm = false
    private var hasClock = false

    /// Something changed on screen; `urgent` when it must be seen at once.
    mutating func changed(urgent: Bool) {
        if urgent { hasUrgent = true } else { hasCalm = true }
    }

    /// The clock moved on: its own cells change now, and figures that age with it at the next calm frame.
    mutating func clockMoved() {
        hasClock = true
        hasCalm = true
    }

    /// The spacing a slow link imposes on every frame.
    private var slowSpacing: Double { min(Self.longestInterval, Self.urgentInterval * slowdown) }

    /// When the next full frame is due, or nil when none waits.
    private var nextFullFrame: Double? {
        if hasUrgent { return lastFrame + slowSpacing }
        if hasCalm { return max(lastFullFrame + Self.calmInterval, lastFrame + slowSpacing) }
        return nil
    }

    /// When the next frame of either kind is due, or nil when nothing waits to be drawn.
    var nextFrame: Double? {
        let clock = hasClock ? lastFrame + max(Self.clockInterval, slowSpacing) : nil
        return [nextFullFrame, clock].compactMap { $0 }.min()
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
        if let full = nextFullFrame, now >= full { return .full }
        return nextFrame.map { now >= $0 } == true ? .clock : nil
    }

    /// Whether a frame of either kind should be drawn at `now`.
    func isDue(at now: Double) -> Bool {
        due(at: now) != nil
    }

    mutating func drew(_ frame: Frame, at now: Double) {
        lastFrame = now
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
