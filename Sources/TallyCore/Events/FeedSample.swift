/// One probe of a feed's HLS media playlist and newest segment. Durations in seconds, bitrates in bit/s.
public struct FeedSample: Codable, Sendable, Equatable {
    public var feedId: FeedID
    public var variant: String
    public var targetDuration: Double
    public var playlistAge: Double
    public var mediaSequence: Int
    public var discontinuitySequence: Int
    public var liveWindow: Double
    public var segmentDownloadTime: Double
    public var measuredBitrate: Int
    public var declaredBitrate: Int
    public var errors: Int
    /// How far behind the wall clock the live edge is, in seconds, from the playlist's program
    /// date times; nil when it carries none.
    public var latency: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case feedId = "feed_id"
        case variant
        case targetDuration = "target_duration"
        case playlistAge = "playlist_age"
        case mediaSequence = "media_sequence"
        case discontinuitySequence = "discontinuity_sequence"
        case liveWindow = "live_window"
        case segmentDownloadTime = "segment_download_time"
        case measuredBitrate = "measured_bitrate"
        case declaredBitrate = "declared_bitrate"
        case errors, latency
    }

    public init(
        feedId: FeedID, variant: String, targetDuration: Double, playlistAge: Double,
        mediaSequence: Int, discontinuitySequence: Int, liveWindow: Double,
        segmentDownloadTime: Double, measuredBitrate: Int, declaredBitrate: Int, errors: Int, latency: Double? = nil
    ) {
        self.feedId = feedId
        self.variant = variant
        self.targetDuration = targetDuration
        self.playlistAge = playlistAge
        self.mediaSequence = mediaSequence
        self.discontinuitySequence = discontinuitySequence
        self.liveWindow = liveWindow
        self.segmentDownloadTime = segmentDownloadTime
        self.measuredBitrate = measuredBitrate
        self.declaredBitrate = declaredBitrate
        self.errors = errors
        self.latency = latency
    }
}
