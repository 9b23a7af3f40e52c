import Foundation
import TallyCore
import Yams

/// Reads one event (with its feeds) and one viewer source of `tally.yaml`.
enum RunEventParser {
    static let eventKeys: Set = ["id", "title", "venue", "tier", "start", "end", "policy", "feeds", "rundown", "runbooks", "latency"]
    static let requiredEventKeys: Set = ["id", "title", "start", "end"]
    static let feedKeys: Set = ["name", "role", "url", "path", "hop", "team", "thresholds", "content"]
    static let requiredFeedKeys: Set = ["name", "role", "url"]

    static func parse(_ node: Node, at path: String, rundown standard: RundownTemplate?,
                      reader: YAMLReader) throws(ConfigProblem) -> (LiveEventScheduled, [RunConfig.Feed]) {
        let fields = try reader.mapping(node, at: path, allowed: eventKeys, required: requiredEventKeys)
        let id = try reader.string(fields["id"]!, at: path + ".id")
        let start = try reader.instant(fields["start"]!, at: path + ".start"), end = try reader.instant(fields["end"]!, at: path + ".end")
        guard start < end else { throw reader.problem(fields["end"]!, "\(path).end: must be after start") }
        var tier = Tier.tier2
        if let node = fields["tier"] {
            let text = try reader.string(node, at: path + ".tier")
            guard let value = Tier(rawValue: text) else { throw reader.problem(node, "\(path).tier: \"\(text)\" is not a tier (1, 2, 3 or big-bet)") }
            tier = value
        }
        var feeds: [RunConfig.Feed] = []
        let rundown = try fields["rundown"].map { node throws(ConfigProblem) in try RundownTemplate.parse(node, at: path + ".rundown", reader: reader) }
            ?? standard
        let feedNodes = try fields["feeds"].map { node throws(ConfigProblem) in try reader.sequence(node, at: path + ".feeds") } ?? []
        // `latency: {target: 30s}`: how far behind the clock the event's live edges may run.
        let latency = try fields["latency"].map { node throws(ConfigProblem) in
            let latency = try reader.mapping(node, at: path + ".latency", allowed: ["target"], required: ["target"])
            return try reader.duration(latency["target"]!, at: path + ".latency.target", in: 1...3600)
        }
        for (index, item) in feedNodes.enumerated() {
            var feed = try feed(item, event: id, at: "\(path).feeds[\(index)]", reader: reader)
            if let latency { feed.thresholds.latencyTargetSeconds = latency }
            feeds.append(feed)
        }
        let event = LiveEventScheduled(
            eventId: id, title: try reader.string(fields["title"]!, at: path + ".title"),
            venue: try fields["venue"].map { node throws(ConfigProblem) in try reader.string(node, at: path + ".venue") } ?? "",
            tier: tier, start: start, end: end, feeds: feeds.map(\.descriptor),
            policy: try fields["policy"].map { node throws(ConfigProblem) in try reader.string(node, at: path + ".policy") },
            phases: rundown?.steps(start: start, end: end))
        return (event, feeds)
    }

