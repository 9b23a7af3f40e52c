import Foundation
import TallyConfig
import TallyCore
import TallyScreen

/// A month's schedule: 2,000 events with a six-step rundown and checklists, read from
/// `tally.yaml` text, folded into the state, drawn, and watched by the scheduler while
/// nothing falls due.
enum ScheduleBenchmarks {
    static let events = 2_000

    static func run(quick: Bool) throws -> [Measurement] {
        let start = Instant(rfc3339: "2026-03-01T00:00:00Z")!
        let text = month(from: start)
        var results = [Measurement.run("read a month's tally.yaml (\(events) events, \(text.utf8.count / 1024) KiB)", iterations: 1,
                                       rounds: quick ? 3 : 5) {
            blackHole(try? RunConfig.parse(text, file: "month.yaml"))
        }]
        let config = try RunConfig.parse(text, file: "month.yaml")
        // Mid-month, mid-evening: some events live, some starting, most folded away.
        let now = start.adding(seconds: 14 * 86_400 + 20 * 3600)
        var state = ConsoleState()
        for (index, event) in config.events.enumerated() {
            state.apply(Envelope(seq: UInt64(index + 1), timestamp: now, source: "scheduler", event: .eventScheduled(event)))
        }
        var scheduler = Scheduler(events: config.events)
        for (index, event) in scheduler.due(at: now, state: state).enumerated() {
            state.apply(Envelope(seq: UInt64(events + index + 1), timestamp: now, source: "scheduler", event: event))
        }
        var quiet = now
        results.append(Measurement.run("scheduler look with nothing due, \(events) events", iterations: quick ? 200 : 2_000) {
            quiet = quiet.adding(seconds: 0.001)
            blackHole(scheduler.due(at: quiet, state: state))
        })
        let context = ScreenContext(mode: .live, now: now, operatorName: "maria", glyphs: .unicode)
        results.append(Measurement.run("render 160x48 frame, \(events) events scheduled", iterations: quick ? 20 : 100) {
            blackHole(Screen.render(state: state, view: ViewState(), context: context, size: Size(width: 160, height: 48)))
        })
        return results
    }

    /// 2,000 events over 30 days, two feeds each, under a standard rundown with checklists.
    static func month(from start: Instant) -> String {
        var text = """
            rundown:
              - {at: T-120m, name: facility check, checklist: [Venue power on generator, Comms loop with venue, Graphics loaded]}
              - {at: T-60m, name: feed lock, checklist: [Primary path locked, Backup path locked, Audio levels checked]}
              - {at: T-15m, name: go/no-go, checklist: [Go/no-go call with producer]}
              - {at: T0, name: on air}
              - {at: end, name: off air, checklist: [Feeds released]}
              - {at: end+30m, name: post-show}
            events:

            """
        for index in 0..<events {
            let begins = start.adding(seconds: Double(index) * 30 * 86_400 / Double(events))
            text += """
                  - id: ev-\(index)
                    title: Event \(index)
                    venue: Venue \(index % 40)
                    tier: \(["1", "2", "3", "big-bet"][index % 4])
                    start: \(begins.rfc3339)
                    end: \(begins.adding(seconds: 3 * 3600).rfc3339)
                    feeds:
                      - {name: primary, role: primary, path: fibre, team: venue-ops, url: "https://origin.example/ev-\(index)/a.m3u8"}
                      - {name: backup, role: backup, path: srt, team: venue-ops, url: "https://origin.example/ev-\(index)/b.m3u8"}

                """
        }
        return text
    }
}
