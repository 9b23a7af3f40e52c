import TallyCore

/// The fixed cast of a scenario night: its events with their audiences, and the incidents
/// injected into it. Drawn once from the seed.
struct NightPlan {
    struct Event {
        var schedule: LiveEventScheduled
        var peakViewers: Int
        var index: Int
        var preflightAt: Instant { PhasePlan.watchWindow(of: schedule).lowerBound }
    }

    var start: Instant
    var end: Instant
    var events: [Event]
    var incidents: [Incident]

    static let teams = [
        "Japan", "Korea", "USA", "Mexico", "Dominican Rep.", "Puerto Rico", "Venezuela", "Cuba",
        "Chinese Taipei", "Netherlands", "Italy", "Canada", "Australia", "Panama", "Colombia", "Israel",
        "Great Britain", "Nicaragua", "Czechia", "China", "Spain", "Brazil", "Germany", "South Africa",
    ]
    static let venues = [
        "Tokyo Dome", "Taichung Intercontinental", "loanDepot park, Miami", "Chase Field, Phoenix",
        "Hiram Bithorn, San Juan", "Gocheok Sky Dome, Seoul", "Estadio Panamericano", "Rogers Centre, Toronto",
        "Osaka Dome", "Petco Park, San Diego", "Sapporo Dome", "Estadio Quisqueya",
    ]
    static let competitions = ["Pool A", "Pool B", "Pool C", "Pool D", "Friendly", "Classic Alt-cast"]

    /// Every event's rundown: the standard day's times, with the BOC's checklists.
    static func rundown(start: Instant, end: Instant) -> [RundownStep] {
        [RundownStep(name: "feed lock", phase: .preflight, at: start.adding(seconds: -PhasePlan.preflightLeadSeconds),
                     checklist: ["Primary and backup paths locked", "Audio levels checked", "Graphics loaded"]),
         RundownStep(name: "go/no-go", phase: .preflight, at: start.adding(seconds: -15 * 60), checklist: ["Go/no-go call with the producer"]),
         RundownStep(name: "on air", phase: .live, at: start),
         RundownStep(name: "off air", phase: .ended, at: end, checklist: ["Feeds released to the venue"]),
         RundownStep(name: "post-show", phase: .post, at: end.adding(seconds: PhasePlan.postShowSeconds))]
    }

    static func make(seed: UInt64, start: Instant, hours: Double, eventCount: Int, spreadsEvents: Bool = false) -> NightPlan {
        var random = SeededGenerator(seed: seed)
        let end = start.adding(seconds: hours * 3600)
        var events: [Event] = []
        for index in 0..<eventCount {
            let id = index < 9 ? "wbc-0\(index + 1)" : "wbc-\(index + 1)"
            // Each pairing once: neighbours in the list first, then teams six apart.
            let home = teams[index % teams.count]
            let away = teams[(index + (index < teams.count ? 1 : 6)) % teams.count]
            let competition = competitions[index % competitions.count]
            let title = index == 0 ? "Japan v Korea" : "\(home) v \(away) (\(competition))"
            let (tier, peak): (Tier, Int) = switch index {
            case 0: (.bigBet, 9_800_000)
            case 1...6: (.tier1, Int.random(in: 1_200_000...3_500_000, using: &random))
            case 7...24: (.tier2, Int.random(in: 150_000...900_000, using: &random))
            default: (.tier3, Int.random(in: 15_000...120_000, using: &random))
            }
            // Events already live when the recording starts, and the rest going live within
            // its first twenty minutes, so that every event is on air at once for hours.
            // Spread out, events start evenly through the night, each with three hours to run.
            let spreadMinutes = (hours * 60 - 200) * Double(index) / Double(max(1, eventCount - 1))
            let offsetMinutes = index == 0 ? 8.0 : Double.random(in: -50...20, using: &random) + (spreadsEvents ? max(0, spreadMinutes) : 0)
            let eventStart = start.adding(seconds: (offsetMinutes * 60).rounded())
            let latestEnd = end.adding(seconds: -min(20 * 60, hours * 3600 / 4))
            let length = Double.random(in: 9000...11_400, using: &random).rounded()
            // A night shorter than the events still ends each event after it starts.
            let eventEnd = max(min(eventStart.adding(seconds: length), latestEnd), eventStart.adding(seconds: 5 * 60))
            let backupPath = index % 3 == 0 ? "satellite" : "internet"
            let schedule = LiveEventScheduled(
                eventId: id, title: title, venue: venues[index % venues.count], tier: tier,
                start: eventStart, end: eventEnd,
                feeds: [
                    FeedDescriptor(feedId: "\(id)-primary", role: .primary, path: "fibre"),
                    FeedDescriptor(feedId: "\(id)-backup", role: .backup, path: backupPath),
                    FeedDescriptor(feedId: "\(id)-contrib", role: .contribution, path: "srt"),
                ],
                policy: tier == .bigBet || tier == .tier1 ? "big-event" : "standard",
                phases: rundown(start: eventStart, end: eventEnd))
            events.append(Event(schedule: schedule, peakViewers: peak, index: index))
        }
        let scripted = Incident.scripted(start: start)
        let content = Incident.content(start: start, events: events, others: scripted)
        // The event whose ad break goes out without its cue plans one, with its way back on air.
        for incident in content where incident.kind == .missingAdCue {
            events[incident.eventIndex].schedule.phases = (events[incident.eventIndex].schedule.phases ?? []) + [
                RundownStep(name: "ad break 1", phase: .live, at: incident.start, breakSeconds: incident.duration),
                RundownStep(name: "back on air", phase: .live, at: incident.end),
            ]
            events[incident.eventIndex].schedule.phases?.sort { $0.at < $1.at }
        }
        let incidents = scripted + content + Incident.random(
            count: Int(saturating: hours * 3), start: start.adding(seconds: 45 * 60), end: end.adding(seconds: -40 * 60),
            eventCount: eventCount, using: &random)
        return NightPlan(start: start, end: end, events: events, incidents: incidents)
    }
}
