import TallyCore

/// A failure injected into the night, with the alert it raises while it lasts.
struct Incident {
    enum Kind: CaseIterable {
        /// The primary playlist stops advancing, then recovers.
        case staleFeed
        /// The primary answers HTTP 503; the backup carries the event.
        case failover
        /// One CDN region's viewers rebuffer and fail to start.
        case cdnSpike
        /// The encoder's output falls well below its declared bitrate.
        case bitrateDrop
        /// The audience falls off a cliff: the classic sign of a broken stream.
        case viewerCliff
        /// The primary's picture goes black outside a break, its transport still perfect.
        case blackPicture
        /// The backup's picture freezes on one frame.
        case frozenBackup
        /// The primary's commentary track goes silent.
        case silentCommentary
        /// The primary's audio jumps to −14 LUFS.
        case loudnessJump
        /// The primary's live edge drifts to 45 s and more behind the clock.
        case latencyDrift
        /// A planned ad break goes out without its SCTE-35 cue.
        case missingAdCue

        /// The failures drawn at random through the night: those of the transport and the audience.
        static let random: [Kind] = [.staleFeed, .failover, .cdnSpike, .bitrateDrop, .viewerCliff]
        /// The failures a content check or the playlists' cues find, each once in the night's first half hour.
        static let content: [Kind] = [.blackPicture, .frozenBackup, .silentCommentary, .loudnessJump, .latencyDrift, .missingAdCue]

        /// Whether the incident shows in the feed's content checks.
        var isContent: Bool { Self.content.contains(self) && self != .latencyDrift && self != .missingAdCue }
    }

    var kind: Kind
    var eventIndex: Int
    var start: Instant
    var duration: Double
    /// Seconds after the alert that a recorded operator acknowledges it; nil leaves it to the viewer.
    var acknowledgedAfter: Double?

    var end: Instant { start.adding(seconds: duration) }

    func isActive(at instant: Instant) -> Bool { instant >= start && instant < end }

    /// The first incidents come early, so that the demo shows each kind within minutes.
    static func scripted(start: Instant) -> [Incident] {
        [
            Incident(kind: .staleFeed, eventIndex: 3, start: start.adding(seconds: 75), duration: 200, acknowledgedAfter: 50),
            Incident(kind: .bitrateDrop, eventIndex: 11, start: start.adding(seconds: 240), duration: 420, acknowledgedAfter: nil),
            Incident(kind: .cdnSpike, eventIndex: 1, start: start.adding(seconds: 390), duration: 330, acknowledgedAfter: 95),
            Incident(kind: .failover, eventIndex: 5, start: start.adding(seconds: 540), duration: 1500, acknowledgedAfter: 40),
            Incident(kind: .viewerCliff, eventIndex: 0, start: start.adding(seconds: 1500), duration: 240, acknowledgedAfter: nil),
            Incident(kind: .staleFeed, eventIndex: 17, start: start.adding(seconds: 1260), duration: 150, acknowledgedAfter: 70),
        ]
    }

    /// When each content incident starts (seconds into the night) and lasts, and the audience
    /// tier of the event it falls on (the first event of that tier on air throughout).
    static let contentTimes: [(Kind, Double, Double, ClosedRange<Int>)] = [
        (.blackPicture, 200, 40, 1...6), (.frozenBackup, 420, 150, 7...24), (.silentCommentary, 700, 120, 7...24),
        (.loudnessJump, 960, 150, 1...6), (.latencyDrift, 1140, 420, 7...24), (.missingAdCue, 1500, 120, 1...6),
    ]

    /// The content incidents, each on an event on air from a minute before it to a minute after,
    /// and none on an event that `others` already fall on.
    static func content(start: Instant, events: [NightPlan.Event], others: [Incident]) -> [Incident] {
        var used = Set(others.map(\.eventIndex))
        return contentTimes.compactMap { kind, offset, duration, tiers in
            let from = start.adding(seconds: offset)
            guard let event = events.first(where: { event in
                tiers.contains(event.index) && !used.contains(event.index) && event.schedule.start <= from.adding(seconds: -60)
                    && event.schedule.end > from.adding(seconds: duration + 60)
            }) else { return nil }
            used.insert(event.index)
            return Incident(kind: kind, eventIndex: event.index, start: from, duration: duration, acknowledgedAfter: kind == .latencyDrift ? nil : 45)
        }
    }

    static func random(count: Int, start: Instant, end: Instant, eventCount: Int, using random: inout SeededGenerator) -> [Incident] {
        let span = end.seconds(since: start)
        guard span > 0 else { return [] }
        return (0..<count).map { _ in
            Incident(
                kind: Kind.random.randomElement(using: &random)!,
                eventIndex: Int.random(in: 0..<eventCount, using: &random),
                start: start.adding(seconds: Double.random(in: 0...span, using: &random).rounded()),
                duration: Double.random(in: 120...900, using: &random).rounded(),
                acknowledgedAfter: Bool.random(using: &random) ? Double.random(in: 30...150, using: &random).rounded() : nil)
        }
    }
}
