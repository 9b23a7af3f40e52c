/// An ad break the rundown plans (`break: {length: 2m}` on a step): when its SCTE-35 cue is
/// due in every variant of the event's feeds, and when it should be over.
public struct PlannedBreak: Sendable, Equatable {
    public var name: String
    public var start: Instant
    public var seconds: Double

    public init(name: String, start: Instant, seconds: Double) {
        self.name = name
        self.start = start
        self.seconds = seconds
    }

    public var end: Instant { start.adding(seconds: seconds) }
}

/// What each variant's playlist has shown of the cues: the newest break out (`EXT-X-CUE-OUT`,
/// a `SCTE35-OUT` date range) and back in, at the program date time of their segment or else
/// when the monitor saw them.
public struct CueSightings: Sendable, Equatable {
    public var lastOut: Instant?
    public var lastIn: Instant?

    public init(lastOut: Instant? = nil, lastIn: Instant? = nil) {
        self.lastOut = lastOut
        self.lastIn = lastIn
    }
}

/// Judges planned ad breaks against the cues the variants carried, `window` seconds either
/// side of the plan: `scte35.missing` when no variant has the cue once the window after the
/// break's start has passed, `scte35.variant_sync` when only some do, `scte35.overrun` when a
/// cued break has not come back in by the window after its planned end. Missing and partial cues
/// stand until the break's window closes; an overrun until the cue back in arrives (or the
/// next break).
public enum CueExpectation {
    public struct Problem: Sendable, Equatable {
        public var kind: String
        public var reason: String
    }

    public static let windowSeconds = 30.0

    public static func problems(breaks: [PlannedBreak], variants: [String: CueSightings], at now: Instant,
                                window: Double = windowSeconds) -> [Problem] {
        guard !variants.isEmpty else { return [] }
        var found: [Problem] = []
        let ordered = breaks.sorted { $0.start < $1.start }
        for (index, planned) in ordered.enumerated() {
            let due = planned.start.adding(seconds: window)
            guard now >= due else { continue }
            let earliest = planned.start.adding(seconds: -window)
            let cued = variants.filter { ($0.value.lastOut.map { $0 >= earliest && $0 < planned.end } ?? false) }
            let closes = planned.end.adding(seconds: window)
            let label = "ad break \"\(planned.name)\" at " + planned.start.utcHourMinute
            if now < closes, cued.isEmpty {
                found.append(Problem(kind: "scte35.missing", reason: "no SCTE-35 cue for \(label)"))
            } else if now < closes, cued.count < variants.count {
                let missing = variants.keys.filter { cued[$0] == nil }.sorted()
                found.append(Problem(kind: "scte35.variant_sync",
                                     reason: "SCTE-35 cue for \(label) missing in \(missing.joined(separator: ", ")) (\(cued.count) of \(variants.count) variants)"))
            }
            let next = index + 1 < ordered.count ? ordered[index + 1].start : planned.end.adding(seconds: 3600)
            let stillOut = cued.values.filter { seen in
                guard let out = seen.lastOut else { return false }
                return !(seen.lastIn.map { $0 >= out } ?? false)
            }
            if now >= closes, now < next, !cued.isEmpty, !stillOut.isEmpty {
                found.append(Problem(kind: "scte35.overrun",
                                     reason: "\(label) overran: no cue back in \(Figures.duration(now.seconds(since: planned.end))) after its planned \(Figures.duration(planned.seconds))"))
            }
        }
        return found
    }
}
