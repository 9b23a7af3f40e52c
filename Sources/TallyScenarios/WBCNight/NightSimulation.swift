import TallyCore

/// Walks a `NightPlan` tick by tick and says what the monitors, the scheduler and the recorded
/// operators would have published at each tick.
struct NightSimulation {
    private struct FeedMemory {
        var status: FeedStatus = .unknown
        var reasons: [String] = []
        var cleanPolls = 0
        var openProblemKeys: Set<String> = []
        /// The last probe's verdict, which the content checks between probes add to.
        var transport = FeedVerdict.ok
    }

    private struct PendingAck {
        var at: Instant
        var alertID: AlertID
        var dedupKey: String
        var actor: String
    }

    let plan: NightPlan
    let options: WBCNightScenario.Options
    private var seq: UInt64 = 0
    /// The real scheduler, fed the recorded ticks: steps, reminders and overdue checklist items.
    private var scheduler: Scheduler
    private var rundownState = ConsoleState()
    private var pendingTicks: [(Instant, ChecklistTick)] = []
    private var feeds: [FeedID: FeedMemory] = [:]
    private var openAlerts: [String: AlertID] = [:]
    private var nextAlertID: AlertID = 1
    private var pendingAcks: [PendingAck] = []
    /// The real content rules, fed the recorded checks of each checked feed.
    private var content: [FeedID: ContentWatch] = [:]
    private var previews: [FeedID: PreviewSchedule] = [:]
    private static let operators = ["kenji", "maria", "dev"]

    init(plan: NightPlan, options: WBCNightScenario.Options) {
        self.plan = plan
        self.options = options
        self.scheduler = Scheduler(events: plan.events.map(\.schedule))
        self.pendingTicks = Self.recordedTicks(plan)
    }

    /// Operators tick each checklist item a few minutes before its deadline (items due before
    /// the night starts are ticked at its start), except the go/no-go call of the first two
    /// events going on air after the night starts: it comes 8 minutes late, so that the replay
    /// shows an overdue checklist alert raised and then cleared by its tick.
    private static func recordedTicks(_ plan: NightPlan) -> [(Instant, ChecklistTick)] {
        var random = SeededGenerator(seed: 7)
        let late = Set(plan.events.filter { $0.schedule.start.seconds(since: plan.start) > 5 * 60 }
            .sorted { $0.schedule.start < $1.schedule.start }.prefix(2).map(\.index))
        var ticks: [(Instant, ChecklistTick)] = []
        for event in plan.events {
            for entry in Checklist(event: event.schedule, marks: [:]).entries {
                let due = entry.due ?? plan.end
                let isLate = late.contains(event.index) && entry.id.step == "go/no-go"
                let at = max(plan.start, due.adding(seconds: isLate ? 8 * 60 : -Double.random(in: 60...900, using: &random).rounded()))
                let actor = operators[(event.index + ticks.count) % operators.count]
                ticks.append((at, ChecklistTick(eventId: event.schedule.eventId, step: entry.id.step, item: entry.id.item, actor: actor, channel: "key")))
            }
        }
        return ticks.sorted { $0.0 < $1.0 }
    }

    mutating func envelopes(atTick tick: Int, tickSeconds: Int) -> [Envelope] {
        let seconds = tick * tickSeconds
        let now = plan.start.adding(seconds: Double(seconds))
        var out: [(Instant, BusEvent, String)] = []
        if tick == 0 {
            for event in plan.events { out.append((now, .eventScheduled(event.schedule), "scheduler")) }
        }
        if tick == 0 {
            for event in plan.events { rundownState.apply(Envelope(seq: 0, timestamp: now, source: "scheduler", event: .eventScheduled(event.schedule))) }
        }
        let limit = now.adding(seconds: Double(tickSeconds))
        while let (at, tick) = pendingTicks.first, at < limit {
            pendingTicks.removeFirst()
            rundownState.apply(Envelope(seq: 0, timestamp: at, source: "console", event: .checklistTicked(tick)))
            out.append((at, .checklistTicked(tick), "console"))
        }
        for event in scheduler.due(at: now, state: rundownState) {
            switch event {
            case .alertRaised(let raised) where openAlerts[raised.dedupKey] == nil:
                openAlerts[raised.dedupKey] = nextAlertID
                nextAlertID += 1
            case .alertCleared(let cleared):
                openAlerts[cleared.dedupKey] = nil
            default: break
            }
            out.append((now, event, "scheduler"))
        }
        for event in plan.events {
            // Spread each event's probes within the tick, always finishing before the next one.
            let offset = Double(event.index * 97 % ((tickSeconds - 1) * 1000)) / 1000
            if seconds % options.feedInterval == 0 {
                out += probeFeeds(of: event, at: now.adding(seconds: offset))
            }
            if seconds % options.viewerInterval == 0 {
                out += sampleViewers(of: event, at: now.adding(seconds: offset + 0.5))
            }
            if seconds % 10 == 0 {
                out += checkContent(of: event, at: now.adding(seconds: offset + 0.25), seconds: seconds)
            }
        }
        out += dueAcknowledgements(before: now.adding(seconds: Double(tickSeconds)))
        out.sort { $0.0 < $1.0 }
        return out.map { timestamp, event, source in
            seq += 1
            return Envelope(seq: seq, timestamp: timestamp, source: source, event: event)
        }
    }

