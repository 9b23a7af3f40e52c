/// The moments of a recording worth a mark on its time line: where each alert was first raised
/// (not its repeats, until its source clears it) and every phase change. Built envelope by
/// envelope, so that an index can gather them in the same pass that saves its states.
public struct TimelineMarks: Codable, Sendable, Equatable {
    public enum Kind: Codable, Sendable, Equatable {
        case alert(Severity)
        case phase
    }

    public struct Mark: Codable, Sendable, Equatable {
        public var at: Instant
        public var kind: Kind

        public init(at: Instant, kind: Kind) {
            self.at = at
            self.kind = kind
        }

        /// Whether the mark is where an alert opened.
        public var isAlert: Bool {
            if case .alert = kind { true } else { false }
        }
    }

    public private(set) var marks: [Mark] = []
    private var raising: Set<String> = []

    public init() {}

    public init(_ envelopes: some Sequence<Envelope>) {
        for envelope in envelopes { note(envelope) }
    }

    public mutating func note(_ envelope: Envelope) {
        switch envelope.event {
        case .alertRaised(let raised) where raising.insert(raised.dedupKey).inserted:
            marks.append(Mark(at: envelope.timestamp, kind: .alert(raised.severity)))
        case .alertCleared(let cleared): raising.remove(cleared.dedupKey)
        case .phaseChanged: marks.append(Mark(at: envelope.timestamp, kind: .phase))
        default: break
        }
    }
}
