import ArgumentParser
import Foundation

/// `tally-bench`: the hot paths, measured. Build in release first (`swift build -c release`),
/// then run `.build/release/tally-bench`.
@main
struct TallyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Tally's hot paths: rendering, reducing, the bus, recordings, and terminal traffic."
    )

    @Flag(help: "Fewer iterations, for a quick look (figures are noisier).")
    var quick = false

    @Flag(help: "Only the in-process benchmarks; skip running tally in a pseudo-terminal.")
    var skipTerminal = false

    @Option(help: "Seconds to watch each terminal run.")
    var seconds: Double = 20

    func run() throws {
        #if DEBUG
        print("warning: a debug build; figures for the record come from `swift build -c release`")
        #endif
        for result in try CoreBenchmarks.run(quick: quick) { print(result.line) }
        guard !skipTerminal else { return }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tally").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no tally binary beside tally-bench at \(binary); run `swift build -c release` first")
        }
        print("tally demo in a pseudo-terminal, TERM=xterm-256color, \(Int(seconds)) s each:")
        for (width, height) in [(160, 48), (80, 24)] {
            for speed in [nil, 1, 16] as [Int?] {
                let traffic = TerminalTraffic(binary: binary, width: width, height: height, speed: speed, seconds: seconds)
                let label = "\(width)x\(height) " + (speed.map { "\($0)×" } ?? "paused")
                print("\(label.padding(toLength: 16, withPad: " ", startingAt: 0)) \(try traffic.run().line)")
            }
        }
    }
}
