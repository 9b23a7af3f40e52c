import TallyBus
import TallyCore
import TallyScreen

/// A recording played against wall time, with pause, speed and a jump to the next alert.
struct ReplayTimeline: SessionTimeline {
    private var player: RecordingPlayer

    init(recording: Recording, speed: Double, paused: Bool, atWall wall: Double) {
        player = RecordingPlayer(recording: recording, speed: speed, paused: paused, atWall: wall)
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

    mutating func control(_ command: ConsoleCommand, atWall wall: Double) -> [Envelope] {
        switch command {
        case .togglePause: player.togglePause(atWall: wall)
        case .faster: player.faster(atWall: wall)
        case .slower: player.slower(atWall: wall)
        case .jumpToNextAlert: return Array(player.skipToNextAlert(atWall: wall))
        default: break
        }
        return []
    }
}
