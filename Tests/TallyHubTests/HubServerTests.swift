import Foundation
import Glibc
import Testing
import TallyCore
import TallyHub

/// The hub's server over real sockets: snapshot then stream, actions applied once and seen by
/// every console, identity from the socket, tokens on TCP, ingest refusals by line, the
/// webhook, and a stuck console that neither slows the others nor grows the hub.
@Suite(.serialized)
struct HubServerTests {
    private static let me = String(cString: getpwuid(getuid())!.pointee.pw_name)

    @Test func aConsoleGetsItsIdentityTheSnapshotThenTheStream() throws {
        let rig = try HubRig()
        defer { rig.stop() }
        rig.core.ingest(HubRig.raise("enc-1/down"), source: "test")
        let client = try RawClient(rig.socket)
        try client.hello(name: "somebody-else")
        let welcome = client.waitFor { if case .welcome(let welcome) = $0 { welcome } else { nil } }
        #expect(welcome?.operator == Self.me)
        #expect(welcome?.connection.hasPrefix("unix:\(Self.me) pid \(getpid())") == true)
        let snapshot = client.waitFor { if case .snapshot(let state) = $0 { state } else { nil } }
        #expect(snapshot?.alerts.count == 1)
        rig.core.ingest(HubRig.raise("enc-2/down"), source: "test")
        let next = client.waitFor { if case .envelope(let envelope) = $0 { envelope } else { nil } }
        #expect(next?.event == HubRig.raise("enc-2/down"))
    }

    @Test func anActionIsCreditedToThePeerAppliedOnceAndReachesEveryConsole() throws {
        let rig = try HubRig()
        defer { rig.stop() }
        rig.core.ingest(HubRig.raise("enc-1/down"), source: "test")
        let (sender, other) = (try RawClient(rig.socket), try RawClient(rig.socket))
        for client in [sender, other] {
            try client.hello()
            _ = client.waitFor { if case .snapshot = $0 { true } else { nil } }
        }
        let ack = BusEvent.operatorAction(OperatorAction(alertId: 1, action: .ack, actor: "mallory", channel: "forged"))
        sender.send(try ClientMessage.actionLine(ack, key: "key-1"))
        for client in [sender, other] {
            let seen = client.waitFor { message -> OperatorAction? in
                if case .envelope(let envelope) = message, envelope.id == "key-1", case .operatorAction(let action) = envelope.event { action } else { nil }
            }
            #expect(seen?.actor == Self.me)
            #expect(seen?.channel.hasPrefix("unix:\(Self.me)") == true)
        }
        sender.send(try ClientMessage.actionLine(ack, key: "key-1"))
        let receipt = sender.waitFor { if case .receipt(let receipt) = $0 { receipt } else { nil } }
        #expect(receipt == HubMessage.Receipt(key: "key-1", status: .duplicate, reason: "already applied"))
        let acknowledgements = rig.core.state.timelines[1]?.filter { $0.action == .acknowledged }.count
        #expect(acknowledgements == 1)
    }

    @Test func tcpNeedsTheRightToken() throws {
        let rig = try HubRig()
        defer { rig.stop() }
        let intruder = try RawClient(rig.tcp)
        try intruder.hello(token: "correct-horse-battery-stapler")
        let refusal = intruder.waitFor { if case .bye(let reason) = $0 { reason } else { nil } }
        #expect(refusal == "refused: wrong or missing token")
        #expect(intruder.isClosedByHub())
        let colleague = try RawClient(rig.tcp)
        try colleague.hello(token: HubRig.token, name: "kenji")
        let welcome = colleague.waitFor { if case .welcome(let welcome) = $0 { welcome } else { nil } }
        #expect(welcome?.operator == "kenji")
        #expect(welcome?.connection.hasPrefix("tcp:kenji") == true)
    }

