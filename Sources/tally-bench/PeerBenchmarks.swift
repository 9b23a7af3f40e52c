import ArgumentParser
import Foundation

/// `tally-bench peers`: Tally side by side with the terminal tools an operator knows, in one
/// run on one machine, so that the figures compare as ratios whatever the machine: the demo
/// console against htop and btop in a 160x48 pseudo-terminal (first screen, peak memory, CPU
/// and bytes at 1×), `tally recording info` against `jq -c .` on the same recording, and
/// `tally snapshot` of the built-in night. `Benchmarks/setup` installs the peers.
struct PeerBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "peers", abstract: "Measure Tally beside htop, btop and jq.")

    @Option(help: "Seconds to watch each console.")
    var seconds: Double = 20

    @Option(help: "Runs of each start-up and command, the median reported.")
    var runs = 5

    @Option(help: "The recording for recording info and jq (the generated month of tally-bench report when omitted).")
    var file: String?

    func run() throws {
        let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let tally = folder.appendingPathComponent("tally").path
        guard FileManager.default.isExecutableFile(atPath: tally) else {
            throw ValidationError("\(tally) is missing: build it beside tally-bench (swift build -c release)")
        }
        let htop = Self.which("htop"), btop = Self.which("btop"), jq = Self.which("jq")
        for (name, path) in [("htop", htop), ("btop", btop), ("jq", jq)] where path == nil {
            print("\(name) is not installed (bash Benchmarks/setup): its comparisons are skipped")
        }
        let size = (width: 160, height: 48)
        func console(_ command: [String], marker: String, name: String) throws -> TerminalTraffic.Result {
            try TerminalTraffic(command: command, marker: marker, width: size.width, height: size.height, seconds: seconds, name: name).run()
        }
        print("in a \(size.width)x\(size.height) pseudo-terminal, TERM=xterm-256color, \(Int(seconds)) s each:")
        let demo = try console([tally, "demo"], marker: "Alerts", name: "tally")
        print("tally demo (1×)  \(demo.line)")
        let htopRun = try htop.map { try console([$0], marker: "Load average", name: "htop") }
        if let htopRun { print("htop             \(htopRun.line)") }
        let btopRun = try btop.map { try console([$0], marker: "cpu", name: "btop") }
        if let btopRun { print("btop             \(btopRun.line)") }
        let starts = try (0..<runs).map { _ in try TerminalTraffic(command: [tally, "demo", "--paused"], marker: "Alerts", width: size.width, height: size.height,
                                                                   seconds: 0.1).run().startupSeconds }
        let htopStarts = try htop.map { path in try (0..<runs).map { _ in try TerminalTraffic(command: [path], marker: "Load average", width: size.width,
                                                                                            height: size.height, seconds: 0.1, name: "htop").run().startupSeconds } }
        print(String(format: "start to first screen, median of %d: tally %.3f s", runs, Self.median(starts))
              + (htopStarts.map { String(format: ", htop %.3f s (%.2f× htop's)", Self.median($0), Self.median(starts) / Self.median($0)) } ?? ""))
        if let htopRun {
            print(String(format: "peak memory: tally %.1f MB, htop %.1f MB", demo.peakResidentMB, htopRun.peakResidentMB)
                  + (btopRun.map { String(format: ", btop %.1f MB", $0.peakResidentMB) } ?? ""))
            print(String(format: "bytes to the terminal at 1×: %.2f× htop's", demo.bytesPerSecond / max(1, htopRun.bytesPerSecond))
                  + (btopRun.map { String(format: ", %.2f× btop's", demo.bytesPerSecond / max(1, $0.bytesPerSecond)) } ?? ""))
        }
        if let btopRun {
            print(String(format: "CPU at 1×: tally %.2f %%, btop %.2f %% (%.2f× btop's)", demo.cpuPercent, btopRun.cpuPercent, demo.cpuPercent / max(0.001, btopRun.cpuPercent)))
        }
        let snapshot = try (0..<runs).map { _ in try Self.time([tally, "snapshot", "--at", "00:00:01", "--size", "160x48"]) }
        print(String(format: "tally snapshot of the built-in night at 00:00:01, 160x48, median of %d: %.3f s", runs, Self.median(snapshot)))
        let recording = try file ?? GeneratedNight.path(hours: 30 * 24, events: 70, name: "30d")
        let megabytes = Double((try FileManager.default.attributesOfItem(atPath: recording)[.size] as? Int) ?? 0) / 1e6
        let info = try Self.time([tally, "recording", "info", recording])
        let line = String(format: "reading a %.0f MB recording: tally recording info %.2f s (%.0f MB/s)", megabytes, info, megabytes / info)
        if let jq {
            let jqTime = try Self.time([jq, "-c", ".", recording])
            print(line + String(format: ", jq -c . %.2f s: %.2f× jq's time", jqTime, info / jqTime))
        } else {
            print(line)
        }
    }

    /// Wall-clock seconds `command` takes, its output thrown away; it must succeed.
    static func time(_ command: [String]) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let took = (ContinuousClock.now - started).inSeconds
        guard process.terminationStatus == 0 else { throw ValidationError("\(command.joined(separator: " ")) failed (\(process.terminationStatus))") }
        return took
    }

    static func which(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
