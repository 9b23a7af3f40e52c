import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TallyCore

/// Fetches a URL for a monitor: the whole answer within a deadline and a size cap, with at
/// most `limit` requests in flight overall. Every way it can go wrong becomes a reason in
/// words (`HTTP 503`, `no answer within 2.0 s`, `connection refused`), never a thrown error.
public final class Fetcher: Sendable {
    /// What a fetch came to.
    public enum Answer: Sendable, Equatable {
        case body([UInt8], seconds: Double)
        case failure(String)
    }

    private let client: HTTPClient
    private let gate: Gate

    public init(client: HTTPClient = .shared, concurrentRequests: Int = 64) {
        self.client = client
        self.gate = Gate(limit: concurrentRequests)
    }

    public func fetch(_ url: String, timeoutSeconds: Double, byteCap: Int) async -> Answer {
        await gate.enter()
        defer { Task { await gate.leave() } }
        let started = ContinuousClock.now
        let deadline = started.advanced(by: .milliseconds(Int64(saturating: timeoutSeconds * 1000)))
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "User-Agent", value: "Tally monitor")
            let response = try await client.execute(request, timeout: .milliseconds(Int64(saturating: timeoutSeconds * 1000)))
            guard (200..<300).contains(Int(response.status.code)) else {
                return .failure("HTTP \(response.status.code)")
            }
            // The request's timeout covers the answer's head; a body that trickles in is
            // bounded here, by racing its collection against the same deadline.
            let collected = try await withThrowingTaskGroup(of: Answer?.self) { group in
                group.addTask { try await Self.collect(response.body, byteCap: byteCap) }
                group.addTask {
                    try await Task.sleep(until: deadline)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            guard let collected else { return .failure("no answer within \(Figures.decimal(timeoutSeconds, places: 1)) s") }
            guard case .body(let bytes, _) = collected else { return collected }
            let elapsed = ContinuousClock.now - started
            return .body(bytes, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        } catch {
            return .failure(Self.reason(for: error, timeoutSeconds: timeoutSeconds))
        }
    }

    private static func collect(_ body: HTTPClientResponse.Body, byteCap: Int) async throws -> Answer {
        var bytes: [UInt8] = []
        for try await chunk in body {
            guard bytes.count + chunk.readableBytes <= byteCap else { return .failure("answer larger than \(byteCap / 1024) KiB") }
            bytes += chunk.readableBytesView
        }
        return .body(bytes, seconds: 0)
    }

    /// A failure in words an operator reads at a glance.
    static func reason(for error: any Error, timeoutSeconds: Double) -> String {
        if let error = error as? HTTPClientError {
            if [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
                return "no answer within \(Figures.decimal(timeoutSeconds, places: 1)) s"
            }
            if error == .remoteConnectionClosed { return "the server closed the connection" }
            if error == .invalidURL || error == .emptyHost { return "not a valid URL" }
            if error == .redirectCycleDetected { return "a redirect loop" }
            if error == .redirectLimitReached { return "too many redirects" }
            if error == .bodyLengthMismatch { return "a malformed answer: the body does not match its Content-Length" }
        }
        if error is HTTPParserError { return "a malformed HTTP answer" }
        let text = "\(error)"
        let known: [(String, String)] = [
            ("Connection refused", "connection refused"), ("NXDOMAIN", "DNS: no such host"),
            ("lookup", "DNS: no such host"), ("NameResolution", "DNS: no such host"), ("SSL", "TLS handshake failed"),
            ("TLS", "TLS handshake failed"), ("handshake", "TLS handshake failed"), ("No route", "no route to host"),
            ("Connection reset", "connection reset"), ("timeout", "no answer within \(Figures.decimal(timeoutSeconds, places: 1)) s"),
        ]
        return known.first { text.contains($0.0) }?.1 ?? String(text.prefix(100))
    }
}

/// A counting semaphore for async code: at most `limit` holders at once, waiters in order.
actor Gate {
    private let limit: Int
    private var holders = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func enter() async {
        if holders < limit {
            holders += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        if waiters.isEmpty {
            holders -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
