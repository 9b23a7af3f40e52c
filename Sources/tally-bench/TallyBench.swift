import ArgumentParser
import Foundation
import TallyConsole

/// `tally-bench`: the hot paths, measured. `swift run -c release tally-bench`.
@main
struct TallyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Tally's hot paths: rendering, reducing, the bus, recordings, and terminal traffic.",
        subcommands: [Measure.self, Console.self, AckDrill.self, HLSOrigin.self, Monitors.self, HubBenchmarks.self, TLSBenchmarks.self, ReplayBenchmarks.self, ReportBenchmarks.self, RoomBenchmarks.self, ContentBenchmarks.self, PeerBenchmarks.self],
        defaultSubcommand: Measure.self
    )
}

/// Runs every benchmark and prints one line each.
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the benchmarks (the default).")

    @Flag(help: "Fewer iterations, for a quick look (figures are noisier).")
    var quick = false

    @Flag(help: "Only the in-process benchmarks; skip the console in a pseudo-terminal.")
    var skipTerminal = false

    @Option(help: "Seconds to watch each terminal run.")
    var seconds: Double = 20

    @Option(help: "Run one group only: core, alerts, schedule or terminal.")
    var only: String?

    func run() throws {
        #if DEBUG
        print("warning: a debug build; figures for the record come from `swift run -c release tally-bench`")
        #endif
        let groups: [(String, (Bool) throws -> [Measurement])] = [
            ("core", CoreBenchmarks.run), ("alerts", AlertBenchmarks.run), ("schedule", ScheduleBenchmarks.run),
        ]
        for (name, run) in groups where only == nil || only == name {
            for result in try run(quick) { print(result.line) }
        }
        guard !skipTerminal, only == nil || only == "terminal" else { return }
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        for feeds in quick ? [100] : [100, 500] {
            try Monitors(feeds: feeds, seconds: quick ? 10 : seconds).run()
        }
        print("the demo console (tally demo's code) in a pseudo-terminal, TERM=xterm-256color, \(Int(seconds)) s each:")
        for (width, height) in [(160, 48), (80, 24)] {
            for speed in [nil, 1, 16] as [Int?] {
                let traffic = TerminalTraffic(binary: binary, width: width, height: height, speed: speed, seconds: seconds)
                let label = "\(width)x\(height) " + (speed.map { "\($0)×" } ?? "paused")
                print("\(label.padding(toLength: 16, withPad: " ", startingAt: 0)) \(try traffic.run().line)")
            }
        }
    }
}

/// The demo console on the built-in night, exactly as `tally demo` runs it: what the terminal
/// benchmark watches.
struct Console: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the demo console (used by the terminal benchmark).", shouldDisplay: false)

    @Option var speed: Double = 1
    @Flag var paused = false

    func run() throws {
        let ending = try ConsoleSession.demo(file: nil, speed: speed, paused: paused)
        if ending != .quit { throw ExitCode(ending.rawValue) }
    }
}

/// Acknowledges open alerts one after another as fast as the store allows, printing
/// `acked #ID` only once each is on disk: the crash test kills it mid-burst and checks that
/// every printed acknowledgement survived.
struct AckDrill: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack-drill", abstract: "Acknowledge a burst of alerts (crash test).",
                                                    shouldDisplay: false)

    @Option var store: String
    @Option var alerts = 2000

    func run() throws {
        let drill = try AckPath(storePath: store, alerts: alerts)
        let output = FileHandle.standardOutput
        output.write(Data("ready\n".utf8))
        while let id = try drill.acknowledgeTop() {
            output.write(Data("acked #\(id)\n".utf8))
        }
    }
}

/// Watches live feeds on a local origin, or on one already serving them, and reports what it costs.
struct Monitors: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure monitoring N live HLS feeds on a local origin.")

    @Option var feeds = 500
    @Option var seconds: Double = 20
    @Flag(help: "Check every feed's content too (real segments, ffmpeg, the default budget).")
    var content = false
    @Option(help: ArgumentHelp("An origin serving ORIGIN/feed-N/index.m3u8 for every feed (Benchmarks/nginx-origin: nginx in front of ffmpeg).",
                               discussion: "Without it, a local origin of this binary serves filler segments."))
    var origin: String?
    @Option(help: "A process whose CPU over the same window is reported beside (the origin's server); repeatable.")
    var peer: [Int32] = []

    func validate() throws {
        if let origin, URL(string: origin)?.host == nil { throw ValidationError("--origin must be a URL such as http://127.0.0.1:8089") }
        if content, origin != nil { throw ValidationError("--content serves its own real segments: leave out --origin") }
        guard (1...10_000).contains(feeds), seconds.isFinite, (1...3600).contains(seconds) else {
            throw ValidationError("--feeds must be 1…10000 and --seconds 1…3600")
        }
    }

    func run() throws {
        let load = try MonitorLoad(feeds: feeds, seconds: seconds, checksContent: content, origin: origin, peers: peer).run()
        print("monitor \(feeds) live feeds, 2 s segments, \(origin ?? "local origin")\(content ? ", content checks on" : ""): \(load.line)")
    }
}