    // MARK: Feeds

    private mutating func probeFeeds(of event: NightPlan.Event, at now: Instant) -> [(Instant, BusEvent, String)] {
        let schedule = event.schedule
        guard now >= event.preflightAt else { return [] }
        var out: [(Instant, BusEvent, String)] = []
        for (position, feed) in schedule.feeds.enumerated() {
            let id = feed.feedId
            if now >= schedule.end {
                if feeds[id]?.status != .unknown && feeds[id] != nil {
                    feeds[id]?.status = .unknown
                    out.append((now, .feedHealth(FeedHealthChanged(feedId: id, status: .unknown, reasons: ["off air"])), "hls-monitor"))
                    out += clearProblems(of: id, at: now, summary: "event off air")
                }
                continue
            }
            let (sample, httpStatus) = probe(feed, position: position, of: event, at: now)
            out.append((now, .feedSample(sample), "hls-monitor"))
            let verdict = FeedVerdict.judge(sample, httpStatus: httpStatus, label: Self.label(feed, of: schedule))
            feeds[id, default: FeedMemory()].transport = verdict
            out += apply(verdict.adding(otherProblems(of: feed, event: event, at: now)), to: id, event: event, at: now)
        }
        return out
    }

    private func probe(_ feed: FeedDescriptor, position: Int, of event: NightPlan.Event, at now: Instant) -> (FeedSample, Int?) {
        let seed = options.seed
        let declared = [6_000_000, 4_500_000, 12_000_000][position]
        let salt = UInt64(event.index * 8 + position) << 32 | UInt64(now.millisecondsSinceEpoch / 1000)
        let noise = { (range: ClosedRange<Double>, extra: UInt64) in
            SeededGenerator.noise(seed: seed, salt: salt &+ extra, in: range)
        }
        let running = now.seconds(since: event.preflightAt)
        var sample = FeedSample(
            feedId: feed.feedId, variant: ["1080p", "720p", "mezzanine"][position], targetDuration: 2,
            playlistAge: (noise(0.2...1.9, 1) * 100).rounded() / 100, mediaSequence: 1000 * (event.index + 1) + Int(saturating: running / 2),
            discontinuitySequence: 0, liveWindow: 12, segmentDownloadTime: (noise(0.15...0.7, 2) * 1000).rounded() / 1000,
            measuredBitrate: Int(saturating: Double(declared) * noise(0.86...1.03, 3)), declaredBitrate: declared, errors: 0)
        var httpStatus: Int?
        guard feed.role == .primary else { return (sample, nil) }
        sample.latency = (noise(6.5...9.5, 5) * 10).rounded() / 10
        for incident in plan.incidents where incident.eventIndex == event.index && incident.isActive(at: now) {
            let elapsed = now.seconds(since: incident.start)
            switch incident.kind {
            case .staleFeed:
                sample.playlistAge = (elapsed + 1.2).rounded()
                sample.mediaSequence = 1000 * (event.index + 1) + Int(saturating: incident.start.seconds(since: event.preflightAt) / 2)
            case .failover:
                sample.errors = Int(saturating: elapsed) / options.feedInterval + 1
                sample.measuredBitrate = 0
                httpStatus = 503
            case .bitrateDrop:
                sample.measuredBitrate = Int(saturating: Double(declared) * noise(0.36...0.44, 4))
            case .latencyDrift:
                sample.latency = ((8 + elapsed * 0.15) * 10).rounded() / 10
            default:
                break
            }
        }
        return (sample, httpStatus)
    }

