import TallyCore

/// A recording held in memory, played from a cursor; a seek starts from the nearest state of a
/// `SeekIndex` built on the first seek.
public struct MemorySource: ReplaySource {
    public let recording: Recording
    public let marks: [TimelineMarks.Mark]
    /// Index of the next envelope to hand out.
    private var cursor = 0
    private var seekIndex: SeekIndex?

    public init(recording: Recording) {
        self.init(recording: recording, marks: TimelineMarks(recording.envelopes).marks, handedOut: 0)
    }

    /// A recording whose marks are known, its first `handedOut` envelopes already handed out.
    public init(recording: Recording, marks: [TimelineMarks.Mark], handedOut: Int) {
        self.recording = recording
        self.marks = marks
        cursor = handedOut
    }

    public var start: Instant { recording.start }
    public var end: Instant { recording.end }
    public var indexFraction: Double? { nil }

    public var nextTimestamp: Instant? {
        cursor < recording.envelopes.count ? recording.envelopes[cursor].timestamp : nil
    }

    public mutating func take(through instant: Instant, limit: Int) -> [Envelope] {
        let envelopes = recording.envelopes, first = cursor
        while cursor < envelopes.count, cursor - first < limit, envelopes[cursor].timestamp <= instant { cursor += 1 }
        return Array(envelopes[first..<cursor])
    }

    public mutating func seek(to instant: Instant) -> ConsoleState {
        if seekIndex == nil { seekIndex = SeekIndex(recording: recording) }
        let (state, next) = seekIndex!.state(at: instant, in: recording.envelopes)
        cursor = next
        return state
    }
}
