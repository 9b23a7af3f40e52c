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
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var seconds = 0.0
        for part in parts {
            guard let value = try? DurationText.seconds(part), !part.contains(where: \.isLetter) else { return nil }
            seconds = seconds * 60 + value
        }
        guard Limits.durationSeconds.contains(seconds) else { return nil }
        return start.adding(seconds: seconds)
    }
}