    /// Worse news is published at once; a return to OK needs two clean probes in a row.
    private mutating func apply(_ verdict: FeedVerdict, to id: FeedID, event: NightPlan.Event, at now: Instant) -> [(Instant, BusEvent, String)] {
        var memory = feeds[id] ?? FeedMemory()
        defer { feeds[id] = memory }
        var out: [(Instant, BusEvent, String)] = []
        if verdict.status == .ok {
            memory.cleanPolls += 1
            guard memory.status != .ok, memory.cleanPolls >= 2 || memory.status == .unknown else { return [] }
            memory.status = .ok
            memory.reasons = []
            out.append((now, .feedHealth(FeedHealthChanged(feedId: id, status: .ok)), "hls-monitor"))
            feeds[id] = memory
            out += clearProblems(of: id, at: now, summary: "feed healthy again")
            memory = feeds[id] ?? memory
            return out
        }
        memory.cleanPolls = 0
        // A health report whenever what an operator reads changes: the state or its reasons.
        if memory.status != verdict.status || memory.reasons != verdict.reasons {
            memory.status = verdict.status
            memory.reasons = verdict.reasons
            out.append((now, .feedHealth(FeedHealthChanged(feedId: id, status: verdict.status, reasons: verdict.reasons)), "hls-monitor"))
        }
        let current = Set(verdict.problems.map { "\($0.kind)/\(id)" })
        for key in memory.openProblemKeys.subtracting(current).sorted() {
            memory.openProblemKeys.remove(key)
            if let cleared = clear(key, summary: "no longer seen", at: now, source: "hls-monitor") { out.append(cleared) }
        }
        for problem in verdict.problems {
            let key = "\(problem.kind)/\(id)"
            memory.openProblemKeys.insert(key)
            let labels = ["event": event.schedule.eventId, "feed": id, "team": "boc-ingest"]
            out += raise(key, problem.severity, problem.summary, source: "hls-monitor", labels: labels, event: event, at: now)
        }
        return out
    }

    private mutating func clearProblems(of id: FeedID, at now: Instant, summary: String) -> [(Instant, BusEvent, String)] {
        let keys = feeds[id]?.openProblemKeys ?? []
        feeds[id]?.openProblemKeys = []
        return keys.sorted().compactMap { clear($0, summary: summary, at: now, source: "hls-monitor") }
    }

    static func label(_ feed: FeedDescriptor, of schedule: LiveEventScheduled) -> String { "\(schedule.title) \(feed.role.rawValue)" }

    /// What the content checks and the ad cues find wrong with the feed now, as the real rules
    /// judge it: the demo's playlists carry no SCTE-35 cue, so a planned ad break misses its own.
    private func otherProblems(of feed: FeedDescriptor, event: NightPlan.Event, at now: Instant) -> [(status: FeedStatus, problem: FeedVerdict.Problem, reason: String)] {
        let label = Self.label(feed, of: event.schedule)
        var found = (content[feed.feedId]?.problems(at: now) ?? []).map { problem in
            (problem.status, FeedVerdict.Problem(kind: problem.condition.alertKind, severity: problem.status == .down ? .critical : .warning,
                                                 summary: "\(problem.reason) — \(label)"), problem.reason)
        }
        guard feed.role == .primary else { return found }
        let breaks = PhasePlan.adBreaks(steps: event.schedule.phases ?? [])
        for problem in CueExpectation.problems(breaks: breaks, variants: ["1080p": CueSightings()], at: now) {
            found.append((.degraded, FeedVerdict.Problem(kind: problem.kind, severity: problem.kind == "scte35.missing" ? .error : .warning,
                                                         summary: "\(problem.reason) — \(label)"), problem.reason))
        }
        return found
    }

    // MARK: Content

