import AsyncHTTPClient
import Foundation
import NIOCore
import TallyCore

/// POSTs PagerDuty Events API v2 bodies; any 2xx answer (PagerDuty sends 202) is delivered.
struct WebhookDelivery: Delivery {
    let url: String
    let routingKey: String
    let client: HTTPClient

    func deliver(_ notification: AlertNotification, onCall: [String], timeoutSeconds: Double) async -> DeliveryResult {
        do {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "Tally")
            request.body = .bytes(ByteBuffer(bytes: try PagerDutyEvent.body(for: notification, routingKey: routingKey, onCall: onCall)))
            let response = try await client.execute(request, timeout: .milliseconds(Int64(saturating: timeoutSeconds * 1000)))
            let answer = try? await response.body.collect(upTo: 16 * 1024)
            let ok = (200..<300).contains(Int(response.status.code))
            var detail = "HTTP \(response.status.code)"
            if !ok, let answer, answer.readableBytes > 0 {
                detail += ": " + String(String(buffer: answer).prefix(120)).replacingOccurrences(of: "\n", with: " ")
            }
            return DeliveryResult(delivered: ok, detail: detail)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return DeliveryResult(delivered: false, detail: "no answer within \(Figures.decimal(timeoutSeconds, places: 1)) s")
        } catch let error as HTTPClientError where error == .remoteConnectionClosed {
            return DeliveryResult(delivered: false, detail: "the server closed the connection without answering")
        } catch {
            return DeliveryResult(delivered: false, detail: Self.words(for: error))
        }
    }

    /// A connection failure in plain words (`connection refused`), else the error itself.
    static func words(for error: any Error) -> String {
        let text = "\(error)"
        for (needle, words) in [("Connection refused", "connection refused"), ("No route to host", "no route to host"),
                                ("Connection reset", "connection reset by the server"), ("certificate", "TLS certificate rejected")]
        where text.contains(needle) {
            return words
        }
        return String(text.prefix(160))
    }
}
