import Foundation
import TallyCore

/// The hub's HTTP endpoints: Alertmanager's webhook, `POST /alertmanager` with a version 4
/// body; 200 with the count, or the status and reason.
extension HubEngine {
    func answer(_ request: HTTPRequest) -> HTTPAnswer {
        guard request.path == "/alertmanager" else { return HTTPAnswer(status: 404, body: "not found: Alertmanager posts to /alertmanager") }
        guard request.method == "POST" else { return HTTPAnswer(status: 405, body: "only POST") }
        do {
            let items = try AlertmanagerWebhook.items(from: Data(request.body))
            for item in items { core.ingest(item.event, source: "alertmanager") }
            // Applied (and stored) before the answer says so.
            turn()
            return HTTPAnswer(status: 200, body: "{\"accepted\":\(items.count)}", contentType: "application/json")
        } catch {
            return HTTPAnswer(status: 400, body: error.reason)
        }
    }

    /// A request refused, counted with the refused lines and logged with its reason.
    func refusedRequest(_ answer: HTTPAnswer, on label: String) {
        rejected += 1
        logger.notice("webhook refused", metadata: ["connection": "\(label)", "status": "\(answer.status)", "reason": "\(answer.body)"])
    }
}
