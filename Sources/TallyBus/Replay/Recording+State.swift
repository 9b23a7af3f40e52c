import TallyCore

extension Recording {
    /// The console state after every envelope up to and including `instant` (on top of the
    /// state a cut recording starts from).
    public func state(at instant: Instant) -> ConsoleState {
        var state = header.state ?? ConsoleState()
        for envelope in envelopes {
            guard envelope.timestamp <= instant else { break }
            state.apply(envelope)
        }
        return state
    }

    /// Resolves a moment given as time elapsed since the start (`01:30:00`, `90:00`, `45`)
    /// or as an RFC 3339 timestamp; nil when the text is neither.
    public func moment(_ text: String) -> Instant? {
        Self.moment(text, start: start)
    }

    /// `moment(_:)` for a recording that starts at `start`.
    public static func moment(_ text: String, start: Instant) -> Instant? {
        if let instant = Instant(rfc3339: text) { return instant }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Double($0) }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        let seconds = parts.reduce(0.0) { $0 * 60 + $1! }
        return start.adding(seconds: seconds)
    }
}
