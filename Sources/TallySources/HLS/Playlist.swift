import TallyCore

/// An HLS playlist (RFC 8216): a multivariant playlist listing variants, or a media playlist
/// listing segments.
public enum Playlist: Sendable, Equatable {
    case multivariant(MultivariantPlaylist)
    case media(MediaPlaylist)
}

/// The variants of a stream, each a media playlist at some bitrate (§4.4.6).
public struct MultivariantPlaylist: Sendable, Equatable {
    public struct Variant: Sendable, Equatable {
        public var uri: String
        /// Peak bits per second (`BANDWIDTH`).
        public var bandwidth: Int
        public var averageBandwidth: Int?
        public var resolution: String?
        public var codecs: String?
    }

    public var variants: [Variant]
    /// Lines that were not understood, with their line numbers (skipped, not fatal).
    public var issues: [PlaylistIssue]
    /// Variants listed past `PlaylistParser.variantCap`, not watched.
    public var unwatched = 0
}

/// A media playlist: the live window of segments a player would load (§4.4.3).
public struct MediaPlaylist: Sendable, Equatable {
    public struct Segment: Sendable, Equatable {
        public var uri: String
        public var duration: Double
        /// A discontinuity comes before this segment.
        public var discontinuity: Bool
        /// An SCTE-35 cue at this segment (`CUE-OUT`, `CUE-IN`, `SCTE35-OUT` …), if any.
        public var cue: String?
        /// The wall-clock moment of its first sample (`EXT-X-PROGRAM-DATE-TIME`), when tagged.
        public var programDateTime: Instant?

        public init(uri: String, duration: Double, discontinuity: Bool, cue: String?, programDateTime: Instant? = nil) {
            self.uri = uri
            self.duration = duration
            self.discontinuity = discontinuity
            self.cue = cue
            self.programDateTime = programDateTime
        }
    }

    public var targetDuration: Double
    public var mediaSequence: Int
    public var discontinuitySequence: Int
    public var segments: [Segment]
    /// `EXT-X-ENDLIST`: no segment will be added (the event is over, or the stream was ended).
    public var hasEndList: Bool
    public var playlistType: String?
    public var issues: [PlaylistIssue]

    /// Seconds of media the playlist holds.
    public var liveWindow: Double { segments.reduce(0) { $0 + $1.duration } }
    /// The media sequence number of the newest segment.
    public var lastSequence: Int { mediaSequence + segments.count - 1 }
    /// Cue markers seen, in order.
    public var cues: [String] { segments.compactMap(\.cue) }

    /// The wall-clock moment the live edge (the newest segment's end) stands for, from the last
    /// program date time and the durations after it; nil when no segment carries one.
    public var liveEdge: Instant? {
        guard let index = segments.lastIndex(where: { $0.programDateTime != nil }), let start = segments[index].programDateTime else { return nil }
        return start.adding(seconds: segments[index...].reduce(0) { $0 + $1.duration })
    }

    /// Program date times that jump, more than a second from where the one before and its
    /// duration put them, with no discontinuity to say so.
    public var programDateTimeJumps: Int {
        var jumps = 0
        var expected: Instant?
        for segment in segments {
            if let pdt = segment.programDateTime {
                if let expected, !segment.discontinuity, abs(pdt.seconds(since: expected)) > 1 { jumps += 1 }
                expected = pdt
            }
            expected = expected?.adding(seconds: segment.duration)
        }
        return jumps
    }
}

/// A line of a playlist that was not understood; the rest is still used.
public struct PlaylistIssue: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Why a document is not a usable playlist.
public struct PlaylistError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}
