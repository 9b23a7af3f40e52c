import ArgumentParser
import Foundation
import TallyCore
import TallySources

/// `tally-bench content`: what one content check costs. ffmpeg makes 2-second MPEG-TS segments
/// (a moving test picture with tone, H.264 and AAC) at 320x240, 720p and 1080p; the checker
/// runs on each as the monitors run it, and the CPU ffmpeg reports is averaged: ms a check, and
/// the checks a second that the default budget (a quarter of a core) pays for.
struct ContentBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "content", abstract: "Measure a content check's CPU at 320x240, 720p and 1080p.")

    @Option(help: "Checks to time at each size.")
    var checks = 20

    func run() async throws {
        let checker = ContentChecker()
        guard checker.isAvailable else { throw ValidationError("no ffmpeg at \(checker.ffmpeg)") }
        for (name, size) in [("320x240", "320x240"), ("720p", "1280x720"), ("1080p", "1920x1080")] {
            let segment = try Self.segment(size: size)
            var cpu: [Double] = [], wall: [Double] = []
            var previous: Thumbnail?
            for _ in 0..<checks {
                let began = ContinuousClock.now
                let (checked, thumbnail) = await checker.check(segment, feedId: "bench", variant: name, previous: previous)
                guard checked.problem == nil else { throw ValidationError("the check failed: \(checked.problem!)") }
                wall.append((ContinuousClock.now - began) / .milliseconds(1))
                cpu.append(checked.cpuMilliseconds)
                previous = thumbnail
            }
            let meanCPU = cpu.reduce(0, +) / Double(cpu.count)
            let meanWall = wall.reduce(0, +) / Double(wall.count)
            print(String(format: "content check, 2 s segment at %@ (%d KB): %5.1f ms CPU, %5.1f ms wall a check; %5.1f checks/s in a 0.25-core budget",
                         name, segment.count / 1024, meanCPU, meanWall, 250 / meanCPU))
        }
    }

    /// A 2-second segment of a moving test picture and a tone at `size`, as an encoder would send it.
    static func segment(size: String) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-\(size).ts")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=size=\(size):rate=30",
                             "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000", "-t", "2", "-c:v", "libx264", "-preset", "veryfast",
                             "-g", "60", "-c:a", "aac", "-f", "mpegts", file.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("ffmpeg made no \(size) segment") }
        defer { try? FileManager.default.removeItem(at: file) }
        return Array(try Data(contentsOf: file))
    }
}
