import TallyCore
import TallyScreen

extension ConsoleModel {
    /// Time passed. A console that decides the alert timers publishes an `alert.timers`
    /// envelope when one has fallen due (and draws once it is applied); otherwise a frame is
    /// drawn when the frame policy says so, and only if something on it could have changed: the
    /// whole screen, or, when only the clock moved since the last, the clock's own cells.
    mutating func advance(to tick: ConsoleTick) -> [ConsoleEffect] {
        clock = tick
        if settings.decidesTimers, let timers = state.timersDue(at: tick.now, source: "engine"),
           case .timersDue(let due) = timers.event, timersAskedFor != due.due {
            timersAskedFor = due.due
            frames.changed(urgent: true)
            return [.publish([timers])]
        }
        let shown = context
        noteChanges(from: drawnContext, to: shown)
        if frames.isDue(at: tick.wall) { frames.noteOutput(isBackedUp: tick.isOutputBackedUp) }
        guard let frame = frames.due(at: tick.wall) else { return [] }
        drawnContext = shown
        // Drawn as it was when the frame fell due: a link found slow just now shows on the next one.
        if frame == .clock, var canvas = drawnFrame?.canvas, canvas.size == size {
            frames.drew(.clock, at: tick.wall)
            Screen.renderClock(onto: &canvas, state: state, context: shown, viewersAtRisk: drawnFrame?.viewersAtRisk ?? 0)
            drawnFrame?.canvas = canvas
            return [.paint(canvas)]
        }
        frames.drew(.full, at: tick.wall)
        let rows = currentRows(in: shown)
        let canvas = Screen.render(state: state, view: view, context: shown, size: size, rows: rows)
        drawnFrame = (canvas, rows.viewersAtRisk)
        return [.paint(canvas)]
    }

    /// Tells the frame policy what a new context changes: only the clock's cells when nothing but
    /// the moment moved, the whole screen otherwise.
    private mutating func noteChanges(from drawn: ScreenContext?, to shown: ScreenContext) {
        guard let drawn else { return frames.changed(urgent: false) }
        guard shown != drawn else { return }
        var moved = shown
        moved.now = drawn.now
        if moved == drawn { frames.clockMoved() } else { frames.changed(urgent: false) }
    }

    /// Wall seconds until a frame waiting to be drawn is due; nil when none waits.
    func secondsUntilFrame(atWall wall: Double) -> Double? {
        frames.nextFrame.map { $0 - wall }
    }
}
