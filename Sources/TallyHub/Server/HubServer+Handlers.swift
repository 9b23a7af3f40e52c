import Foundation
import TallyCore

/// What the server does with a line or request, by the connection's standing.
extension HubServer {
    /// The first line: version, role, and on TCP the token.
    func greet(_ line: [UInt8], on connection: HubConnection) {
        guard let hello = try? JSONDecoder().decode(ClientMessage.Hello.self, from: Data(line)), hello.kind == "hello" else {
            refuse(line: connection.lineNumber, "expected a hello: {\"kind\":\"hello\",\"version\":1,\"role\":\"console\"}", on: connection)
            connection.isClosing = true
            return
        }
        guard hello.version == HubMessage.protocolVersion else {
            say(.bye(reason: "protocol version \(hello.version) is not spoken here; this hub speaks \(HubMessage.protocolVersion)"), to: connection)
            connection.isClosing = true
            return
        }
        if connection.transport == .tcp {
            guard let token = settings.token, token.matches(hello.token ?? "") else {
                logger.warning("connection refused: wrong token", metadata: ["connection": "\(connection.label)"])
                say(.bye(reason: "refused: wrong or missing token"), to: connection)
                connection.isClosing = true
                return
            }
            connection.operatorName = String((hello.name ?? "remote").prefix(64))
            connection.label = "tcp:\(connection.operatorName)@\(connection.peer ?? "?") #\(connection.number)"
        }
        connection.role = hello.role == .console ? .console : .ingest
        // Lines are numbered from the first after the hello, as the sender counts them.
        connection.lineNumber = 0
        say(.welcome(.init(connection: connection.label, operator: connection.operatorName, site: settings.site)), to: connection)
        if connection.role == .console { sendSnapshot(to: connection) }
        logger.info("client attached", metadata: ["connection": "\(connection.label)", "role": "\(hello.role.rawValue)"])
    }

    /// A console's operator action, credited to the connection and applied once per key.
    func takeAction(_ line: [UInt8], from connection: HubConnection) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any],
              let key = ClientMessage.actionKey(of: object) else {
            refuse(line: connection.lineNumber, "expected an action with a key: {\"kind\":\"action\",\"key\":…,\"type\":…,\"data\":{…}}", on: connection)
            return
        }
        let event: BusEvent
        do {
            event = try IngestLine.decode(line, line: connection.lineNumber, receivedAt: core.now(), source: "console").event
        } catch {
            refuse(line: connection.lineNumber, error.reason, on: connection)
            return
        }
        guard let attributed = event.attributed(to: connection.operatorName, channel: connection.label) else {
            refuse(line: connection.lineNumber, "\(event.type) is not an operator action", on: connection)
            return
        }
        connection.accepted += 1
        if !core.submit(attributed, key: key, connection: connection.label) {
            say(.receipt(.init(key: key, status: .duplicate, reason: "already applied")), to: connection)
        }
    }

    /// A bus event from an ingest client, within its rate, and never an operator's action.
    func ingest(_ line: [UInt8], from connection: HubConnection) {
        guard connection.limiter.admit(at: MonotonicClock.now()) else {
            refuse(line: connection.lineNumber, "over the rate limit of \(Int(saturating: settings.ingestPerSecond)) lines a second", on: connection)
            return
        }
        do {
            let envelope = try IngestLine.decode(line, line: connection.lineNumber, receivedAt: core.now(), source: "ingest")
            guard !envelope.event.isOperatorAction else {
                refuse(line: connection.lineNumber, "\(envelope.event.type): operator actions come from a console, not ingest", on: connection)
                return
            }
            connection.accepted += 1
            core.ingest(envelope.event, source: envelope.source == "ingest" ? "ingest:\(connection.label)" : envelope.source)
        } catch {
            refuse(line: connection.lineNumber, error.reason, on: connection)
        }
    }

    /// Alertmanager's webhook: `POST /alertmanager` with a version 4 body; 200 with the count,
    /// or the status and reason.
    func answerWebhook(_ bytes: UnsafeRawBufferPointer, on connection: HubConnection) {
        guard var reader = connection.http else { return }
        let outcome = reader.feed(bytes)
        connection.http = reader
        let response: (status: Int, body: String)
        switch outcome {
        case .incomplete:
            return
        case .invalid(let status, let reason):
            response = (status, reason)
        case .request(let request):
            response = webhookResponse(to: request, on: connection)
        }
        if response.status != 200 {
            rejected += 1
            connection.refused += 1
            logger.notice("webhook refused", metadata: ["connection": "\(connection.label)", "status": "\(response.status)", "reason": "\(response.body)"])
        }
        connection.send(HTTPResponse.bytes(status: response.status, body: response.body + "\n"))
        connection.isClosing = true
    }

    private func webhookResponse(to request: HTTPRequestReader.Request, on connection: HubConnection) -> (status: Int, body: String) {
        let path = request.path.split(separator: "?").first.map(String.init) ?? request.path
        guard path == "/alertmanager" else { return (404, "not found: Alertmanager posts to /alertmanager") }
        guard request.method == "POST" else { return (405, "only POST") }
        do {
            let items = try AlertmanagerWebhook.items(from: Data(request.body))
            for item in items { core.ingest(item.event, source: "alertmanager") }
            connection.accepted += items.count
            return (200, "{\"accepted\":\(items.count)}")
        } catch {
            return (400, error.reason)
        }
    }
}
