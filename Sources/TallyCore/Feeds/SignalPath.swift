/// An event's signal chain as its feeds stand now: each hop from the venue to the audience
/// with the paths watched there, which path carries the signal, whether that is a failover,
/// and the first hop where nothing carries it — the place to hand the failure to.
public struct SignalPath: Sendable, Equatable {
    /// One watched path at a hop.
    public struct Link: Sendable, Equatable {
        public var descriptor: FeedDescriptor
        public var status: FeedStatus
        public var reason: String?
    }

    /// One hop: its paths, and which of them carries the signal.
    public struct Stage: Sendable, Equatable {
        public var hop: SignalHop
        public var links: [Link]
        /// The path carrying the signal: the primary while it plays, else the first backup
        /// that does; nil when none plays.
        public var carrier: Link?

        /// Whether a path other than the primary carries the signal because the primary failed.
        public var isFailover: Bool {
            guard let carrier, carrier.descriptor.role != .primary else { return false }
            return links.contains { $0.descriptor.role == .primary && $0.status > .unknown }
        }

        /// How the hop stands: OK when its carrier is clean, degraded when the carrier is or a
        /// path has failed over, down when nothing carries the signal, unknown before any probe.
        public var status: FeedStatus {
            if let carrier { return isFailover ? max(carrier.status, .degraded) : carrier.status }
            return links.allSatisfy { $0.status == .unknown } ? .unknown : .down
        }

        /// The team to hand the hop's failure to: the owner of its failed primary, else of any path.
        public var owner: String? {
            links.first { $0.descriptor.role == .primary && $0.status > .unknown }?.descriptor.team
                ?? links.compactMap(\.descriptor.team).first
        }
    }

    public var stages: [Stage]

    public init(event: LiveEventScheduled, feeds: [FeedID: FeedState]) {
        let links = event.feeds.map { descriptor in
            let feed = feeds[descriptor.feedId]
            return Link(descriptor: descriptor, status: feed?.status ?? .unknown, reason: feed?.reasons.first)
        }
        stages = SignalHop.allCases.compactMap { hop in
            let here = links.filter { $0.descriptor.stage == hop }
            guard !here.isEmpty else { return nil }
            let playing = here.filter { $0.status == .ok || $0.status == .degraded }
            let carrier = playing.first { $0.descriptor.role == .primary && $0.status == .ok }
                ?? playing.first { $0.status == .ok } ?? playing.first
            return Stage(hop: hop, links: here, carrier: carrier)
        }
    }

    /// The first hop (from the venue) where nothing carries the signal.
    public var breakPoint: Stage? {
        stages.first { $0.status == .down }
    }
}
