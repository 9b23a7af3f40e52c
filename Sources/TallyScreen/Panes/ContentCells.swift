import TallyCore

/// The feeds pane's content column, the worst of what the last checks found: `▮ BLACK 12s`,
/// `▯ FROZEN 8s`, `♪ -61 dB SILENT`, `-14 LUFS`, in words as well as colour (ASCII forms where
/// Unicode cannot be drawn); `ok -23 LUFS` for a feed that looks and sounds right.
enum ContentCells {
    static var column: Table.Column { .init("Content", .fixed(15)) }
    /// The least pane width that shows the column: the roomy columns with it in place of download time and errors.
    static let paneWidth = 84

    static func item(_ content: FeedContent?, now: Instant, glyphs: Glyphs) -> Table.Item {
        guard let content, let last = content.last else { return Table.Item(content?.problem == nil ? "–" : "check failed", .dim) }
        func lasted(_ since: Instant) -> String { Figures.duration(max(0, now.seconds(since: since))) }
        if let since = content.since(.black) { return Table.Item("\(glyphs.black) BLACK \(lasted(since))", .critical) }
        if let since = content.since(.frozen) { return Table.Item("\(glyphs.frozen) FROZEN \(lasted(since))", .critical) }
        guard let audio = last.audio else { return Table.Item(last.picture == nil ? "–" : "ok, no audio", .dim) }
        let level = "\(Int(saturating: audio.rms.rounded())) dB"
        if content.since(.silent) != nil { return Table.Item("\(glyphs.sound) \(level) SILENT", .warning) }
        guard let loudness = ContentRules.loudness(of: audio) else { return Table.Item("ok \(glyphs.sound) \(level)", .dim) }
        let lufs = Figures.decimal(loudness, places: 0) + " LUFS"
        return content.since(.loudness) == nil ? Table.Item("ok " + lufs, .dim) : Table.Item(lufs + " LOUD", .warning)
    }
}
