import Foundation
import Synchronization
import TallyCore

/// A recording played as it is read, never held whole: its envelopes are decoded a small chunk
/// ahead of the clock, its strip's marks and its end come from one glance over it on a thread of
/// its own (decoding only the lines that may mark the strip), and a seek reads it again from
/// its start, applying the envelopes up to the moment. Meant for a recording whose whole read
/// takes a fraction of a second, as the built-in night's does: the first screen is drawn from
/// its first envelopes, and the console holds a console state, not a night of envelopes.
public struct StreamingSource: ReplaySource {
    /// What the glance over the whole recording found.
    struct Survey: Sendable {
        var marks: [TimelineMarks.Mark]
        /// Nil when the glance could not read the recording (it was removed as it began).
        var end: Instant?
    }

    /// The glance on its thread: its survey, once there.
    private final class Glance: Sendable {
        let survey = Mutex<Survey?>(nil)
        let done = DispatchSemaphore(value: 0)
    }

    public let path: String
    public let start: Instant
    /// The state before the first envelope (a cut recording's saved state, or none).
    public let initialState: ConsoleState?
    private let chunkSize: Int
    private var stream: RecordingStream
    private var upcoming: Envelope?
    private let glance = Glance()

    /// Plays the recording at `path` from its start, reading `chunkSize` bytes at a time (16 KB
    /// by default), and starts the glance over it.
    public init(path: String, chunkSize: Int = 1 << 14) throws {
        self.path = path
        self.chunkSize = max(1, chunkSize)
        stream = try RecordingStream(path: path, chunkSize: self.chunkSize)
        start = stream.header.started
        initialState = stream.header.state
        upcoming = stream.next()
        let glance = self.glance, start = start
        Thread.detachNewThread {
            // A glance that fails (the file gone since) leaves the strip without marks, and the
            // end where the envelopes played have reached.
            let survey = (try? Self.survey(path: path, start: start)) ?? Survey(marks: [], end: nil)
            glance.survey.withLock { $0 = survey }
            glance.done.signal()
        }
    }

    /// Whether the glance over the whole recording is done.
    public var isSurveyed: Bool { glance.survey.withLock { $0 != nil } }

    /// The recording's last moment; until the glance has found it, the next envelope's.
    public var end: Instant {
        glance.survey.withLock { $0?.end } ?? max(upcoming?.timestamp ?? start, start)
    }

    public var marks: [TimelineMarks.Mark] { glance.survey.withLock { $0?.marks } ?? [] }
    public var indexFraction: Double? { nil }
    public var nextTimestamp: Instant? { upcoming?.timestamp }

    public mutating func take(through instant: Instant, limit: Int) -> [Envelope] {
        handOut(&upcoming, from: &stream, through: instant, limit: limit) { $0.next() }
    }

    public mutating func seek(to instant: Instant) throws -> ConsoleState {
        stream = try RecordingStream(path: path, chunkSize: chunkSize)
        var state = initialState ?? ConsoleState()
        upcoming = stream.next()
        while let next = upcoming, next.timestamp <= instant {
            state.apply(next)
            upcoming = stream.next()
        }
        return state
    }

    /// Waits for the glance (a fraction of a second for the built-in night) when it is not done.
    public mutating func finishReading() {
        guard !isSurveyed else { return }
        glance.done.wait()
        glance.done.signal()
    }

    /// The marks and the end of the recording at `path`: only lines that may mark the strip are
    /// decoded, and the last line for the end.
    static func survey(path: String, start: Instant) throws -> Survey {
        var marks = TimelineMarks()
        var end = start
        let scan = try RecordingReader().scan(path: path, wanted: RecordingGlimpse.mayMark) { envelope, _ in
            marks.note(envelope)
            end = max(end, envelope.timestamp)
        }
        return Survey(marks: marks.marks, end: max(end, scan.lastMomentPassedOver ?? end))
    }
}
