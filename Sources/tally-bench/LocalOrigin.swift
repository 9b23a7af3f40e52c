import Foundation

/// `tally-bench hls-origin` in a child process: live HLS feeds on a local port, stopped when dropped.
final class LocalOrigin {
    private let process = Process()
    let port: Int

    /// Starts the origin of this benchmark binary (serving `segmentFile` as every segment, when
    /// given) and reads the port it says it listens on.
    init(segmentFile: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path)
        process.arguments = ["hls-origin"] + (segmentFile.map { ["--segment-file", $0] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = line.split(separator: " ").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the origin did not say its port: \(line)"])
        }
        self.port = port
    }

    deinit { process.terminate() }
}
