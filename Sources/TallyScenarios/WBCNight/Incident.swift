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

    static func random(count: Int, start: Instant, end: Instant, eventCount: Int, using random: inout SeededGenerator) -> [Incident] {
        let span = end.seconds(since: start)
        guard span > 0 else { return [] }
        return (0..<count).map { _ in
            Incident(
                kind: Kind.allCases.randomElement(using: &random)!,
                eventIndex: Int.random(in: 0..<eventCount, using: &random),
                start: start.adding(seconds: Double.random(in: 0...span, using: &random).rounded()),
                duration: Double.random(in: 120...900, using: &random).rounded(),
                acknowledgedAfter: Bool.random(using: &random) ? Double.random(in: 30...150, using: &random).rounded() : nil)
        }
    }
}
