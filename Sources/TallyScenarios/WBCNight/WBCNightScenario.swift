import TallyBus
import TallyCore

/// The `wbc-night` scenario: a busy night of 48 live events over four hours, each with primary,
/// backup and contribution feeds, realistic audience curves (one game above 9.6 million
/// concurrent viewers) and injected failures with their alerts and recorded acknowledgements.
/// The same seed and options always give the same envelopes.
public struct WBCNightScenario: Sendable {
    /// How much detail to generate.
    public struct Options: Sendable, Equatable {
        public var seed: UInt64 = 2026
        public var hours = 4.0
        public var eventCount = 48
        /// Seconds between probes of each feed; a multiple of 5.
        public var feedInterval = 10
        /// Seconds between audience samples of each event; a multiple of 5.
        public var viewerInterval = 10
        /// Start the events one after another through the night rather than all at once in its
        /// first hour (a day of matches, for long recordings).
        public var spreadsEvents = false

        public init() {}

        /// The detail of the recording that ships with Tally: the same night, sampled less often.
        public static var compact: Options {
            var options = Options()
            options.feedInterval = 60
            options.viewerInterval = 30
            return options
        }
    }

    public static let name = "wbc-night"
    /// Every recording of the scenario starts here, whatever the seed.
    public static let start = Instant(rfc3339: "2026-03-14T18:00:00Z")!

    public let options: Options

    public init(options: Options = Options()) {
        precondition(options.feedInterval % 5 == 0 && options.viewerInterval % 5 == 0 && options.hours > 0)
        self.options = options
    }

    /// The header of a recording of this scenario.
    public var header: RecordingHeader {
        RecordingHeader(started: Self.start, meta: [
            "scenario": Self.name, "seed": "\(options.seed)", "hours": Figures.decimal(options.hours, places: 1),
            "feed_interval": "\(options.feedInterval)", "viewer_interval": "\(options.viewerInterval)",
        ])
    }

    /// Writes the night as a recording at `path` (gzip-compressed when it ends in `.gz`).
    public func write(to path: String) throws {
        let writer = try RecordingWriter(path: path, header: header)
        try generate { try writer.append($0) }
        try writer.close()
    }

    /// Calls `emit` with every envelope of the night, in time order.
    public func generate(_ emit: (Envelope) throws -> Void) rethrows {
        let plan = NightPlan.make(seed: options.seed, start: Self.start, hours: options.hours, eventCount: options.eventCount,
                                  spreadsEvents: options.spreadsEvents)
        var night = NightSimulation(plan: plan, options: options)
        let tickSeconds = 5
        let ticks = Int(saturating: options.hours * 3600) / tickSeconds
        for tick in 0...ticks {
            for envelope in night.envelopes(atTick: tick, tickSeconds: tickSeconds) { try emit(envelope) }
        }
    }

    /// The whole night as a recording in memory.
    public func recording() -> Recording {
        var envelopes: [Envelope] = []
        generate { envelopes.append($0) }
        return Recording(header: header, envelopes: envelopes)
    }
}
