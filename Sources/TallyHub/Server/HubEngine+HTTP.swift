import Foundation
import TallyBus
import TallyCore

/// The hub's HTTP endpoints: Alertmanager's webhook (`POST /alertmanager`), JSON lines with a
/// bearer token (`POST /ingest`), the Prometheus exposition (`GET /metrics`) and the health
/// check (`GET /healthz`).
extension HubEngine {
    func answer(_ request: HTTPRequest) -> HTTPAnswer {
        let routes: [String: (method: String, answer: (HTTPRequest) -> HTTPAnswer)] = [
            "/alertmanager": ("POST", alertmanager), "/ingest": ("POST", ingest), "/metrics": ("GET", metrics), "/healthz": ("GET", healthz),
        ]
        guard let route = routes[request.path] else {
            return HTTPAnswer(status: 404, body: "not found: the hub answers POST /alertmanager, POST /ingest, GET /metrics and GET /healthz")
        }
        guard request.method == route.method else { return HTTPAnswer(status: 405, body: "\(request.path) takes \(route.method) only") }
        return route.answer(request)
    }

    /// A request refused, counted with the refused lines and logged with its reason.
    func refusedRequest(_ answer: HTTPAnswer, on label: String) {
        counters.refused += 1
        logger.notice("HTTP request refused", metadata: ["connection": "\(label)", "status": "\(answer.status)", "reason": "\(answer.body)"])
    }

    private func alertmanager(_ request: HTTPRequest) -> HTTPAnswer {
        do {
            let items = try AlertmanagerWebhook.items(from: Data(request.body))
            for item in items { core.ingest(item.event, source: "alertmanager") }
            counters.ingestAccepted += items.count
            // Applied (and stored) before the answer says so.
            turn()
            return HTTPAnswer(status: 200, body: "{\"accepted\":\(items.count)}", contentType: "application/json")
        } catch {
            return HTTPAnswer(status: 400, body: error.reason)
        }
    }

    /// JSON lines, each a bus event as `tally ingest` sends it, with a token of role ingest or
    /// operator; 200 with what was taken and each line refused by its number.
    private func ingest(_ request: HTTPRequest) -> HTTPAnswer {
        let presented = request.headers["authorization"].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        guard let token = presented.flatMap(settings.tokens.match) else {
            return HTTPAnswer(status: 401, body: "a token is needed: Authorization: Bearer TOKEN")
        }
        guard token.role.ingests else { return HTTPAnswer(status: 403, body: "the token \(token.name) has the role \(token.role.rawValue) and cannot ingest") }
        var framer = LineFramer(cap: 64 << 10)
        var lines = request.body.withUnsafeBytes { framer.feed($0) }
        if let last = framer.finish() { lines.append(last) }
        var accepted = 0
        var refusals: [String] = []
        for line in lines {
            switch line {
            case .oversized(let number): refusals.append(Self.refusal(number, "longer than 64 KiB"))
            case .line(let bytes, let number):
                if bytes.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) { continue }
                if let reason = ingestLine(bytes, number: number, from: "ingest:http token \(token.name)") {
                    refusals.append(Self.refusal(number, reason))
                } else {
                    accepted += 1
                }
            }
        }
        counters.refused += refusals.count
        turn()
        return HTTPAnswer(status: 200, body: "{\"accepted\":\(accepted),\"refused\":[\(refusals.joined(separator: ","))]}", contentType: "application/json")
    }

    private static func refusal(_ line: Int, _ reason: String) -> String {
        "{\"line\":\(line),\"reason\":\(JSONString.quoted(reason))}"
    }

    private func healthz(_ request: HTTPRequest) -> HTTPAnswer {
        let problems = core.health.problems
        return problems.isEmpty ? HTTPAnswer(status: 200, body: "ok") : HTTPAnswer(status: 503, body: "unhealthy: " + problems.joined(separator: "; "))
    }

    private func metrics(_ request: HTTPRequest) -> HTTPAnswer {
        var text = metricFamilies().map(\.text).joined()
        if text.hasSuffix("\n") { text.removeLast() }
        return HTTPAnswer(status: 200, body: text, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}
