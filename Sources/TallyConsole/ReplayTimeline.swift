import TallyBus
import TallyCore
import TallyScreen

/// A recording played against wall time, with pause, single steps, speed, seeks and jumps to the next or previous alert.
struct ReplayTimeline: SessionTimeline {
    private var player: RecordingPlayer
    /// Whether `g`, `<` `>` and `[` may move the replay about (not in training, which is scored as played).
    private let allowsSeeking: Bool
    /// Whether the index was still being built when last asked, to say once that it is ready.
    private var wasIndexing: Bool

    init(source: any ReplaySource, speed: Double, paused: Bool, allowsSeeking: Bool = true, atWall wall: Double) {
        player = RecordingPlayer(source: source, speed: speed, paused: paused, atWall: wall)
        self.allowsSeeking = allowsSeeking
        wasIndexing = source.indexFraction != nil
    }

    var strip: ReplayStrip? {
        ReplayStrip(start: player.start, end: player.end, marks: player.source.marks, indexFraction: player.source.indexFraction)
    }

    mutating func takeMessage() -> String? {
        guard wasIndexing, player.source.indexFraction == nil else { return nil }
        wasIndexing = false
        if let indexed = player.source as? IndexedSource, case .failed(let reason) = indexed.indexing.progress {
            return "no index for seeking: \(reason)"
        }
        let skipped = (player.source as? IndexedSource)?.indexing.index?.issues.count ?? 0
        return "index built: seeking is ready" + (skipped > 0 ? "; \(skipped) bad lines skipped (tally recording verify names them)" : "")
    }

    func now(atWall wall: Double) -> Instant { player.now(atWall: wall) }

    func mode(atWall wall: Double) -> ConsoleMode {
        .demo(speed: player.speed, isPaused: player.isPaused, isFinished: player.isFinished && now(atWall: wall) >= player.end)
    }

    mutating func takeDue(atWall wall: Double, state: ConsoleState) -> [Envelope] { player.takeDue(atWall: wall) }

    func secondsUntilNextDue(atWall wall: Double) -> Double? { player.secondsUntilNextDue(atWall: wall) }

    func secondsUntilNextSecond(atWall wall: Double) -> Double? {
        // The strip shows the index being built, a second at a time.
        if wasIndexing { return 1 }
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
        case .jumpToNextAlert, .jumpToPreviousAlert, .seek, .nudge: player.finishReading()
        default: break
        }
        switch command {
        case .togglePause: player.togglePause(atWall: wall)
        case .faster: player.faster(atWall: wall)
        case .slower: player.slower(atWall: wall)
        case .jumpToNextAlert:
            if let fraction = player.source.indexFraction {
                return .refused("jumping to alerts waits for the index, still being built (\(Int(saturating: fraction * 100))%)")
            }
            // Training hands out every envelope on the way, for its score; a demo seeks to a far alert.
            let limit = allowsSeeking ? RecordingPlayer.batchLimit : .max
            switch Result(catching: { try player.skipToNextAlert(atWall: wall, handingOutAtMost: limit) }) {
            case .success(.handOut(let batch)): return .publish(batch)
            case .success(.restart(let state)): return .restart(state)
            case .success(nil): return .refused("no more alerts in this recording")
            case .failure(let error): return Self.unreadable(error)
            }
        case .jumpToPreviousAlert:
            guard let moment = player.previousAlert(atWall: wall) else { return .refused("no earlier alert in this recording") }
            return seek(to: moment, atWall: wall)
        case .step:
            if !player.isPaused { player.togglePause(atWall: wall) }
            let batch = player.step(atWall: wall)
            return batch.isEmpty ? .refused("the end of the recording") : .publish(batch)
        case .nudge(let steps):
            let step = player.end.seconds(since: player.start) / 100
            return seek(to: now(atWall: wall).adding(seconds: Double(steps) * step), atWall: wall)
        case .seek(let text):
            guard let moment = Recording.moment(text, start: player.start) else {
                return .refused("go to what? HH:MM:SS since the start, or an RFC 3339 time, not \"\(text)\"")
            }
            return seek(to: moment, atWall: wall)
        default: break
        }
        return .none
    }

    private mutating func seek(to moment: Instant, atWall wall: Double) -> TimelineResponse {
        do {
            return .restart(try player.seek(to: moment, atWall: wall))
        } catch {
            return Self.unreadable(error)
        }
    }

    private static func unreadable(_ error: any Error) -> TimelineResponse {
        if let waiting = error as? IndexedSource.IndexNotReady { return .refused(waiting.description) }
        return .refused("could not read the recording there: \(error)")
    }
}
