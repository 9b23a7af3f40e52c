/// Mutes target alerts while a source alert fires with the same values of the `equal` labels
/// (Alertmanager's inhibition): a feed that is down mutes its own stale and bitrate alerts.
public struct InhibitionRule: Sendable, Equatable, Codable {
    public var source: [LabelMatcher]
    public var target: [LabelMatcher]
    public var equal: [String]

    public init(source: [LabelMatcher], target: [LabelMatcher], equal: [String]) {
        self.source = source
        self.target = target
        self.equal = equal
    }

    /// The values of the `equal` labels, or nil when one is missing (such alerts never pair).
    func pairingKey(_ labels: [String: String]) -> [String]? {
        var values: [String] = []
        for name in equal {
            guard let value = labels[name] else { return nil }
            values.append(value)
        }
        return values
    }
}
