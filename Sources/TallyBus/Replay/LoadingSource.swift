import Foundation
import Synchronization
import TallyCore

/// A recording read whole on a thread of its own while it already plays from its opening
/// envelopes: the first screen of the built-in night is drawn from its true first moments
/// before the rest of the night is decoded. Once read, it plays on as a `MemorySource` from
/// where the opening left off; until then the strip has no marks, and a seek or a jump waits
/// for the read.
public struct LoadingSource: ReplaySource {
    /// The read on its thread: the recording and its marks, once there.
    private final class Load: Sendable {
        let read = Mutex<(recording: Recording, marks: [TimelineMarks.Mark])?>(nil)
        let done = DispatchSemaphore(value: 0)
    }

    public let start: Instant
    /// The state before the first envelope (a cut recording's saved state, or none).
    public let initialState: ConsoleState?
    private let opening: [Envelope]
    private let load = Load()
    private var cursor = 0
    private var whole: MemorySource?

    /// Reads the opening minute of the recording at `path`, and starts reading the rest.
    public init(path: String) throws {
        let (header, opening) = try RecordingReader().opening(path: path, seconds: 60)
        start = header.started
        initialState = header.state
        self.opening = opening
        let load = self.load
        Thread.detachNewThread {
            // A read that fails after its opening read well plays what the opening holds.
            let recording = (try? RecordingReader().read(path: path)) ?? Recording(header: header, envelopes: opening)
            let marks = TimelineMarks(recording.envelopes).marks
            load.read.withLock { $0 = (recording, marks) }
            load.done.signal()
        }
    }

    /// Whether the whole recording has been read.
    public var isRead: Bool { whole != nil || load.read.withLock { $0 != nil } }

    public var end: Instant { whole?.end ?? max(opening.last?.timestamp ?? start, start) }
    public var marks: [TimelineMarks.Mark] { whole?.marks ?? [] }
    public var indexFraction: Double? { nil }

    public var nextTimestamp: Instant? {
        if let whole { return whole.nextTimestamp }
        if cursor < opening.count { return opening[cursor].timestamp }
        // The opening is played and the rest not read yet: look again a second of the recording on.
        return (opening.last?.timestamp ?? start).adding(seconds: 1)
    }

    public mutating func take(through instant: Instant, limit: Int) -> [Envelope] {
        settle()
        if whole != nil { return whole!.take(through: instant, limit: limit) }
        let first = cursor
        while cursor < opening.count, cursor - first < limit, opening[cursor].timestamp <= instant { cursor += 1 }
        return Array(opening[first..<cursor])
    }

    public mutating func seek(to instant: Instant) -> ConsoleState {
        finishReading()
        return whole!.seek(to: instant)
    }

    /// Waits for the read (a fraction of a second for the built-in night) when it is not done.
    public mutating func finishReading() {
        settle()
        guard whole == nil else { return }
        load.done.wait()
        load.done.signal()
        settle()
    }

    /// Plays on from the whole recording once it has been read.
    private mutating func settle() {
        guard whole == nil, let read = load.read.withLock({ $0 }) else { return }
        whole = MemorySource(recording: read.recording, marks: read.marks, handedOut: cursor)
    }
}