    /// Every on-air primary is checked as it goes on air and then every 10 minutes, and a feed with a content incident (or
    /// an ad break) every 10 s from half a minute before it until 40 s after.
    private mutating func checkContent(of event: NightPlan.Event, at now: Instant, seconds: Int) -> [(Instant, BusEvent, String)] {
        let schedule = event.schedule
        guard now >= schedule.start, now < schedule.end else { return [] }
        var out: [(Instant, BusEvent, String)] = []
        for feed in schedule.feeds {
            let incident = plan.incidents.first { incident in
                incident.eventIndex == event.index && (incident.kind.isContent || incident.kind == .missingAdCue)
                    && (incident.kind == .frozenBackup ? feed.role == .backup : feed.role == .primary)
                    && now >= incident.start.adding(seconds: -30) && now < incident.end.adding(seconds: 40)
            }
            let routine = feed.role == .primary && (content[feed.feedId] == nil || (seconds / 10 + event.index * 7) % 60 == 0)
            guard incident != nil || routine else { continue }
            var checked = reading(of: feed, event: event, incident: incident?.isActive(at: now) == true ? incident?.kind : nil, at: now)
            checked.everySeconds = incident == nil ? 600 : 10
            if previews[feed.feedId, default: PreviewSchedule(refreshSeconds: 4 * 3600)].shouldSend(checked, rules: .standard, at: now) {
                let isBlack = checked.picture.map { $0.black > 0.9 } ?? false
                checked.picture?.preview = (isBlack ? DemoPicture.black : DemoPicture.ballpark(event: event.index)).base64
            }
            content[feed.feedId, default: ContentWatch()].record(checked, at: now, inBreak: PhasePlan.isBreak(steps: schedule.phases ?? [], at: now))
            out.append((now, .feedContent(checked), "hls-monitor"))
            let transport = feeds[feed.feedId]?.transport ?? .ok
            out += apply(transport.adding(otherProblems(of: feed, event: event, at: now)), to: feed.feedId, event: event, at: now)
        }
        return out
    }

    /// What ffmpeg would have measured in the feed's segment, with the incident's fault if one is on.
    private func reading(of feed: FeedDescriptor, event: NightPlan.Event, incident: Incident.Kind?, at now: Instant) -> ContentChecked {
        let salt = UInt64(event.index * 8 + 5) << 32 | UInt64(now.millisecondsSinceEpoch / 1000)
        let seed = options.seed
        let value = { (range: ClosedRange<Double>, extra: UInt64) in (SeededGenerator.noise(seed: seed, salt: salt &+ extra, in: range) * 10).rounded() / 10 }
        let first = content[feed.feedId] == nil
        var picture = ContentChecked.Picture(luma: value(88...102, 1), black: value(0.1...0.4, 2) / 10, change: first ? nil : value(9...30, 3))
        var audio = ContentChecked.Audio(rms: value(-21 ... -18, 4), momentary: value(-23.8 ... -22.2, 5), shortTerm: value(-23.4 ... -22.6, 6),
                                         truePeak: value(-7 ... -5, 7))
        switch incident {
        case .blackPicture: picture = .init(luma: 16, black: 0.995, change: first ? nil : 0.1)
        case .frozenBackup: picture.change = first ? nil : value(0.1...0.3, 8)
        case .silentCommentary: audio = .init(rms: -91, truePeak: -88)
        case .loudnessJump: audio = .init(rms: value(-10 ... -8, 9), momentary: value(-14.4 ... -13.6, 10), shortTerm: value(-14.8 ... -14.2, 11), truePeak: -0.4)
        default: break
        }
        return ContentChecked(feedId: feed.feedId, variant: "480p", picture: picture, audio: audio, cpuMilliseconds: value(78...96, 12).rounded())
    }

    // MARK: Audience

