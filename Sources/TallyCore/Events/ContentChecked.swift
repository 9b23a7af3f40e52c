/// What a content check found in one sampled segment of a feed: its picture (how dark, how much
/// of it black, how much it changed since the feed's last check) and its audio (level, loudness,
/// true peak); or why the check could not run. Levels are in dB (dBFS, LUFS), floored at
/// `ContentChecked.floorDB` for silence.
public struct ContentChecked: Codable, Sendable, Equatable {
    /// The first picture of the segment, scaled down.
    public struct Picture: Codable, Sendable, Equatable {
        /// Average luma, 0 (black) to 255 (white).
        public var luma: Double
        /// Share of the picture darker than the black threshold, 0…1.
        public var black: Double
        /// Average luma difference from the feed's previous check's picture (0…255); nil for a first check.
        public var change: Double?
        /// The picture itself as a `PicturePreview` in base64, sent when it changes state (and
        /// now and then while it does not) rather than with every check.
        public var preview: String?

        public init(luma: Double, black: Double, change: Double? = nil, preview: String? = nil) {
            self.luma = luma
            self.black = black
            self.change = change
            self.preview = preview
        }
    }

    /// The segment's first audio track.
    public struct Audio: Codable, Sendable, Equatable {
        /// RMS level over the segment, dBFS.
        public var rms: Double
        /// EBU R128 momentary (400 ms) and short-term (3 s) loudness at the segment's end, LUFS;
        /// nil where the segment was too short or too quiet to measure.
        public var momentary: Double?
        public var shortTerm: Double?
        /// True peak, dBFS.
        public var truePeak: Double?

        enum CodingKeys: String, CodingKey {
            case rms, momentary
            case shortTerm = "short_term"
            case truePeak = "true_peak"
        }

        public init(rms: Double, momentary: Double? = nil, shortTerm: Double? = nil, truePeak: Double? = nil) {
            self.rms = rms
            self.momentary = momentary
            self.shortTerm = shortTerm
            self.truePeak = truePeak
        }
    }

    public var feedId: FeedID
    public var variant: String
    public var picture: Picture?
    public var audio: Audio?
    /// Why the check failed (a broken or hostile segment, ffmpeg missing or too slow); nil when it ran.
    public var problem: String?
    /// CPU the check cost, in milliseconds.
    public var cpuMilliseconds: Double
    /// How often this feed is being checked now, in seconds (the budget may stretch it).
    public var everySeconds: Double?

    /// The level a silent track reads as, in dB (ffmpeg says −inf).
    public static let floorDB = -120.0

    enum CodingKeys: String, CodingKey {
        case feedId = "feed_id"
        case variant, picture, audio, problem
        case cpuMilliseconds = "cpu_ms"
        case everySeconds = "every_seconds"
    }

    public init(feedId: FeedID, variant: String, picture: Picture? = nil, audio: Audio? = nil, problem: String? = nil,
                cpuMilliseconds: Double = 0, everySeconds: Double? = nil) {
        self.feedId = feedId
        self.variant = variant
        self.picture = picture
        self.audio = audio
        self.problem = problem
        self.cpuMilliseconds = cpuMilliseconds
        self.everySeconds = everySeconds
    }
}

extension ContentChecked: InboundPayload {
    /// Levels from −120 to +30 dB, luma 0…255, shares 0…1, a preview that decodes, a problem of at most 500 bytes.
    public func check() throws(PayloadProblem) {
        let decibels = Self.floorDB...30
        if let picture {
            try PayloadProblem.require(picture.luma, in: 0...255, "picture.luma")
            try PayloadProblem.require(picture.black, in: 0...1, "picture.black")
            if let change = picture.change { try PayloadProblem.require(change, in: 0...255, "picture.change") }
            if let preview = picture.preview, PicturePreview(base64: preview) == nil {
                throw PayloadProblem(key: "picture.preview", reason: "not a \(PicturePreview.width)x\(PicturePreview.height) preview in base64")
            }
        }
        if let audio {
            try PayloadProblem.require(audio.rms, in: decibels, "audio.rms")
            if let momentary = audio.momentary { try PayloadProblem.require(momentary, in: decibels, "audio.momentary") }
            if let shortTerm = audio.shortTerm { try PayloadProblem.require(shortTerm, in: decibels, "audio.short_term") }
            if let truePeak = audio.truePeak { try PayloadProblem.require(truePeak, in: decibels, "audio.true_peak") }
        }
        if let problem { try PayloadProblem.require(text: problem, upTo: 500, "problem") }
        try PayloadProblem.require(cpuMilliseconds, in: 0...3_600_000, "cpu_ms")
        if let everySeconds { try PayloadProblem.require(everySeconds, in: 0...86_400, "every_seconds") }
        try PayloadProblem.require(text: variant, upTo: 2048, "variant")
    }
}
