import TallyBus
import TallyCore
import TallyScreen

/// A recording played against wall time, with pause, single steps, speed, seeks and jumps to the next or previous alert.
struct ReplayTimeline: SessionTimeline {
    private var player: RecordingPlayer
    /// Whether `g`, `<` `>` and `[` may move the replay about (not in training, which is scored as played).
    private let allowsSeeking: Bool
    let strip: ReplayStrip?

    init(recording: Recording, speed: Double, paused: Bool, allowsSeeking: Bool = true, atWall wall: Double) {
        player = RecordingPlayer(recording: recording, speed: speed, paused: paused, atWall: wall)
        self.allowsSeeking = allowsSeeking
        strip = ReplayStrip(start: recording.start, end: recording.end, envelopes: recording.envelopes)
    }

    func now(atWall wall: Double) -> Instant { player.now(atWall: wall) }

    func mode(atWall wall: Double) -> ConsoleMode {
        .demo(speed: player.speed, isPaused: player.isPaused, isFinished: player.isFinished && now(atWall: wall) >= player.end)
    }

    mutating func takeDue(atWall wall: Double, state: ConsoleState) -> [Envelope] { Array(player.takeDue(atWall: wall)) }

    func secondsUntilNextDue(atWall wall: Double) -> Double? { player.secondsUntilNextDue(atWall: wall) }

    func secondsUntilNextSecond(atWall wall: Double) -> Double? {
        guard !player.isPaused else { return nil }
        let shown = now(atWall: wall).millisecondsSinceEpoch
        return Double(1000 - shown % 1000) / 1000 / player.speed
    }

    mutating func control(_ command: ConsoleCommand, atWall wall: Double) -> TimelineResponse {
        switch command {
        case .jumpToPreviousAlert, .seek, .nudge:
            if !allowsSeeking { return .refused("training plays the night as it came: no going back or jumping ahead") }
        default:
            break
        }
        switch command {
        case .togglePause: player.togglePause(atWall: wall)
        case .faster: player.faster(atWall: wall)
        case .slower: player.slower(atWall: wall)
        case .jumpToNextAlert:
            let batch = player.skipToNextAlert(atWall: wall)
            return batch.isEmpty ? .refused("no more alerts in this recording") : .publish(Array(batch))
        case .jumpToPreviousAlert:
            guard let moment = player.previousAlert(atWall: wall) else { return .refused("no earlier alert in this recording") }
            return .restart(player.seek(to: moment, atWall: wall))
        case .step:
            if !player.isPaused { player.togglePause(atWall: wall) }
            let batch = player.step(atWall: wall)
            return batch.isEmpty ? .refused("the end of the recording") : .publish(Array(batch))
        case .nudge(let steps):
            let step = player.end.seconds(since: player.start) / 100
            return .restart(player.seek(to: now(atWall: wall).adding(seconds: Double(steps) * step), atWall: wall))
        case .seek(let text):
            guard let moment = player.recording.moment(text) else {
                return .refused("go to what? HH:MM:SS since the start, or an RFC 3339 time, not \"\(text)\"")
            }
            return .restart(player.seek(to: moment, atWall: wall))
        default: break
        }
        return .none
    }
}
