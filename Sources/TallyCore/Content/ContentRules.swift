/// When a checked picture or sound is wrong, and for how long before it alerts. The picture
/// and silence thresholds are ffmpeg's blackdetect and silencedetect defaults; loudness is
/// EBU R128's −23 LUFS ± 2 unless an event says otherwise (ATSC A/85: −24 LKFS).
public struct ContentRules: Sendable, Equatable {
    /// A picture is black when this share of it is darker than `blackPixel` (blackdetect's `pic_th`).
    public static let blackShare = 0.98
    /// A pixel is black below this share of the luma range (blackdetect's `pix_th`).
    public static let blackPixel = 0.10
    /// A picture is frozen when it differs from the last check's by less than this, in luma levels.
    public static let frozenChange = 1.0
    /// Audio is silent below this RMS level, dBFS.
    public static let silentBelow = -60.0

    public var loudnessTarget = -23.0
    public var loudnessTolerance = 2.0
    /// How long each condition lasts before it alerts, in seconds.
    public var blackSeconds = 10.0
    public var frozenSeconds = 10.0
    public var silentSeconds = 15.0
    public var loudnessSeconds = 10.0
    /// How long a condition stays gone before its alert clears.
    public var recoverySeconds = 10.0

    public static let standard = ContentRules()

    public init() {}

    /// How long `condition` lasts before it alerts.
    public func raiseAfter(_ condition: ContentCondition) -> Double {
        switch condition {
        case .black: blackSeconds
        case .frozen: frozenSeconds
        case .silent: silentSeconds
        case .loudness: loudnessSeconds
        }
    }

    /// The loudness a check measured: short-term where the segment was long enough, else momentary.
    public static func loudness(of audio: ContentChecked.Audio) -> Double? {
        audio.shortTerm ?? audio.momentary
    }

    /// What `checked` shows wrong; nothing for a check that failed (it says nothing of the content).
    public func conditions(of checked: ContentChecked) -> Set<ContentCondition> {
        guard checked.problem == nil else { return [] }
        var found: Set<ContentCondition> = []
        if let picture = checked.picture {
            // A black picture is still as well: it is black, not frozen too.
            if picture.black >= Self.blackShare {
                found.insert(.black)
            } else if let change = picture.change, change < Self.frozenChange {
                found.insert(.frozen)
            }
        }
        if let audio = checked.audio {
            if audio.rms < Self.silentBelow {
                found.insert(.silent)
            } else if let loudness = Self.loudness(of: audio), abs(loudness - loudnessTarget) > loudnessTolerance {
                found.insert(.loudness)
            }
        }
        return found
    }
}
