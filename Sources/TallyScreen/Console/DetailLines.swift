import TallyCore

/// The lines of the detail overlay for the selected event, feed or alert.
enum DetailLines {
    static func of(_ pane: PaneID, id: String, state: ConsoleState, context: ScreenContext) -> (String, [Table.Item]) {
        switch pane {
        case .events, .viewers:
            guard let event = state.events[id] else { return ("Gone", [Table.Item("no longer in the state", .dim)]) }
            return (event.title, eventLines(event, state: state, context: context))
        case .feeds:
            guard let feed = state.feeds[id] else { return ("Gone", [Table.Item("no longer in the state", .dim)]) }
            return (feed.id, feedLines(feed, state: state, context: context))
        case .alerts:
            guard let number = Int(id), let alert = state.alerts[number] else { return ("Gone", [Table.Item("no longer in the state", .dim)]) }
            return ("Alert #\(alert.id)", alertLines(alert, state: state, context: context))
        }
    }

    private static func field(_ name: String, _ value: String, _ role: StyleRole = .overlay) -> Table.Item {
        Table.Item(name.fitted(to: 14) + value, role)
    }

    private static func time(_ instant: Instant?, _ context: ScreenContext) -> String {
        guard let instant else { return "–" }
        return Labels.clock(instant, seconds: true) + " UTC (" + Figures.duration(context.now.seconds(since: instant)) + " ago)"
    }

    static func eventLines(_ event: EventState, state: ConsoleState, context: ScreenContext) -> [Table.Item] {
        let schedule = event.schedule
        let lines = [
            field("Event", schedule.eventId), field("Venue", schedule.venue), field("Tier", schedule.tier.rawValue),
            field("Start", Labels.clock(schedule.start, seconds: true) + " UTC"),
            field("End", Labels.clock(schedule.end, seconds: true) + " UTC"),
            field("Phase", Labels.phase(event.phase) + (event.nextPhase.map { " → " + Labels.phase($0) } ?? "")
                  + (event.nextPhaseAt.map { " at " + Labels.clock($0) } ?? "")),
            field("Viewers", event.viewers.map { Figures.count($0.concurrent) } ?? "–"),
            field("Peak", Figures.count(event.peakViewers)),
            field("Rebuffering", event.viewers?.rebufferingPercent.map { Figures.decimal($0, places: 2) + "%" } ?? "–"),
            field("Start fails", event.viewers?.startFailuresPercent.map { Figures.decimal($0, places: 2) + "%" } ?? "–"),
            field("Policy", schedule.policy ?? "–"),
        ]
        return lines + SignalPathLines.lines(for: schedule, state: state, glyphs: context.glyphs)
    }

    static func feedLines(_ feed: FeedState, state: ConsoleState, context: ScreenContext) -> [Table.Item] {
        var lines = [
            field("Event", state.events[feed.eventId]?.title ?? feed.eventId),
            field("Role", feed.descriptor.role.rawValue), field("Path", feed.descriptor.path.isEmpty ? "–" : feed.descriptor.path),
            field("Hop", feed.descriptor.stage.rawValue + (feed.descriptor.team.map { ", owned by " + $0 } ?? "")),
            field("Status", context.glyphs.symbol(for: feed.status) + " " + Labels.status(feed.status), StyleRole(feed.status)),
            field("Since", time(feed.statusSince, context)),
        ]
        lines += feed.reasons.map { field("Reason", $0, StyleRole(feed.status)) }
        if let sample = feed.lastSample {
            lines += [
                field("Probed", time(feed.lastSampleAt, context)), field("Variant", sample.variant),
                field("Target dur.", Figures.decimal(sample.targetDuration, places: 1) + " s"),
                field("Playlist age", Figures.decimal(sample.playlistAge, places: 1) + " s"),
                field("Media seq.", "\(sample.mediaSequence) (disc. \(sample.discontinuitySequence))"),
                field("Live window", Figures.decimal(sample.liveWindow, places: 1) + " s"),
                field("Segment DL", Figures.decimal(sample.segmentDownloadTime, places: 2) + " s"),
                field("Bitrate", Figures.bitrate(sample.measuredBitrate) + " of " + Figures.bitrate(sample.declaredBitrate) + " declared"),
                field("Errors", "\(sample.errors)"),
            ]
            if let latency = sample.latency { lines.append(field("Latency", FeedsPane.latency(latency) + " behind the clock (program date time)")) }
        }
        if let content = feed.content { lines += contentLines(content, context: context) }
        if let event = state.events[feed.eventId] {
            lines += SignalPathLines.lines(for: event.schedule, state: state, glyphs: context.glyphs, highlighting: feed.id)
        }
        return lines
    }

