import TallyCore
import Testing

/// `tally report`'s figures on a scripted fortnight, each checked exactly: counts by severity
/// and kind, medians and p90s, escalations and an exhausted chain, pages per person with
/// night hours across the United States' change to daylight saving time, noise, delivery,
/// checklists and viewer-minutes.
struct OperationsReportTests {
    static let policy = EscalationPolicy(name: "test", levels: [
        .init(targets: ["rotation:primary"], delaySeconds: 300), .init(targets: ["person:rosa"], delaySeconds: 600),
    ], acknowledgementTimeoutSeconds: 1800)
    static let rules = AlertRules(fallback: policy, inhibitions: [], holdDownSeconds: 0)
    static let roster = Roster(rotations: [
        .init(name: "primary", shifts: [.init(who: "maria", zone: "America/Los_Angeles", startMinute: 0, endMinute: 0)]),
        .init(name: "lead", shifts: [.init(who: "rosa", zone: "Asia/Tokyo", startMinute: 0, endMinute: 0)]),
    ])

    static func at(_ text: String) -> Instant { Instant(rfc3339: text)! }

    static func raise(_ key: String, event: EventID, team: String, _ severity: Severity = .critical) -> BusEvent {
        .alertRaised(AlertRaised(dedupKey: key, severity: severity, summary: key, source: "test",
                                 labels: ["event": event, "feed": "\(event)-primary", "team": team]))
    }

    static func clear(_ key: String) -> BusEvent { .alertCleared(AlertCleared(dedupKey: key)) }

    static func ack(_ id: AlertID, by actor: String) -> BusEvent {
        .operatorAction(OperatorAction(alertId: id, action: .ack, actor: actor, channel: "key"))
    }

    static func notified(_ attempt: Int, delivered: Bool) -> BusEvent {
        .notified(NotificationOutcome(alertId: 3, dedupKey: "feed.down/ev-b-primary", notifier: "pagerduty", action: .trigger,
                                      level: 1, attempt: attempt, delivered: delivered, detail: delivered ? "HTTP 202" : "HTTP 500"))
    }

    static func schedule(_ id: EventID, title: String) -> BusEvent {
        .eventScheduled(LiveEventScheduled(eventId: id, title: title, venue: "Tokyo Dome", tier: .bigBet,
                                           start: at("2026-03-08T05:00:00Z"), end: at("2026-03-10T05:00:00Z"),
                                           feeds: [FeedDescriptor(feedId: "\(id)-primary", role: .primary, path: "fibre")]))
    }

    /// A fortnight's story: US daylight saving time starts on 2026-03-08 at 10:00 UTC, so
    /// 05:30 UTC is 21:30 in Los Angeles the evening before and 22:30 the evening after.
    static let story: [(String, BusEvent)] = [
        ("2026-03-08T05:00:00Z", schedule("ev-a", title: "Japan v Korea")),
        ("2026-03-08T05:00:00Z", .viewers(ViewerSample(eventId: "ev-a", concurrent: 1_000_000))),
        ("2026-03-08T05:30:00Z", raise("feed.stale/ev-a-primary", event: "ev-a", team: "ingest")),  // #1, maria by day (21:30 PST)
        ("2026-03-08T05:31:00Z", ack(1, by: "maria")),
        ("2026-03-08T05:40:00Z", clear("feed.stale/ev-a-primary")),
        ("2026-03-09T05:30:00Z", raise("feed.stale/ev-a-primary", event: "ev-a", team: "ingest")),  // #2, maria at night (22:30 PDT)
        ("2026-03-09T05:32:00Z", ack(2, by: "maria")),
        ("2026-03-09T05:45:00Z", clear("feed.stale/ev-a-primary")),
        ("2026-03-09T06:00:00Z", raise("feed.down/ev-b-primary", event: "ev-b", team: "cdn")),  // #3, maria at night (23:00 PDT)
        ("2026-03-09T06:00:05Z", notified(1, delivered: false)),
        ("2026-03-09T06:00:10Z", notified(2, delivered: true)),
        ("2026-03-09T06:05:00Z", .timersDue(TimersDue(due: at("2026-03-09T06:05:00Z")))),  // level 2: rosa, 15:05 in Tokyo
        ("2026-03-09T06:10:00Z", raise("feed.down/ev-b-primary", event: "ev-b", team: "cdn")),  // a repeat while open
        ("2026-03-09T06:15:00Z", .timersDue(TimersDue(due: at("2026-03-09T06:15:00Z")))),  // the chain runs out
        ("2026-03-09T06:20:00Z", clear("feed.down/ev-b-primary")),
        ("2026-03-09T15:00:00Z", raise("viewers.drop/ev-b", event: "ev-b", team: "cdn", .warning)),  // #4, maria by day (08:00 PDT)
        ("2026-03-09T15:00:30Z", ack(4, by: "dev")),
        ("2026-03-09T15:10:00Z", .timersDue(TimersDue(due: at("2026-03-09T15:10:00Z")))),  // within the acknowledgement's 30 minutes
    ]