    private mutating func sampleViewers(of event: NightPlan.Event, at now: Instant) -> [(Instant, BusEvent, String)] {
        let schedule = event.schedule
        guard now >= schedule.start.adding(seconds: -15 * 60), now < schedule.end.adding(seconds: 10 * 60) else { return [] }
        let salt = UInt64(event.index) << 40 | UInt64(now.millisecondsSinceEpoch / 1000)
        let seed = options.seed
        let noise = { (range: ClosedRange<Double>, extra: UInt64) in
            SeededGenerator.noise(seed: seed, salt: salt &+ extra, in: range)
        }
        let expected = Double(event.peakViewers) * AudienceCurve.share(of: schedule, at: now) * noise(0.985...1.015, 1)
        var concurrent = expected
        var sample = ViewerSample(eventId: schedule.eventId, concurrent: 0,
                                  rebufferingPercent: (noise(0.4...1.1, 2) * 100).rounded() / 100,
                                  startFailuresPercent: (noise(0.2...0.5, 3) * 100).rounded() / 100)
        var out: [(Instant, BusEvent, String)] = []
        let labels = ["event": schedule.eventId, "team": "audience"]
        for incident in plan.incidents where incident.eventIndex == event.index {
            switch incident.kind {
            case .cdnSpike where incident.isActive(at: now):
                sample.rebufferingPercent = (noise(7.2...9.4, 4) * 100).rounded() / 100
                sample.startFailuresPercent = (noise(5.5...7.5, 5) * 100).rounded() / 100
                sample.cdn = "cdn-b"
                sample.region = "ap-northeast-1"
            case .viewerCliff:
                let recovery = 300.0
                let elapsed = now.seconds(since: incident.start)
                if elapsed >= 0 && elapsed < incident.duration + recovery {
                    let share = elapsed < incident.duration ? 0.36 : 0.36 + 0.64 * (elapsed - incident.duration) / recovery
                    concurrent = expected * share
                }
            default:
                break
            }
        }
        sample.concurrent = Int(saturating: concurrent)
        let previous = Int(saturating: Double(event.peakViewers) * AudienceCurve.share(of: schedule, at: now.adding(seconds: -60)))
        sample.joinsPerMinute = max(0, sample.concurrent - previous) + Int(saturating: concurrent * 0.015)
        out.append((now, .viewers(sample), "viewers-poller"))

        let rebufferKey = "qoe.rebuffering/\(schedule.eventId)"
        if let rebuffering = sample.rebufferingPercent, rebuffering > 5, let cdn = sample.cdn, let region = sample.region {
            out += raise(rebufferKey, .warning,
                         "rebuffering \(Figures.decimal(rebuffering, places: 1))% on \(cdn) \(region) — \(schedule.title)",
                         source: "qoe-monitor", labels: labels.merging(["cdn": cdn, "region": region]) { $1 }, event: event, at: now)
        } else if let cleared = clear(rebufferKey, summary: "rebuffering back under 5%", at: now, source: "qoe-monitor") {
            out.append(cleared)
        }
        let dropKey = "viewers.drop/\(schedule.eventId)"
        if concurrent < expected * 0.6 {
            let fall = Int(saturating: ((1 - concurrent / expected) * 100).rounded())
            out += raise(dropKey, .critical,
                         "viewers fell \(fall)% (\(Figures.count(Int(saturating: expected))) → \(Figures.count(sample.concurrent))) — \(schedule.title)",
                         source: "viewers-poller", labels: labels, event: event, at: now)
        } else if concurrent >= expected * 0.8, let cleared = clear(dropKey, summary: "audience recovered", at: now, source: "viewers-poller") {
            out.append(cleared)
        }
        return out
    }

    // MARK: Alerts

    private mutating func raise(
        _ key: String, _ severity: Severity, _ summary: String, source: String,
        labels: [String: String], event: NightPlan.Event, at now: Instant
    ) -> [(Instant, BusEvent, String)] {
        if openAlerts[key] == nil {
            openAlerts[key] = nextAlertID
            // The incident behind the alert: active now, or ended moments ago (hysteresis).
            let incident = plan.incidents.first {
                $0.eventIndex == event.index && now >= $0.start && now < $0.end.adding(seconds: 120)
            }
            if let after = incident?.acknowledgedAfter {
                pendingAcks.append(PendingAck(at: now.adding(seconds: after), alertID: nextAlertID, dedupKey: key,
                                              actor: Self.operators[event.index % Self.operators.count]))
            }
            nextAlertID += 1
        }
        let raised = AlertRaised(
            dedupKey: key, severity: severity, summary: summary, source: source,
            component: labels["feed"] ?? labels["event"], group: labels["event"], class: String(key.prefix { $0 != "/" }),
            labels: labels, runbook: "runbooks/\(key.prefix { $0 != "/" }).md")
        return [(now, .alertRaised(raised), source)]
    }

    private mutating func clear(_ key: String, summary: String, at now: Instant, source: String) -> (Instant, BusEvent, String)? {
        guard let id = openAlerts.removeValue(forKey: key) else { return nil }
        pendingAcks.removeAll { $0.alertID == id }
        return (now, .alertCleared(AlertCleared(dedupKey: key, summary: summary)), source)
    }

    private mutating func dueAcknowledgements(before limit: Instant) -> [(Instant, BusEvent, String)] {
        let due = pendingAcks.filter { $0.at < limit }
        pendingAcks.removeAll { $0.at < limit }
        return due.map { ack in
            (ack.at, .operatorAction(OperatorAction(alertId: ack.alertID, dedupKey: ack.dedupKey, action: .ack, actor: ack.actor, channel: "key")), "console")
        }
    }
}