    private static func feed(_ node: Node, event: EventID, at path: String, reader: YAMLReader) throws(ConfigProblem) -> RunConfig.Feed {
        let fields = try reader.mapping(node, at: path, allowed: feedKeys, required: requiredFeedKeys)
        func text(_ key: String) throws(ConfigProblem) -> String? {
            try fields[key].map { node throws(ConfigProblem) in try reader.string(node, at: "\(path).\(key)") }
        }
        let roleText = try reader.string(fields["role"]!, at: path + ".role")
        guard let role = FeedRole(rawValue: roleText) else {
            throw reader.problem(fields["role"]!, "\(path).role: \"\(roleText)\" is not a role (primary, backup or contribution)")
        }
        let url = try reader.string(fields["url"]!, at: path + ".url")
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw reader.problem(fields["url"]!, "\(path).url: \"\(url)\" is not an http:// or https:// address")
        }
        var hop: SignalHop?
        if let hopText = try text("hop") {
            guard let value = SignalHop(rawValue: hopText) else {
                throw reader.problem(fields["hop"]!, "\(path).hop: \"\(hopText)\" is not a hop (contribution, ingest, origin or edge)")
            }
            hop = value
        }
        let name = try reader.string(fields["name"]!, at: path + ".name")
        var feed = RunConfig.Feed(
            descriptor: FeedDescriptor(feedId: "\(event)-\(name)", role: role, path: try text("path") ?? "", hop: hop, team: try text("team")),
            url: url,
            thresholds: try fields["thresholds"].map { node throws(ConfigProblem) in try thresholds(node, at: path + ".thresholds", reader: reader) }
                ?? .standard)
        if let node = fields["content"] { feed.contentEverySeconds = try contentEvery(node, at: path + ".content", reader: reader) }
        return feed
    }

    /// `content: off`, or `content: {every: 10s}` (1 s to an hour).
    private static func contentEvery(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> Double? {
        if let scalar = node.scalar {
            guard scalar.string == "off" else { throw reader.problem(node, "\(path): expected off or {every: DURATION}, not \"\(scalar.string)\"") }
            return nil
        }
        let fields = try reader.mapping(node, at: path, allowed: ["every"], required: ["every"])
        return try reader.duration(fields["every"]!, at: path + ".every", in: 1...3600)
    }

    private static func thresholds(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> FeedThresholds {
        let keys: [String: WritableKeyPath<FeedThresholds, Double>] = [
            "stale_warning": \.staleWarning, "stale_down": \.staleDown, "short_window": \.shortWindow, "slow_warning": \.slowWarning,
            "slow_down": \.slowDown, "over_bandwidth": \.overBandwidth, "under_average": \.underAverage,
        ]
        let fields = try reader.mapping(node, at: path, allowed: Set(keys.keys).union(["missing_variant", "clean_polls"]))
        var thresholds = FeedThresholds.standard
        for (key, keyPath) in keys {
            guard let value = fields[key] else { continue }
            let number = try reader.number(value, at: "\(path).\(key)", in: Limits.thresholdFactor, expecting: "a positive number")
            guard number > 0 else { throw reader.problem(value, "\(path).\(key): expected a positive number, not 0") }
            thresholds[keyPath: keyPath] = number
        }
        if let node = fields["missing_variant"] { thresholds.missingVariantSeconds = try reader.duration(node, at: path + ".missing_variant") }
        if let node = fields["clean_polls"] { thresholds.cleanPollsToClear = try reader.integer(node, at: path + ".clean_polls", minimum: 1) }
        return thresholds
    }

    /// `by: cdn` or `by: [cdn, region]`: the labels a Prometheus source breaks its audience down by.
    static func breakdown(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> [String] {
        let labels = try reader.strings(node, at: path)
        guard labels.count <= ViewerSample.shareLabelsCap else {
            throw reader.problem(node, "\(path): at most \(ViewerSample.shareLabelsCap) labels, not \(labels.count)")
        }
        for label in labels where label.isEmpty || label.utf8.count > 64 || !label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            throw reader.problem(node, "\(path): \"\(label.prefix(64))\" is not a label name (letters, digits and _)")
        }
        return labels
    }

    static func viewerSource(_ node: Node, at path: String, reader: YAMLReader) throws(ConfigProblem) -> RunConfig.ViewerSource {
        let fields = try reader.mapping(node, at: path, allowed: ["event", "every", "drop", "prometheus", "json"], required: ["event"])
        let query: ViewerQuery
        switch (fields["prometheus"], fields["json"]) {
        case (let prometheus?, nil):
            let source = try reader.mapping(prometheus, at: path + ".prometheus", allowed: ["url", "metric", "match", "by"], required: ["url", "metric"])
            let breakdown = try source["by"].map { node throws(ConfigProblem) in try Self.breakdown(node, at: path + ".prometheus.by", reader: reader) } ?? []
            query = .prometheus(
                url: try reader.string(source["url"]!, at: path + ".prometheus.url"),
                metric: try reader.string(source["metric"]!, at: path + ".prometheus.metric"),
                matchers: try source["match"].map { node throws(ConfigProblem) in
                    try AlertingConfig.matchers(node, at: path + ".prometheus.match", reader: reader)
                } ?? [], breakdown: breakdown)
        case (nil, let json?):
            let source = try reader.mapping(json, at: path + ".json", allowed: ["url", "pointer"], required: ["url", "pointer"])
            let pointer = try reader.string(source["pointer"]!, at: path + ".json.pointer")
            guard pointer.hasPrefix("/") else { throw reader.problem(source["pointer"]!, "\(path).json.pointer: a JSON pointer starts with /") }
            query = .json(url: try reader.string(source["url"]!, at: path + ".json.url"), pointer: pointer)
        default:
            throw reader.problem(node, "\(path): give exactly one of prometheus or json")
        }
        let drop = try fields["drop"].map { node throws(ConfigProblem) -> Double in
            guard let value = node.float, value > 0, value < 1 else {
                throw reader.problem(node, "\(path).drop: \(reader.describe(node)) is not a fraction between 0 and 1, such as 0.4")
            }
            return value
        } ?? 0.4
        return RunConfig.ViewerSource(
            eventId: try reader.string(fields["event"]!, at: path + ".event"), query: query,
            intervalSeconds: try fields["every"].map { node throws(ConfigProblem) in try reader.duration(node, at: path + ".every") } ?? 15,
            dropFraction: drop)
    }
}