    static func facts(_ story: [(String, BusEvent)] = story) -> ReportFacts {
        let envelopes = story.enumerated().map { index, step in
            Envelope(seq: UInt64(index + 1), timestamp: at(step.0), source: "test", event: step.1)
        }
        return ReportFacts.replaying(envelopes, from: ConsoleState(rules: rules, roster: roster))
    }

    @Test func countsTimesAndEscalationsAreExact() {
        let report = OperationsReport(Self.facts())
        #expect(report.alerts == 4)
        #expect(report.bySeverity.map { "\($0.name) \($0.count)" } == ["critical 3", "warning 1"])
        #expect(report.byKind.map { "\($0.name) \($0.count)" } == ["feed.stale 2", "feed.down 1", "viewers.drop 1"])
        // Acknowledged after 60, 120 and 30 s; #3 never.
        #expect(report.acknowledge.overall == DurationSummary([30, 60, 120]))
        #expect(report.acknowledge.overall.median == 60 && report.acknowledge.overall.p90 == 120 && report.acknowledge.never == 1)
        #expect(report.acknowledge.perEvent.map { "\($0.name) \($0.summary.median ?? -1)" } == ["ev-a 90.0", "ev-b 30.0"])
        #expect(report.acknowledge.perTeam.map { "\($0.name) \($0.summary.count)" } == ["ingest 2", "cdn 1"])
        // Resolved after 600, 900 and 1200 s; #4 still open.
        #expect(report.resolve.overall.median == 900 && report.resolve.overall.p90 == 1200 && report.resolve.overall.worst == 1200)
        #expect(report.resolve.never == 1)
        #expect(report.escalationsByTimeout == 1 && report.escalationsByHand == 0)
        #expect(report.exhausted == [3])
    }

    @Test func pagesAtNightFollowEachPersonsZoneAcrossDaylightSavingTime() {
        let report = OperationsReport(Self.facts())
        #expect(report.pages.map { "\($0.person) \($0.zone) \($0.pages) \($0.atNight)" } == ["maria America/Los_Angeles 4 2", "rosa Asia/Tokyo 1 0"])
        #expect(NightHours.contains(Self.at("2026-03-08T05:30:00Z"), zone: "America/Los_Angeles") == false, "21:30 PST")
        #expect(NightHours.contains(Self.at("2026-03-09T05:30:00Z"), zone: "America/Los_Angeles"), "22:30 PDT")
        #expect(NightHours.contains(Self.at("2026-03-09T15:00:00Z"), zone: "Asia/Tokyo"), "00:00 JST")
        #expect(NightHours.zone(of: "nobody", in: Self.roster) == "UTC")
    }

