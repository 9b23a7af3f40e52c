import TallyCore

extension CueSightings {
    /// The cues of `playlist`'s segments after sequence `seen` (all of them on a first load),
    /// each at its segment's program date time, or `instant` where it has none. A break going
    /// on (`CUE-OUT-CONT`) is neither a way out nor back in.
    mutating func note(_ playlist: MediaPlaylist, after seen: Int?, at instant: Instant) {
        for (offset, segment) in playlist.segments.enumerated() where seen.map({ playlist.mediaSequence + offset > $0 }) ?? true {
            let at = segment.programDateTime ?? instant
            switch segment.cue {
            case "CUE-OUT", "SCTE35-OUT": lastOut = max(lastOut ?? at, at)
            case "CUE-IN", "SCTE35-IN": lastIn = max(lastIn ?? at, at)
            default: break
            }
        }
    }
}
