import TallyCore
import TallyScreen

extension ConsoleModel {
    /// Time passed. A console that decides the alert timers publishes an `alert.timers`
    /// envelope when one has fallen due (and draws once it is applied); otherwise the frame is
    /// drawn when the frame policy says so, and only if something on it could have changed.
    mutating func advance(to tick: ConsoleTick) -> [ConsoleEffect] {
        clock = tick
        if settings.decidesTimers, let timers = state.timersDue(at: tick.now, source: "engine"),
           case .timersDue(let due) = timers.event, timersAskedFor != due.due {
            timersAskedFor = due.due
            frames.changed(urgent: true)
            return [.publish([timers])]
        }
        let shown = context
        if shown != drawnContext { frames.changed(urgent: false) }
        if frames.isDue(at: tick.wall) { frames.noteOutput(isBackedUp: tick.isOutputBackedUp) }
        guard frames.isDue(at: tick.wall) else { return [] }
        frames.drew(at: tick.wall)
        drawnContext = shown
        // Drawn as it was when the frame fell due: a link found slow just now shows on the next one.
        return [.paint(render(in: shown))]
    }

    /// Wall seconds until a frame waiting to be drawn is due; nil when none waits.
    func secondsUntilFrame(atWall wall: Double) -> Double? {
        frames.nextFrame.map { $0 - wall }
    }
}