    @Test func noiseDeliveryAndViewerMinutesAreExact() {
        let report = OperationsReport(Self.facts())
        #expect(report.noisiest.map { "\($0.dedupKey) \($0.alerts)/\($0.raises)" } == ["feed.down/ev-b-primary 1/2", "feed.stale/ev-a-primary 2/2"])
        #expect(report.notifiers.map { "\($0.notifier) \($0.attempts) \($0.delivered) \($0.failed) \($0.retries)" } == ["pagerduty 2 1 1 1"])
        // ev-a's primary carried its 1M viewers: 10 minutes for #1, 15 for #2.
        #expect(report.viewerMinutesPerEvent.map { "\($0.name) \($0.viewerMinutes)" } == ["ev-a 25000000.0", "ev-b 0.0"])
        #expect(report.viewerMinutesPerTeam.first?.name == "ingest" && report.viewerMinutes == 25_000_000)
    }

    @Test func theScopeNarrowsToAPeriodAnEventOrASite() {
        let facts = Self.facts()
        let day = OperationsReport(facts, scope: ReportScope(from: Self.at("2026-03-09T00:00:00Z"), to: Self.at("2026-03-09T12:00:00Z")))
        #expect(day.alerts == 2 && day.pages.map(\.pages) == [2, 1], "#2 and #3, and their pages")
        let eventB = OperationsReport(facts, scope: ReportScope(event: "ev-b"))
        #expect(eventB.alerts == 2 && eventB.acknowledge.overall.count == 1 && eventB.notifiers.first?.attempts == 2)
        #expect(OperationsReport(facts, scope: ReportScope(site: "tokyo")).alerts == 0, "nothing in this story was raised at a site")
    }

    @Test func checklistItemsAreOnTimeLateOrMissed() {
        func tick(_ item: String) -> BusEvent {
            .checklistTicked(ChecklistTick(eventId: "ev-a", step: "show", item: item, actor: "maria", channel: "key"))
        }
        let overdue = { (item: String) in Self.raise(Checklist.alertKey(event: "ev-a", item: ChecklistItemID(step: "show", item: item)), event: "ev-a", team: "boc", .warning) }
        let report = OperationsReport(Self.facts([
            ("2026-03-09T01:00:00Z", tick("slate")),
            ("2026-03-09T02:00:00Z", overdue("graphics")), ("2026-03-09T02:05:00Z", tick("graphics")),
            ("2026-03-09T03:00:00Z", overdue("captions")),
        ]))
        #expect([report.checklists.onTime, report.checklists.late, report.checklists.missed] == [1, 1, 1])
    }

    @Test func theDocumentSaysHowEachFigureWasComputed() {
        let report = OperationsReport(Self.facts())
        let document = report.document(source: "a test", eventTitles: ["ev-a": "Japan v Korea"])
        #expect(document.notes.count == document.sections.count { $0.note != nil })
        #expect(document.text.contains("ev-a Japan v Korea"))
        #expect(document.text.contains("maria   America/Los_Angeles      4         2"), "\(document.text)")
        #expect(document.markdown.contains("| maria | America/Los_Angeles | 4 | 2 |"))
        #expect(document.markdown.contains("exhausted chains: #3"))
        #expect(DurationSummary([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).p90 == 9 && DurationSummary([1, 2, 3, 4]).median == 2.5)
    }
    @Test func forgettingBeforeACutoffKeepsTheAlertsStillOpenOrResolvedAfterIt() {
        var facts = Self.facts()
        facts.forget(before: Self.at("2026-03-09T00:00:00Z"))
        let report = OperationsReport(facts)
        #expect(report.alerts == 3, "#1 was resolved the day before")
        #expect(facts.start == Self.at("2026-03-09T00:00:00Z") && facts.records.allSatisfy { $0.at >= Self.at("2026-03-09T00:00:00Z") })
        #expect(report.pages.map { "\($0.person) \($0.pages)" } == ["maria 3", "rosa 1"])
    }
}
