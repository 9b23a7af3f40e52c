import Testing
import TallyConfig
import TallyCore

/// The schedule in `tally.yaml`: events in their own time zones, a standard rundown with
/// checklists, per-event rundowns, and the mistakes each named with file and line.
struct ScheduleTests {
    static let schedule = """
        rundown:
          - {at: T-120m, name: facility check, checklist: [Venue power on generator, Comms loop with venue]}
          - {at: T-60m, name: feed lock, checklist: [Primary and backup paths locked, Audio levels checked]}
          - {at: T-15m, name: go/no-go, checklist: [Go/no-go call with producer]}
          - {at: T0, name: on air}
          - {at: end, name: off air}
          - {at: end+30m, name: post-show}
        events:
          - id: jpn-kor
            title: Japan v Korea
            start: 2026-03-14 19:00 Asia/Tokyo
            end: 2026-03-14 22:00 Asia/Tokyo
          - id: late
            title: Late game
            start: 2026-03-14T23:30:00Z
            end: 2026-03-15T02:00:00Z
            rundown:
              - {at: T-30m, name: line check, phase: preflight, checklist: [Line up]}
              - {at: T0, name: on air}
              - {at: end, name: off air}
        """

    static func at(_ text: String) -> Instant { Instant(rfc3339: text)! }

    @Test func eventsTakeTheStandardRundownUnlessTheyHaveTheirOwn() throws {
        let config = try RunConfig.parse(Self.schedule, file: "tally.yaml")
        let tokyo = try #require(config.events.first)
        #expect(tokyo.start == Self.at("2026-03-14T10:00:00Z"), "19:00 in Tokyo is 10:00 UTC")
        let steps = try #require(tokyo.phases)
        #expect(steps.map(\.name) == ["facility check", "feed lock", "go/no-go", "on air", "off air", "post-show"])
        #expect(steps.map(\.phase) == [.preflight, .preflight, .preflight, .live, .ended, .post])
        #expect(steps[0].at == Self.at("2026-03-14T08:00:00Z"))
        #expect(steps[5].at == Self.at("2026-03-14T13:30:00Z"))
        #expect(steps[1].checklist == ["Primary and backup paths locked", "Audio levels checked"])
        #expect(config.events[1].phases?.map(\.name) == ["line check", "on air", "off air"])
    }

    /// One event, 10:00 to 13:00 UTC, with its own rundown (step 2 on line 8).
    static func japanKorea(rundown: [String]) -> String {
        """
        events:
          - id: jpn-kor
            title: Japan v Korea
            start: 2026-03-14T10:00:00Z
            end: 2026-03-14T13:00:00Z
            rundown:

        """ + rundown.map { "      - " + $0 }.joined(separator: "\n")
    }

