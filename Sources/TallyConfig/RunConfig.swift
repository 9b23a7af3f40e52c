import Foundation
import TallyCore
import Yams

/// What `tally run` watches (`tally.yaml`, schema in README.md, "Running live"): the site,
/// the events with their feeds, the viewer-count sources, and where the alerting and roster
/// files are.
public struct RunConfig: Sendable, Equatable {
    /// One feed to monitor: its HLS URL and thresholds; its role, path, hop and owning team
    /// are in its descriptor.
    public struct Feed: Sendable, Equatable {
        public var descriptor: FeedDescriptor
        public var url: String
        public var thresholds: FeedThresholds
    }

    /// Where an event's concurrent viewers come from.
    public struct ViewerSource: Sendable, Equatable {
        public var eventId: EventID
        public var query: ViewerQuery
        public var intervalSeconds: Double
        /// A fall of more than this fraction within a minute raises an alert.
        public var dropFraction: Double
    }

    public var site: String?
    public var events: [LiveEventScheduled]
    public var feeds: [FeedID: Feed]
    public var viewers: [ViewerSource]
    /// Absolute paths of the alerting and roster files, when named.
    public var alertingPath: String?
    public var rosterPath: String?

    /// Reads and checks the file at `path`.
    public static func load(path: String) throws(ConfigProblem) -> RunConfig {
        try parse(try ConsoleConfig.text(of: path), file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigProblem) -> RunConfig {
        let reader = YAMLReader(file: file)
        let top = try reader.mapping(try reader.root(text), at: "", allowed: ["site", "alerting", "roster", "rundown", "events", "viewers"],
                                     required: ["events"])
        let folder = (file as NSString).deletingLastPathComponent
        func path(_ key: String) throws(ConfigProblem) -> String? {
            guard let node = top[key] else { return nil }
            let value = try reader.string(node, at: key)
            return value.hasPrefix("/") ? value : (folder as NSString).appendingPathComponent(value)
        }
        var config = RunConfig(site: try top["site"].map { node throws(ConfigProblem) in try reader.string(node, at: "site") },
                               events: [], feeds: [:], viewers: [], alertingPath: try path("alerting"), rosterPath: try path("roster"))
        let rundown = try top["rundown"].map { node throws(ConfigProblem) in try RundownTemplate.parse(node, at: "rundown", reader: reader) }
        for (index, node) in try reader.sequence(top["events"]!, at: "events").enumerated() {
            let (event, feeds) = try RunEventParser.parse(node, at: "events[\(index)]", rundown: rundown, reader: reader)
            guard !config.events.contains(where: { $0.eventId == event.eventId }) else {
                throw reader.problem(node, "events[\(index)].id: \"\(event.eventId)\" is defined twice")
            }
            for feed in feeds {
                guard config.feeds[feed.descriptor.feedId] == nil else {
                    throw reader.problem(node, "events[\(index)].feeds: feed \"\(feed.descriptor.feedId)\" is defined twice")
                }
                config.feeds[feed.descriptor.feedId] = feed
            }
            config.events.append(event)
        }
        if let node = top["viewers"] {
            for (index, item) in try reader.sequence(node, at: "viewers").enumerated() {
                let source = try RunEventParser.viewerSource(item, at: "viewers[\(index)]", reader: reader)
                guard config.events.contains(where: { $0.eventId == source.eventId }) else {
                    throw reader.problem(item, "viewers[\(index)].event: no event \"\(source.eventId)\" in events")
                }
                config.viewers.append(source)
            }
        }
        return config
    }
}
