/// A feed's content over its checks, with hysteresis as for the transport: a condition alerts
/// once it has lasted its `ContentRules.raiseAfter`, and clears once it has been gone for
/// `recoverySeconds`. During a planned break (a slate, an ad) a black, frozen or silent picture
/// is expected and counts as gone. A check that failed says nothing of the content and changes
/// nothing. Pure, on the instants it is given.
public struct ContentWatch: Sendable, Equatable {
    /// A condition the feed alerts on now, in words.
    public struct Problem: Sendable, Equatable {
        public var condition: ContentCondition
        public var reason: String
        /// Black and frozen pictures take the feed off the air for its viewers; silence and loudness spoil it.
        public var status: FeedStatus { condition == .black || condition == .frozen ? .down : .degraded }
    }

    public var rules: ContentRules
    /// Since when each condition has shown, check after check.
    public private(set) var badSince: [ContentCondition: Instant] = [:]
    /// Since when each raised condition has been gone, and how long it had lasted.
    private var goodSince: [ContentCondition: Instant] = [:]
    private var lasted: [ContentCondition: Double] = [:]
    public private(set) var raised: Set<ContentCondition> = []
    /// The last check that ran.
    public private(set) var last: ContentChecked?

    public init(rules: ContentRules = .standard) {
        self.rules = rules
    }

    public mutating func record(_ checked: ContentChecked, at instant: Instant, inBreak: Bool = false) {
        guard checked.problem == nil else { return }
        last = checked
        var found = rules.conditions(of: checked)
        if inBreak { found = found.filter { !$0.isExpectedInABreak } }
        for condition in ContentCondition.allCases {
            if found.contains(condition) {
                goodSince[condition] = nil
                let since = badSince[condition] ?? instant
                badSince[condition] = since
                if instant.seconds(since: since) >= rules.raiseAfter(condition) { raised.insert(condition) }
            } else {
                if let since = badSince[condition] { lasted[condition] = instant.seconds(since: since) }
                badSince[condition] = nil
                guard raised.contains(condition) else { continue }
                let since = goodSince[condition] ?? instant
                goodSince[condition] = since
                if instant.seconds(since: since) >= rules.recoverySeconds {
                    raised.remove(condition)
                    goodSince[condition] = nil
                }
            }
        }
    }

    /// The conditions alerting at `instant`, worst first.
    public func problems(at instant: Instant) -> [Problem] {
        raised.sorted().map { Problem(condition: $0, reason: reason(for: $0, at: instant)) }
    }

    private func reason(for condition: ContentCondition, at instant: Instant) -> String {
        guard let since = badSince[condition] else {
            let name = switch condition {
            case .black: "black picture"
            case .frozen: "picture frozen"
            case .silent: "audio silent"
            case .loudness: "loudness off target"
            }
            return "\(name) for \(Int(saturating: (lasted[condition] ?? 0).rounded())) s, recovering"
        }
        let lasted = "for \(Int(saturating: instant.seconds(since: since).rounded())) s"
        switch condition {
        case .black:
            let share = last?.picture.map { " (\(Int(saturating: ($0.black * 100).rounded())) % black)" } ?? ""
            return "black picture \(lasted)\(share)"
        case .frozen:
            return "picture frozen \(lasted)"
        case .silent:
            let level = last?.audio.map { " (\(Int(saturating: $0.rms.rounded())) dBFS)" } ?? ""
            return "audio silent \(lasted)\(level)"
        case .loudness:
            let measured = last?.audio.flatMap(ContentRules.loudness).map { String(format: "%.1f LUFS", $0) } ?? "?"
            return String(format: "loudness %@ %@, outside %.0f ± %.0f", measured, lasted, rules.loudnessTarget, rules.loudnessTolerance)
        }
    }
}
