import Foundation
import Synchronization
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
        /// How often its content is checked, in seconds (`content: {every: 10s}`); nil for
        /// `content: off`.
        public var contentEverySeconds: Double? = 10
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
    /// The room this site shares with others, when it does.
    public var shared: SharedRoom?
    public var events: [LiveEventScheduled]
    public var feeds: [FeedID: Feed]
    public var viewers: [ViewerSource]
    /// Absolute paths of the alerting and roster files, when named.
    public var alertingPath: String?
    public var rosterPath: String?
    /// Where this file names the alerting and roster files, for errors about them.
    public var namings: [Naming] = []

    /// A file named by a key of the run configuration, and the line that names it.
    public struct Naming: Sendable, Equatable {
        public var key: String
        public var path: String
        public var file: String
        public var line: Int
    }

    /// A problem at the line that names it, for the first named file that does not exist.
    public var missingNamedFile: ConfigProblem? {
        namings.first { !FileManager.default.fileExists(atPath: $0.path) }.map { naming in
            ConfigProblem(file: naming.file, line: naming.line, message: "\(naming.key): no file at \(naming.path)")
        }
    }
    /// The share of a core every feed's content checks may spend together (`content: {budget: 0.5}`).
    public var contentBudget = 0.25

    /// Where each alert kind's runbook is.
    public var runbooks = RunbookConfig()

    /// Reads and checks the file at `path` (up to 16 MiB: a month's schedule is under 1).
    public static func load(path: String) throws(ConfigProblem) -> RunConfig {
        try parse(try ConsoleConfig.text(of: path, limitMiB: 16), file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigProblem) -> RunConfig {
        let reader = YAMLReader(file: file)
        let sections = EventSections(text, slices: ProcessInfo.processInfo.activeProcessorCount)
        let top = try reader.mapping(try reader.root(sections?.main ?? text), at: "",
                                     allowed: ["site", "shared", "alerting", "roster", "rundown", "runbooks", "events", "viewers", "content"], required: ["events"])
        let folder = (file as NSString).deletingLastPathComponent
        var namings: [Naming] = []
        func path(_ key: String) throws(ConfigProblem) -> String? {
            guard let node = top[key] else { return nil }
            let value = try reader.string(node, at: key)
            let resolved = value.hasPrefix("/") ? value : (folder as NSString).appendingPathComponent(value)
            namings.append(Naming(key: key, path: resolved, file: file, line: reader.line(node)))
            return resolved
        }
        var config = RunConfig(site: try top["site"].map { node throws(ConfigProblem) in try reader.string(node, at: "site") },
                               events: [], feeds: [:], viewers: [], alertingPath: try path("alerting"), rosterPath: try path("roster"))
        config.namings = namings
        if let node = top["shared"] {
            config.shared = try SharedRoom.parse(node, at: "shared", relativeTo: folder, reader: reader)
            guard config.site != nil else { throw reader.problem(node, "shared: a shared room needs site: naming this hub's site") }
        }
        let rundown = try top["rundown"].map { node throws(ConfigProblem) in try RundownTemplate.parse(node, at: "rundown", reader: reader) }
        let parsed: [ParsedEvent]
        if let sections {
            parsed = try parseInParallel(sections.slices, rundown: rundown, reader: reader)
        } else {
            parsed = try parseEvents(top["events"]!, from: 0, rundown: rundown, reader: reader)
        }
        if let node = top["content"] {
            let fields = try reader.mapping(node, at: "content", allowed: ["budget"])
            if let budget = fields["budget"] { config.contentBudget = try reader.number(budget, at: "content.budget", in: 0.01...64, expecting: "a share of one core") }
        }
        if let node = top["runbooks"] { config.runbooks = try RunbookConfig.parse(node, at: "runbooks", relativeTo: folder, reader: reader) }
        var ids: Set<EventID> = []
        for item in parsed {
            if !item.runbooks.isEmpty { config.runbooks.eventOverrides[item.event.eventId] = item.runbooks }
            guard ids.insert(item.event.eventId).inserted else {
                throw ConfigProblem(file: file, line: item.line, message: "events[\(item.index)].id: \"\(item.event.eventId)\" is defined twice")
            }
            for feed in item.feeds {
                guard config.feeds[feed.descriptor.feedId] == nil else {
                    throw ConfigProblem(file: file, line: item.line,
                                        message: "events[\(item.index)].feeds: feed \"\(feed.descriptor.feedId)\" is defined twice")
                }
                config.feeds[feed.descriptor.feedId] = feed
            }
            config.events.append(item.event)
        }
        if let node = top["viewers"] {
            for (index, item) in try reader.sequence(node, at: "viewers").enumerated() {
                let source = try RunEventParser.viewerSource(item, at: "viewers[\(index)]", reader: reader)
                guard ids.contains(source.eventId) else {
                    throw reader.problem(item, "viewers[\(index)].event: no event \"\(source.eventId)\" in events")
                }
                config.viewers.append(source)
            }
        }
        return config
    }

    /// One event as read, with where it stood in the file.
    private struct ParsedEvent: Sendable {
        var event: LiveEventScheduled
        var feeds: [Feed]
        var runbooks: [String: String]
        var index: Int
        var line: Int
    }

    private static func parseEvents(_ list: Node, from firstIndex: Int, rundown: RundownTemplate?,
                                    reader: YAMLReader) throws(ConfigProblem) -> [ParsedEvent] {
        var parsed: [ParsedEvent] = []
        for (offset, node) in try reader.sequence(list, at: "events").enumerated() {
            let index = firstIndex + offset
            let (event, feeds) = try RunEventParser.parse(node, at: "events[\(index)]", rundown: rundown, reader: reader)
            let runbooks = try node["runbooks"].map { node throws(ConfigProblem) in
                try RunbookConfig.files(node, at: "events[\(index)].runbooks", reader: reader)
            } ?? [:]
            parsed.append(ParsedEvent(event: event, feeds: feeds, runbooks: runbooks, index: index, line: reader.line(node)))
        }
        return parsed
    }

    /// The slices of a large events list, read on every core; the first mistake in file order wins.
    private static func parseInParallel(_ slices: [(text: String, firstIndex: Int)], rundown: RundownTemplate?,
                                        reader: YAMLReader) throws(ConfigProblem) -> [ParsedEvent] {
        let results = Mutex<[Int: Result<[ParsedEvent], ConfigProblem>]>([:])
        @Sendable func read(_ slice: Int) {
            let result = Result { () throws(ConfigProblem) -> [ParsedEvent] in
                let top = try reader.mapping(try reader.root(slices[slice].text), at: "", allowed: ["events"])
                return try parseEvents(top["events"]!, from: slices[slice].firstIndex, rundown: rundown, reader: reader)
            }
            results.withLock { $0[slice] = result }
        }
        // Slices after the first on other threads, the first on this one.
        let group = DispatchGroup()
        for slice in slices.indices.dropFirst() {
            DispatchQueue.global(qos: .userInitiated).async(group: group) { read(slice) }
        }
        read(0)
        group.wait()
        let all = results.withLock { $0 }
        var parsed: [ParsedEvent] = []
        for slice in slices.indices { parsed += try all[slice]!.get() }
        return parsed
    }
}