    static func alertLines(_ alert: Alert, state: ConsoleState, context: ScreenContext) -> [Table.Item] {
        let timeline = state.timelines[alert.id] ?? []
        let raised = alert.raised
        var lines = [
            field("Severity", context.glyphs.symbol(for: alert.severity) + " " + Labels.severity(alert.severity), StyleRole(alert.severity)),
            field("Summary", raised.summary), field("State", alert.state.rawValue),
            field("Raised", time(alert.raisedAt, context)), field("Last seen", time(alert.lastSeenAt, context) + " ×\(alert.count)"),
            field("At risk", (alert.isOpen ? Figures.count(ViewersAtRisk.of(alert, in: state)) + " viewers now" : "– (resolved)")
                + (raised.labels[ViewersAtRisk.label].flatMap(Int.init).map { " · " + Figures.count($0) + " when raised" } ?? "")),
            field("Affected", affected(alert, context: context)),
            field("Level", "L\(alert.escalationLevel)" + (alert.escalation.round > 0 ? " (pass \(alert.escalation.round + 1))" : "")
                + (alert.escalatedBy.map { " (escalated by \($0))" } ?? "") + (alert.escalation.isExhausted ? " EXHAUSTED" : "")),
            field("Policy", "\(alert.escalation.policy.name) v\(alert.escalation.policy.version), ack holds "
                + Figures.duration(alert.escalation.policy.acknowledgementTimeoutSeconds)),
            field("Dedup key", raised.dedupKey), field("Source", raised.source),
            field("Owner", raised.labels["team"].map { $0 + (raised.labels["hop"].map { " (" + $0 + " hop)" } ?? "") } ?? "–"),
            field("Runbook", raised.runbook ?? "–"),
        ]
        if let by = alert.acknowledgedBy { lines.append(field("Acked by", by + " at " + time(alert.acknowledgedAt, context), .acknowledged)) }
        if alert.state == .resolved { lines.append(field("Resolved", time(alert.resolvedAt, context) + (alert.resolvedBy.map { " by \($0)" } ?? ""), .resolved)) }
        for (index, level) in alert.escalation.policy.levels.enumerated() {
            let holders = level.targets.map { state.roster.describe($0, at: context.now) }.joined(separator: ", ")
            let marker = index + 1 == alert.escalationLevel ? "▸" : " "
            lines.append(field("\(marker) L\(index + 1) " + Figures.duration(level.delaySeconds), holders, index + 1 == alert.escalationLevel ? .overlay : .dim))
        }
        if let silence = alert.silencedBy { lines.append(field("Silenced", "by silence s\(silence)", .dim)) }
        if let source = alert.inhibitedBy { lines.append(field("Muted", "while #\(source) fires", .dim)) }
        if alert.isFlapping { lines.append(field("Flapping", "yes: paging held until the source settles", .warning)) }
        lines += viewerCurve(alert, state: state, context: context).map { field($0.0, $0.1, $0.0.isEmpty ? .dim : .overlay) }
        lines += raised.labels.keys.sorted().filter { $0 != ViewersAtRisk.label }.map { field("  " + $0, raised.labels[$0] ?? "", .dim) }
        lines += alert.notes.map { field("Note", $0) }
        if !timeline.isEmpty {
            lines.append(Table.Item("Timeline", .overlay))
            lines += timeline.map { timelineLine($0, context: context) }
        }
        return lines
    }

    /// `19:02:03 escalated by kenji to L2 · venue not answering`.
    /// What the feed's content checks found last, and what they cost.
    private static func contentLines(_ content: FeedContent, context: ScreenContext) -> [Table.Item] {
        var lines = [field("Content", ContentCells.item(content, now: context.now, glyphs: context.glyphs).text)]
        if let problem = content.problem { lines.append(field("Check failed", problem, .warning)) }
        guard let last = content.last else { return lines }
        lines.append(field("Checked", time(content.lastAt, context) + " · " + last.variant
            + (last.everySeconds.map { " · every " + Figures.duration($0) } ?? "") + " · " + Figures.decimal(last.cpuMilliseconds, places: 0) + " ms CPU"))
        if let picture = last.picture {
            lines.append(field("Picture", "luma \(Int(saturating: picture.luma.rounded())) · \(Int(saturating: (picture.black * 100).rounded())) % black"
                + (picture.change.map { " · changed " + Figures.decimal($0, places: 1) } ?? "")))
        }
        if let audio = last.audio {
            let loudness = [audio.momentary.map { "M " + Figures.decimal($0, places: 1) }, audio.shortTerm.map { "S " + Figures.decimal($0, places: 1) }]
                .compactMap { $0 }.joined(separator: " ")
            lines.append(field("Audio", "RMS " + Figures.decimal(audio.rms, places: 0) + " dBFS" + (loudness.isEmpty ? "" : " · " + loudness + " LUFS")
                + (audio.truePeak.map { " · peak " + Figures.decimal($0, places: 1) + " dBTP" } ?? "")))
        }
        return lines
    }

    static func timelineLine(_ record: AuditRecord, context: ScreenContext) -> Table.Item {
        var text = time(record.at, context) + " " + record.action.rawValue
        if record.actor != AlertEngine.engineActor { text += " by " + record.actor }
        if let level = record.level, record.action == .escalated { text += " to L\(level)" }
        if let note = record.note { text += " · " + note }
        if let detail = record.detail { text += " · " + detail }
        return Table.Item("  " + text, record.action == .notified ? .dim : .overlay)
    }
}
