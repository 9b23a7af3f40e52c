import TallyCore

/// The console state at moments spread through a recording, so that a seek replays minutes,
/// not the whole night: the state at an instant is the nearest saved state before it with the
/// envelopes after it applied. Built in one pass over the recording on the first seek.
public struct SeekIndex: Sendable {
    /// A saved state and the index of the first envelope after it.
    struct Checkpoint: Sendable {
        var cursor: Int
        var state: ConsoleState
    }

    private let checkpoints: [Checkpoint]

    /// Saves the state every `intervalSeconds` of recording time.
    public init(recording: Recording, intervalSeconds: Double = 600) {
        var state = recording.header.state ?? ConsoleState()
        var checkpoints = [Checkpoint(cursor: 0, state: state)]
        var next = recording.start.adding(seconds: intervalSeconds)
        for (index, envelope) in recording.envelopes.enumerated() {
            if envelope.timestamp > next {
                checkpoints.append(Checkpoint(cursor: index, state: state))
                while next < envelope.timestamp { next = next.adding(seconds: intervalSeconds) }
            }
            state.apply(envelope)
        }
        self.checkpoints = checkpoints
    }

    /// The state after every envelope up to and including `instant`, and the index of the first
    /// envelope after it.
    public func state(at instant: Instant, in envelopes: [Envelope]) -> (state: ConsoleState, cursor: Int) {
        let checkpoint = checkpoints.last { $0.cursor == 0 || envelopes[$0.cursor - 1].timestamp <= instant } ?? checkpoints[0]
        var state = checkpoint.state
        var cursor = checkpoint.cursor
        while cursor < envelopes.count, envelopes[cursor].timestamp <= instant {
            state.apply(envelopes[cursor])
            cursor += 1
        }
        return (state, cursor)
    }
}