    @Test func aRundownStepMayBeAPlannedBreak() throws {
        let text = Self.japanKorea(rundown: ["{at: T0, name: on air}", "{at: T+45m, name: ad break, break: true}",
                                             "{at: T+47m, name: back on air}", "{at: end, name: off air}"])
        let event = try #require(try RunConfig.parse(text, file: "tally.yaml").events.first)
        let steps = PhasePlan.steps(of: event)
        #expect(steps.map(\.isBreak) == [nil, true, nil, nil])
        #expect(!PhasePlan.isBreak(steps: steps, at: Self.at("2026-03-14T10:44:59Z")))
        #expect(PhasePlan.isBreak(steps: steps, at: Self.at("2026-03-14T10:46:00Z")))
        #expect(!PhasePlan.isBreak(steps: steps, at: Self.at("2026-03-14T10:47:00Z")), "the break ends with the next step")
        #expect(throws: ConfigProblem.self) {
            try RunConfig.parse(text.replacingOccurrences(of: "break: true", with: "break: often"), file: "tally.yaml")
        }
    }

    @Test func anAdBreakHasALengthAndExpectsItsCue() throws {
        let text = Self.japanKorea(rundown: ["{at: T0, name: on air}", "{at: T+45m, name: ad break 1, break: {length: 2m}}",
                                             "{at: T+90m, name: slate, break: {length: 30s, cue: false}}", "{at: end, name: off air}"])
        let event = try #require(try RunConfig.parse(text, file: "tally.yaml").events.first)
        let steps = PhasePlan.steps(of: event)
        #expect(PhasePlan.adBreaks(steps: steps) == [PlannedBreak(name: "ad break 1", start: Self.at("2026-03-14T10:45:00Z"), seconds: 120)])
        #expect(PhasePlan.isBreak(steps: steps, at: Self.at("2026-03-14T10:46:59Z")))
        #expect(!PhasePlan.isBreak(steps: steps, at: Self.at("2026-03-14T10:47:00Z")), "a break with a length ends with it")
        #expect(PhasePlan.isBreak(steps: steps, at: Self.at("2026-03-14T11:30:10Z")), "a slate is a break without a cue")
        for (bad, reason) in [("{length: 0s}}", "break.length: \"0s\" is outside"), ("{length: 2m, cue: maybe}}", "break.cue"),
                              ("{cue: true}}", "break.length: missing"), ("{length: 2m, at: T+45m}}", "break.at: unknown key")] {
            let broken = text.replacingOccurrences(of: "{length: 2m}}", with: bad)
            let problem = try #require(throws: ConfigProblem.self) { try RunConfig.parse(broken, file: "tally.yaml") }
            #expect(problem.description.hasPrefix("tally.yaml:8: events[0].rundown[1]."), "\(problem)")
            #expect(problem.description.contains(reason), "\(problem)")
        }
    }

    @Test func phasesChangeAcrossMidnight() throws {
        let late = try RunConfig.parse(Self.schedule, file: "tally.yaml").events[1]
        #expect(PhasePlan.phase(of: late, at: Self.at("2026-03-14T23:59:59Z")).step == "on air")
        let afterMidnight = PhasePlan.phase(of: late, at: Self.at("2026-03-15T00:00:01Z"))
        #expect(afterMidnight.phase == .live)
        #expect(afterMidnight.nextStep == "off air")
        #expect(afterMidnight.nextAt == Self.at("2026-03-15T02:00:00Z"))
        #expect(PhasePlan.phase(of: late, at: Self.at("2026-03-15T02:00:00Z")).phase == .ended)
        #expect(PhasePlan.watchWindow(of: late) == Self.at("2026-03-14T23:00:00Z")..<Self.at("2026-03-15T02:00:00Z"))
    }

    @Test func anEventAcrossTheStartOfDaylightSavingLastsItsRealLength() throws {
        let text = """
            events:
              - {id: dst, title: Night game, start: "2026-03-08 01:00 America/Los_Angeles", end: "2026-03-08 04:00 America/Los_Angeles",
                 rundown: [{at: T0, name: on air}, {at: end-30m, name: last out}, {at: end, name: off air}]}
            """
        let event = try RunConfig.parse(text, file: "tally.yaml").events[0]
        #expect(event.start == Self.at("2026-03-08T09:00:00Z"), "01:00 PST")
        #expect(event.end == Self.at("2026-03-08T11:00:00Z"), "04:00 PDT: two real hours, not three")
        #expect(event.phases?[1].at == Self.at("2026-03-08T10:30:00Z"))
    }

    @Test(arguments: [
        ("events:\n  - {id: a, title: t, start: \"2026-03-08 02:30 America/Los_Angeles\", end: 2026-03-08T12:00:00Z}\n",
         "tally.yaml:2: events[0].start: \"2026-03-08 02:30 America/Los_Angeles\" does not exist in America/Los_Angeles (the clocks skip it)"),
        ("events:\n  - {id: a, title: t, start: \"2026-03-14 19:00 Mars/Olympus\", end: 2026-03-14T12:00:00Z}\n",
         "tally.yaml:2: events[0].start: \"Mars/Olympus\" is not an IANA time zone (such as Asia/Tokyo or America/Los_Angeles)"),
        ("rundown:\n  - {at: T-1h, name: lock}\n  - {at: soon, name: go}\nevents: []\n",
         "tally.yaml:3: rundown[1].at: \"soon\" is not a step time (write T-60m, T0, T+5m, end or end+30m)"),
        ("rundown:\n  - {at: T-1h, name: lock}\n  - {at: T0, name: lock}\nevents: []\n",
         "tally.yaml:3: rundown[1].name: \"lock\" is used twice"),
        ("rundown:\n  - {at: T0, name: go, phase: soon}\nevents: []\n",
         "tally.yaml:2: rundown[0].phase: \"soon\" is not a phase (preflight, live, ended or post)"),
        ("rundown:\n  - {at: T0, name: go, checklist: [a, a]}\nevents: []\n",
         "tally.yaml:2: rundown[0].checklist: an item is listed twice"),
    ])
    func eachMistakeIsNamedWithFileAndLine(text: String, expected: String) {
        do {
            _ = try RunConfig.parse(text, file: "tally.yaml")
            Issue.record("accepted a bad schedule")
        } catch {
            #expect(error.description == expected)
        }
    }

    static func month(events: Int, mistakeAt bad: Int? = nil) -> String {
        var text = "rundown:\n  - {at: T-60m, name: feed lock, checklist: [Paths locked]}\n  - {at: T0, name: on air}\nevents:\n"
        for index in 0..<events {
            let start = index == bad ? "tomorrow" : Instant(millisecondsSinceEpoch: 1_773_000_000_000 + Int64(index) * 3_600_000).rfc3339
            text += "  - id: ev-\(index)\n    title: Event \(index)\n    start: \(start)\n    end: 2027-01-01T00:00:00Z\n"
            text += "    feeds:\n      - {name: main, role: primary, url: \"http://o.example/\(index).m3u8\"}\n"
        }
        return text + "viewers:\n  - {event: ev-3, json: {url: \"http://m.example/v\", pointer: /n}}\n"
    }

    @Test func aLargeScheduleReadInSlicesIsTheSameAsReadWhole() throws {
        let text = Self.month(events: 600)
        // A line with "&" may belong to an anchor, so this copy is read whole.
        let whole = text.replacingOccurrences(of: "  - id: ev-300\n", with: "  # R&D\n  - id: ev-300\n")
        let sliced = try RunConfig.parse(text, file: "month.yaml"), read = try RunConfig.parse(whole, file: "month.yaml")
        #expect(sliced == read)
        #expect(sliced.events.count == 600)
        #expect(sliced.events[599].phases?.first?.checklist == ["Paths locked"])
        #expect(sliced.viewers.map(\.eventId) == ["ev-3"])
    }

    @Test func aMistakeLateInALargeScheduleKeepsItsLineNumber() {
        do {
            _ = try RunConfig.parse(Self.month(events: 600, mistakeAt: 555), file: "month.yaml")
            Issue.record("accepted a bad schedule")
        } catch {
            // 4 header lines, then 6 lines per event: event 555's start is on line 4 + 555 × 6 + 3.
            #expect(error.description == "month.yaml:\(4 + 555 * 6 + 3): events[555].start: \"tomorrow\" is not a time (write 2026-03-14T19:00:00Z or 2026-03-14 19:00 Asia/Tokyo)")
        }
    }
}
