import Foundation
import Glibc
import TallyBus
import TallyHub
import TallyTestSupport

/// A real `tally serve` in a child process, on its own socket, state and configuration, with
/// the ingest and action limits lifted so that a benchmark can feed it as fast as it takes.
final class BenchHub {
    let folder: URL
    let socket: HubAddress
    private let process = Process()

    /// `feeds` per event on the origin at `originPort` (none without one).
    init(tallyBinary: String, site: String = "bench", events: Int = 1, feedsPerEvent: Int = 0, originPort: Int? = nil, extraArguments: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tally-bench-hub-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        socket = .unix(path: folder.appendingPathComponent("hub.sock").path)
        let format = ISO8601DateFormatter()
        let (start, end) = (format.string(from: Date().addingTimeInterval(-600)), format.string(from: Date().addingTimeInterval(7200)))
        var yaml = "site: \(site)\nevents:\n"
        for event in 0..<events {
            yaml += "  - id: ev-\(event)\n    title: Match \(event)\n    start: \"\(start)\"\n    end: \"\(end)\"\n"
            guard let originPort, feedsPerEvent > 0 else { continue }
            yaml += "    feeds:\n"
            for feed in 0..<feedsPerEvent {
                let index = event * feedsPerEvent + feed
                yaml += "      - {name: f\(feed), role: \(feed == 0 ? "primary" : "backup"), url: \"http://127.0.0.1:\(originPort)/feed-\(index)/index.m3u8\"}\n"
            }
        }
        let config = folder.appendingPathComponent("tally.yaml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: tallyBinary)
        process.arguments = ["serve", "--config", config.path, "--socket", socket.description, "--ingest-rate", "1000000", "--action-rate", "1000000"] + extraArguments
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["XDG_STATE_HOME": folder.path + "/state", "XDG_CONFIG_HOME": folder.path + "/config"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: socket.description), Date() < deadline { usleep(20_000) }
    }

    var pid: pid_t { process.processIdentifier }

    deinit {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Consoles attached to a hub by hand, their lines read on one thread: what arrived, and when.
final class ConsoleFleet: @unchecked Sendable {
    private let descriptors: [Int32]
    private let lock = NSLock()
    /// When each client saw each watched marker, by marker.
    private var seen: [String: [Int: Double]] = [:]
    private var watched: Set<String> = []
    private(set) var bytes: [Int]
    private var isStopping = false

    init(count: Int, hub: HubAddress) throws {
        descriptors = try (0..<count).map { _ in
            let descriptor = try RawSocket.connect(to: hub)
            RawSocket.sendAll(try ClientMessage.Hello(role: .console).line(), to: descriptor)
            return descriptor
        }
        bytes = Array(repeating: 0, count: count)
        watch("\"kind\":\"snapshot\"")
        Thread.detachNewThread { [self] in read() }
        _ = waitForAll("\"kind\":\"snapshot\"", timeout: 30)
    }

    deinit {
        lock.withLock { isStopping = true }
        for descriptor in descriptors { close(descriptor) }
    }

    func watch(_ marker: String) { lock.withLock { _ = watched.insert(marker) } }

    func unwatch(_ marker: String) {
        lock.withLock {
            watched.remove(marker)
            seen[marker] = nil
        }
    }

    /// Sends a line as client `index`.
    func send(_ line: [UInt8], from index: Int) {
        RawSocket.sendAll(line, to: descriptors[index])
    }

    /// When each client saw `marker` (monotonic seconds), once all but `except` have; nil at the timeout.
    func waitForAll(_ marker: String, except: Int? = nil, timeout: Double) -> [Int: Double]? {
        let deadline = MonotonicClock.now() + timeout
        let wanted = descriptors.count - (except == nil ? 0 : 1)
        while MonotonicClock.now() < deadline {
            let times = lock.withLock { seen[marker] ?? [:] }.filter { $0.key != except }
            if times.count >= wanted { return times }
            usleep(100)
        }
        return nil
    }

    var totalBytes: Int { lock.withLock { bytes.reduce(0, +) } }

    /// Whether the first `count` bytes of `haystack` hold `needle` (memchr for its first byte, then memcmp).
    private static func contains(_ haystack: [UInt8], count: Int, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, count >= needle.count else { return false }
        return haystack.withUnsafeBytes { (hay: UnsafeRawBufferPointer) -> Bool in
            needle.withUnsafeBytes { (wanted: UnsafeRawBufferPointer) -> Bool in
                let base = hay.baseAddress!, start = wanted.baseAddress!
                var offset = 0
                while offset <= count - needle.count {
                    guard let hit = memchr(base + offset, Int32(first), count - needle.count + 1 - offset) else { return false }
                    if memcmp(hit, start, needle.count) == 0 { return true }
                    offset = base.distance(to: UnsafeRawPointer(hit)) + 1
                }
                return false
            }
        }
    }

    private func read() {
        var pending = Array(repeating: [UInt8](), count: descriptors.count)
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        while !lock.withLock({ isStopping }) {
            var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&polled, nfds_t(polled.count), 200) > 0 else { continue }
            for (index, entry) in polled.enumerated() where entry.revents != 0 {
                let count = recv(descriptors[index], &buffer, buffer.count, 0)
                guard count > 0 else { continue }
                let now = MonotonicClock.now()
                lock.withLock { bytes[index] += count }
                // Markers are looked for in what arrived, and across the cut between reads.
                let seam = pending[index] + buffer[0..<min(count, 128)]
                pending[index] = Array(buffer[max(0, count - 128)..<count])
                let markers = lock.withLock { watched.filter { seen[$0]?[index] == nil } }
                let found = markers.filter { marker in
                    let needle = Array(marker.utf8)
                    return Self.contains(buffer, count: count, needle) || Self.contains(seam, count: seam.count, needle)
                }
                guard !found.isEmpty else { continue }
                lock.withLock { for marker in found { seen[marker, default: [:]][index] = now } }
            }
        }
    }
}

extension RawSocket {
    /// A raw connection to a hub's address.
    static func connect(to hub: HubAddress) throws -> Int32 {
        switch hub {
        case .unix(let path): try connect(unixPath: path)
        case .tcp(let host, let port): try connect(host: host, port: port)
        }
    }
}
