import Foundation
import TallyBus
import TallyCore

/// What the server does with a line, by the connection's standing: a hello, a console's
/// action, an ingest source's event.
extension HubEngine {
    /// The next line from a line client, or the note that it passed the cap.
    func received(_ line: LineFramer.Line, from connection: HubConnection) {
        guard !connection.isClosing else { return }
        connection.lineNumber += 1
        switch line {
        case .oversized: refuse(line: connection.lineNumber, "longer than 64 KiB", on: connection)
        case .line(let bytes, _): handle(bytes, from: connection)
        }
    }

    /// The client closed its side: an ingest source is told what was taken; a console is gone.
    func endOfInput(from connection: HubConnection) {
        guard !connection.isClosing else { return }
        if connection.role == .ingest {
            say(.bye(reason: "accepted \(connection.accepted), refused \(connection.refused)"), to: connection)
        }
        connection.finish()
    }

    private func handle(_ line: ArraySlice<UInt8>, from connection: HubConnection) {
        if line.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) { return }
        switch connection.role {
        case .awaitingHello: greet(line, on: connection)
        case .console: takeAction(line, from: connection)
        case .ingest: ingest(line, from: connection)
        }
    }

    func refuse(line: Int, _ reason: String, on connection: HubConnection) {
        counters.refused += 1
        connection.refused += 1
        // A sender that never reads its refusals gets no more of them queued past a megabyte.
        if connection.pendingBytes < 1 << 20 { say(.error(.init(line: line, reason: reason)), to: connection) }
        logger.notice("input refused", metadata: ["connection": "\(connection.label)", "line": "\(line)", "reason": "\(reason)"])
    }

    /// The first line: version, role, and on TCP the token.
    private func greet(_ line: ArraySlice<UInt8>, on connection: HubConnection) {
        guard let hello = try? JSONDecoder().decode(ClientMessage.Hello.self, from: Data(line)), hello.kind == "hello" else {
            refuse(line: connection.lineNumber, "expected a hello: {\"kind\":\"hello\",\"version\":1,\"role\":\"console\"}", on: connection)
            return connection.finish()
        }
        guard hello.version == HubMessage.protocolVersion else {
            say(.bye(reason: "protocol version \(hello.version) is not spoken here; this hub speaks \(HubMessage.protocolVersion)"), to: connection)
            return connection.finish()
        }
        if connection.isNetwork {
            guard let token = settings.tokens.match(hello.token ?? "") else {
                logger.warning("connection refused: wrong token", metadata: ["connection": "\(connection.label)"])
                say(.bye(reason: "refused: wrong or missing token"), to: connection)
                return connection.finish()
            }
            guard hello.role == .console ? token.role.attaches : token.role.ingests else {
                let what = hello.role == .console ? "attach a console" : "ingest"
                logger.warning("connection refused: role", metadata: ["connection": "\(connection.label)", "token": "\(token.name)", "role": "\(token.role)"])
                say(.bye(reason: "refused: the token \(token.name) has the role \(token.role.rawValue) and cannot \(what)"), to: connection)
                return connection.finish()
            }
            connection.access = token.role
            connection.tokenName = token.name
            // A client certificate the hub accepted names the operator; otherwise the client does.
            connection.operatorName = CertificateName.ofPeer(on: connection.channel) ?? String((hello.name ?? "remote").prefix(64))
            let scheme = connection.transport == .tls ? "tls" : "tcp"
            connection.label = "\(scheme):\(connection.operatorName)@\(connection.peer ?? "?") #\(connection.number) token \(token.name)"
        }
        connection.role = hello.role == .console ? .console : .ingest
        // Lines are numbered from the first after the hello, as the sender counts them.
        connection.lineNumber = 0
        say(.welcome(.init(connection: connection.label, operator: connection.operatorName, site: settings.site, role: connection.access)), to: connection)
        if connection.role == .console { sendSnapshot(to: connection) }
        logger.info("client attached", metadata: ["connection": "\(connection.label)", "role": "\(hello.role.rawValue)"])
    }

    /// A console's operator action, credited to the connection and applied once per key.
    private func takeAction(_ line: ArraySlice<UInt8>, from connection: HubConnection) {
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
        guard connection.access.acts else {
            counters.viewerActionsRefused += 1
            connection.refused += 1
            logger.notice("action refused: a viewer", metadata: ["connection": "\(connection.label)", "type": "\(event.type)"])
            say(.receipt(.init(key: key, status: .refused, reason: "read-only: \(connection.tokenName ?? "this") is a viewer's token")), to: connection)
            return
        }
        guard connection.actionLimiter.admit(at: MonotonicClock.now()) else {
            connection.refused += 1
            say(.receipt(.init(key: key, status: .refused, reason: "over the rate limit of \(Int(saturating: settings.actionsPerSecond)) actions a second")), to: connection)
            return
        }
        connection.accepted += 1
        if !core.submit(attributed, key: key, connection: connection.label) {
            say(.receipt(.init(key: key, status: .duplicate, reason: "already applied")), to: connection)
        }
    }

    /// A bus event from an ingest client, within its rate, and never an operator's action.
    private func ingest(_ line: ArraySlice<UInt8>, from connection: HubConnection) {
        guard connection.limiter.admit(at: MonotonicClock.now()) else {
            refuse(line: connection.lineNumber, "over the rate limit of \(Int(saturating: settings.ingestPerSecond)) lines a second", on: connection)
            return
        }
        if let reason = ingestLine(line, number: connection.lineNumber, from: "ingest:\(connection.label)") {
            refuse(line: connection.lineNumber, reason, on: connection)
        } else {
            connection.accepted += 1
        }
    }

    /// One ingest line, from a connection or `POST /ingest`: a bus event onto the bus, counted,
    /// and never an operator's action; nil when taken, else why not. `sender` is the source of
    /// a line that names none.
    func ingestLine(_ line: ArraySlice<UInt8>, number: Int, from sender: String) -> String? {
        do {
            let envelope = try IngestLine.decode(line, line: number, receivedAt: core.now(), source: "ingest")
            guard !envelope.event.isOperatorAction else { return "\(envelope.event.type): operator actions come from a console, not ingest" }
            counters.ingestAccepted += 1
            core.ingest(envelope.event, source: envelope.source == "ingest" ? sender : envelope.source)
            return nil
        } catch {
            return error.reason
        }
    }
}