    @Test func aViewerSeesButCannotActAndAnIngestTokenCannotAttach() throws {
        let rig = try HubRig()
        defer { rig.stop() }
        rig.core.ingest(HubRig.raise("enc-1/down"), source: "test")
        let wallboard = try RawClient(rig.tcp)
        try wallboard.hello(token: HubRig.viewerToken, name: "wall")
        let welcome = wallboard.waitFor { if case .welcome(let welcome) = $0 { welcome } else { nil } }
        #expect(welcome?.role == .viewer, "the viewer's token is stored as its SHA-256")
        #expect(welcome?.connection.hasSuffix("token wallboard") == true)
        #expect(wallboard.waitFor { if case .snapshot(let state) = $0 { state.alerts.count } else { nil } } == 1)
        let ack = BusEvent.operatorAction(OperatorAction(alertId: 1, action: .ack, actor: "wall", channel: "wall"))
        wallboard.send(try ClientMessage.actionLine(ack, key: "viewer-1"))
        let receipt = wallboard.waitFor { if case .receipt(let receipt) = $0 { receipt } else { nil } }
        #expect(receipt == .init(key: "viewer-1", status: .refused, reason: "read-only: wallboard is a viewer's token"))
        #expect(rig.server.viewerActionsRefused == 1)
        #expect(rig.core.state.timelines[1]?.contains { $0.action == .acknowledged } != true)

        let feeds = try RawClient(rig.tcp)
        try feeds.hello(token: HubRig.ingestToken)
        #expect(feeds.waitFor { if case .bye(let reason) = $0 { reason } else { nil } }
            == "refused: the token feeds has the role ingest and cannot attach a console")
        let wallIngest = try RawClient(rig.tcp)
        try wallIngest.hello(role: .ingest, token: HubRig.viewerToken)
        #expect(wallIngest.waitFor { if case .bye(let reason) = $0 { reason } else { nil } }
            == "refused: the token wallboard has the role viewer and cannot ingest")
        let source = try RawClient(rig.tcp)
        try source.hello(role: .ingest, token: HubRig.ingestToken)
        source.send(#"{"type":"alert.raised","data":{"dedup_key":"cdn/5xx","severity":"error","summary":"5xx","source":"cdn"}}"#)
        source.finishSending()
        #expect(source.waitFor { if case .bye(let reason) = $0 { reason } else { nil } } == "accepted 1, refused 0")
    }

    @Test func consoleActionsAreRateLimitedPerConnection() throws {
        let rig = try HubRig()
        defer { rig.stop() }
        let console = try RawClient(rig.socket)
        try console.hello()
        _ = console.waitFor { if case .snapshot = $0 { true } else { nil } }
        let ack = BusEvent.operatorAction(OperatorAction(alertId: 1, action: .ack, actor: "me", channel: "me"))
        for index in 0..<150 { console.send(try ClientMessage.actionLine(ack, key: "flood-\(index)")) }
        var refused = 0
        _ = console.waitFor(timeout: 5) { message -> Bool? in
            if case .receipt(let receipt) = message, receipt.status == .refused, receipt.reason?.hasPrefix("over the rate limit of 20 actions") == true { refused += 1 }
            return refused >= 50 ? true : nil
        }
        #expect(refused >= 45, "a burst of 100 passes; the rest of 150 sent at once is refused")
    }

    @Test func ingestRefusesBadLinesByNumberAndTheConsolesSeeTheCount() throws {
        let rig = try HubRig()
        defer { rig.stop() }
        let console = try RawClient(rig.socket)
        try console.hello()
        let source = try RawClient(rig.socket)
        try source.hello(role: .ingest)
        let good = #"{"type":"alert.raised","data":{"dedup_key":"cdn/5xx","severity":"error","summary":"5xx above 2%","source":"cdn"}}"#
        let action = #"{"type":"alert.action","data":{"alert_id":1,"action":"ack","actor":"x","channel":"y"}}"#
        let oversized = "{\"type\":\"feed.sample\",\"data\":{\"x\":\"" + String(repeating: "a", count: 70_000) + "\"}}"
        source.send([good, "not json", oversized, action, good].joined(separator: "\n"))
        source.finishSending()
        var refusals: [HubMessage.Refusal] = []
        let closing = source.waitFor { message -> String? in
            if case .error(let refusal) = message { refusals.append(refusal) }
            if case .bye(let reason) = message { return reason }
            return nil
        }
        #expect(refusals.map(\.line) == [2, 3, 4])
        #expect(refusals.map(\.reason) == ["not a JSON object", "longer than 64 KiB", "alert.action: operator actions come from a console, not ingest"])
        #expect(closing == "accepted 2, refused 3")
        let tick = console.waitFor(timeout: 3) { if case .tick(let tick) = $0, tick.rejected == 3 { tick } else { nil } }
        #expect(tick?.consoles == 1)
    }

    @Test func ingestIsRateLimitedPerConnection() throws {
        let rig = try HubRig(ingestPerSecond: 1, ingestBurst: 5)
        defer { rig.stop() }
        let source = try RawClient(rig.socket)
        try source.hello(role: .ingest)
        let line = #"{"type":"viewers.sample","data":{"event_id":"e1","concurrent":5}}"#
        source.send(Array(repeating: line, count: 20).joined(separator: "\n") + "\n")
        source.finishSending()
        let closing = source.waitFor { if case .bye(let reason) = $0 { reason } else { nil } }
        #expect(closing == "accepted 5, refused 15")
    }

    @Test(arguments: [("firing", 1, 200), ("grouped", 3, 200)])
    func theWebhookTakesAlertmanagerBodies(fixture: String, alerts: Int, status: Int) throws {
        let rig = try HubRig()
        defer { rig.stop() }
        let answer = try Self.post(Self.fixture(fixture), to: rig.webhook)
        #expect(answer.status == status)
        #expect(answer.body == "{\"accepted\":\(alerts)}\n")
    }

    @Test func aResolvedBodyClearsTheAlertTheFiringOneRaised() throws {
        let rig = try HubRig()
        defer { rig.stop() }
        _ = try Self.post(Self.fixture("firing"), to: rig.webhook)
        let answer = try Self.post(Self.fixture("resolved"), to: rig.webhook)
        #expect(answer.status == 200)
        let alert = try #require(rig.core.state.alerts.values.first)
        #expect(alert.raised.dedupKey == "alertmanager/a1b2c3d4e5f60718")
        #expect(alert.clearingSince != nil || alert.state == .resolved)
    }

    @Test func theWebhookRefusesWhatItCannotTake() throws {
        let rig = try HubRig()
        defer { rig.stop() }
        #expect(try Self.post(Array(#"{"version":"3","alerts":[]}"#.utf8), to: rig.webhook)
            == (400, "version \"3\": only Alertmanager's version 4 is understood\n"))
        #expect(try Self.post(Array("{".utf8), to: rig.webhook).status == 400)
        #expect(try Self.post([], to: rig.webhook, path: "/other").status == 404)
        #expect(try Self.post([], to: rig.webhook, method: "GET").status == 405)
        #expect(try Self.post(Array(repeating: 32, count: 2 << 20), to: rig.webhook).status == 413)
    }

    @Test func metricsAreValidExpositionTextAndMoveWhenAlertsArrive() throws {
        let rig = try HubRig()
        defer { rig.stop() }
        let metrics = { try Self.post([], to: rig.webhook, path: "/metrics", method: "GET") }
        let first = try metrics()
        #expect(first.status == 200)
        let sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})? (-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|NaN|[+-]Inf)$/
        let comment = /^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .+|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|summary|histogram|untyped))$/
        for line in first.body.split(separator: "\n") {
            #expect(line.wholeMatch(of: sample) != nil || line.wholeMatch(of: comment) != nil, "not exposition format: \(line)")
        }
        #expect(first.body.contains("tally_alerts_open{severity=\"critical\",state=\"triggered\"} 0"))
        rig.core.ingest(HubRig.raise("enc-1/down"), source: "test")
        let deadline = Date().addingTimeInterval(5)
        var later = try metrics()
        while !later.body.contains("tally_alerts_open{severity=\"critical\",state=\"triggered\"} 1"), Date() < deadline {
            usleep(20_000)
            later = try metrics()
        }
        #expect(later.body.contains("tally_alerts_open{severity=\"critical\",state=\"triggered\"} 1"))
        #expect(later.body.contains("tally_envelopes_applied_total 1"))
        #expect(try Self.post([], to: rig.webhook, path: "/metrics").status == 405)
    }

    @Test func healthzSaysWhyTheHubIsUnwell() throws {
        let rig = try HubRig()
        defer { rig.stop() }
        #expect(try Self.post([], to: rig.webhook, path: "/healthz", method: "GET") == (200, "ok\n"))
        rig.core.problems.withLock { $0 = ["the store cannot be written: disk I/O error"] }
        #expect(try Self.post([], to: rig.webhook, path: "/healthz", method: "GET") == (503, "unhealthy: the store cannot be written: disk I/O error\n"))
        #expect(try Self.post([], to: rig.webhook, path: "/metrics", method: "GET").body.contains("tally_healthy 0"))
    }

    @Test func ingestOverHTTPTakesABearerTokenOfTheRightRole() throws {
        let rig = try HubRig()
        defer { rig.stop() }
        let lines = Array(([#"{"type":"alert.raised","data":{"dedup_key":"cdn/5xx","severity":"error","summary":"5xx","source":"cdn"}}"#, "not json",
                            #"{"type":"alert.action","data":{"alert_id":1,"action":"ack","actor":"x","channel":"y"}}"#].joined(separator: "\n")).utf8)
        #expect(try Self.post(lines, to: rig.webhook, path: "/ingest").status == 401)
        let viewer = try Self.post(lines, to: rig.webhook, path: "/ingest", headers: "Authorization: Bearer \(HubRig.viewerToken)\r\n")
        #expect(viewer == (403, "the token wallboard has the role viewer and cannot ingest\n"))
        let taken = try Self.post(lines, to: rig.webhook, path: "/ingest", headers: "Authorization: Bearer \(HubRig.ingestToken)\r\n")
        #expect(taken.status == 200)
        #expect(taken.body == #"{"accepted":1,"refused":[{"line":2,"reason":"not a JSON object"},{"line":3,"reason":"alert.action: operator actions come from a console, not ingest"}]}"# + "\n")
        #expect(rig.core.state.alerts.values.contains { $0.raised.dedupKey == "cdn/5xx" })
    }

    @Test func aStuckConsoleGetsAFreshSnapshotAndNeverSlowsTheOthers() throws {
        let rig = try HubRig(lagLimitBytes: 64 << 10, lagSeconds: 0.2)
        defer { rig.stop() }
        let (stuck, reader) = (try RawClient(rig.socket), try RawClient(rig.socket))
        for client in [stuck, reader] {
            try client.hello()
            _ = client.waitFor { if case .snapshot = $0 { true } else { nil } }
        }
        let count = 20_000
        for index in 0..<count {
            rig.core.ingest(.viewers(ViewerSample(eventId: "e\(index % 50)", concurrent: index)), source: "test")
        }
        rig.core.ingest(HubRig.raise("marker/end"), source: "test")
        // The reader sees every envelope up to the marker while the stuck console takes nothing. On a
        // machine starved of CPU for the lag time the reader may be dropped to a snapshot too: it
        // still never waited on the stuck one, and the snapshot brings it to the marker.
        var received = 0, caughtUpBySnapshot = false
        let reached = reader.waitFor(timeout: 30) { message -> Bool? in
            switch message {
            case .envelope(let envelope):
                if case .viewers = envelope.event { received += 1 }
                if envelope.event == HubRig.raise("marker/end") { return true }
            case .snapshot(let state):
                caughtUpBySnapshot = true
                if state.alerts.values.contains(where: { $0.raised.dedupKey == "marker/end" }) { return true }
            default:
                break
            }
            return nil
        }
        #expect(reached == true, "received \(received) of \(count)")
        #expect(caughtUpBySnapshot || received == count)
        #expect(rig.log.waitFor("console fell behind"))
        let fresh = stuck.waitFor(timeout: 20) { if case .snapshot(let state) = $0 { state } else { nil } }
        #expect(fresh?.lastSeq ?? 0 > 0)
        rig.core.ingest(HubRig.raise("after/catch-up"), source: "test")
        let after = stuck.waitFor { if case .envelope(let envelope) = $0, case .alertRaised = envelope.event { envelope } else { nil } }
        #expect(after?.event == HubRig.raise("after/catch-up"))
    }

    @Test func aClientThatSaysNothingIsClosedInTime() throws {
        let rig = try HubRig(helloTimeoutSeconds: 0.3)
        defer { rig.stop() }
        let silent = try RawClient(rig.socket)
        let bye = silent.waitFor { if case .bye(let reason) = $0 { reason } else { nil } }
        #expect(bye == "no hello within 1 s")
        // Closed right after the bye; the bound is for a loaded CI machine.
        #expect(silent.isClosedByHub(timeout: 15))
        let slowloris = try RawClient(rig.webhook)
        slowloris.send("POST /alertmanager HTTP/1.1\r\nContent-Length: 100")
        #expect(slowloris.isClosedByHub(timeout: 5))
    }

    // MARK: helpers

    static func fixture(_ name: String) throws -> [UInt8] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return Array(try Data(contentsOf: folder.appendingPathComponent("TallyHubTests/Fixtures/alertmanager/\(name).json")))
    }

    static func post(_ body: [UInt8], to address: HubAddress, path: String = "/alertmanager", method: String = "POST",
                     headers: String = "") throws -> (status: Int, body: String) {
        let client = try RawClient(address)
        client.send(Array("\(method) \(path) HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n\(headers)Content-Length: \(body.count)\r\n\r\n".utf8) + body)
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let deadline = Date().addingTimeInterval(5)
        while deadline.timeIntervalSinceNow > 0 {
            var waiting = [pollfd(fd: client.descriptor, events: Int16(POLLIN), revents: 0)]
            guard poll(&waiting, 1, 5000) > 0 else { break }
            let count = recv(client.descriptor, &buffer, buffer.count, 0)
            if count < 0, errno == EAGAIN { continue }
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        let text = String(decoding: response, as: UTF8.self)
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (status, body)
    }
}
