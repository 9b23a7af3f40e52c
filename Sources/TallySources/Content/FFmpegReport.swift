import TallyCore

/// What ffmpeg's log says of a checked segment: the audio's RMS level (`astats`), its loudness
/// at the end (the last `ebur128` frame line: momentary, short-term, true peak). Every number is read where it enters: finite, and levels clamped
/// to `ContentChecked.floorDB`…+30 dB (`-inf` is silence); a line it cannot read is ignored.
public struct FFmpegReport: Equatable, Sendable {
    public var audio: ContentChecked.Audio?

    /// ebur128 prints a short-term loudness of −120.7 until it has 3 s to measure.
    static let unmeasured = -120.0

    public static func parse(_ log: Substring) -> FFmpegReport {
        var report = FFmpegReport()
        var rms: Double?
        var loudness: (momentary: Double?, shortTerm: Double?, truePeak: Double?)?
        for line in log.split(separator: "\n", omittingEmptySubsequences: true) {
            if let value = line.value(after: "RMS level dB:") {
                rms = level(value)
            } else if line.contains(" M:"), line.contains(" S:") {
                loudness = (measured(line.value(after: " M:")), measured(line.value(after: " S:")), line.value(after: " TPK:").flatMap(level))
            }
        }
        if let rms {
            report.audio = ContentChecked.Audio(rms: rms, momentary: loudness?.momentary, shortTerm: loudness?.shortTerm, truePeak: loudness?.truePeak)
        }
        return report
    }

    /// A level in dB: `-inf` is the floor; anything unreadable is nil.
    static func level(_ text: Substring) -> Double? {
        if text.hasPrefix("-inf") { return ContentChecked.floorDB }
        guard let value = Double(text), value.isFinite else { return nil }
        return min(30, max(ContentChecked.floorDB, value))
    }

    /// A loudness ebur128 actually measured.
    static func measured(_ text: Substring?) -> Double? {
        text.flatMap(level).flatMap { $0 > unmeasured ? $0 : nil }
    }
}

extension Substring {
    /// The first word after `marker` (spaces skipped), if the line has the marker.
    func value(after marker: String) -> Substring? {
        guard let range = range(of: marker) else { return nil }
        let rest = self[range.upperBound...].drop { $0 == " " }
        let word = rest.prefix { $0 != " " && $0 != "\t" }
        return word.isEmpty ? nil : word
    }
}
