import Foundation
import Glibc
import GRDB
import Testing

extension EndToEnd {
    /// The crashes found by trying Tally as a hostile user and network would, as the user meets
    /// them: the hub stays up and answers, the command line refuses with a usage message.
    @Suite struct HostileInputEndToEndTests {
        static func folder() throws -> URL {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder
        }

        static func silence(seconds: String) -> String {
            #"{"kind":"action","key":"k-\#(seconds)","type":"silence.create","source":"console","v":1,"#
                + #""data":{"matchers":["event=jpn-kor"],"duration_seconds":\#(seconds),"actor":"x","channel":"y","comment":"forever"}}"#
        }

        @Test func aHostileConsoleActionIsRefusedAndTheHubStaysUpAcrossARestart() async throws {
            let folder = try Self.folder()
            let hub = try await HubProcess(folder: folder)
            let console = try #require(LineClient(socket: hub.socket))
            console.send(#"{"kind":"hello","version":1,"role":"console"}"#)
            #expect(console.line(containing: #""kind":"snapshot""#) != nil)
            for seconds in ["1e300", "1e15", "-1"] {
                console.send(Self.silence(seconds: seconds))
                let refusal = console.line(containing: #""kind":"error""#)
                #expect(refusal?.contains("duration_seconds") == true, "\(seconds): \(refusal ?? "no refusal")")
            }
            console.send(Self.silence(seconds: "3600"))
            #expect(console.line(containing: #""type":"silence.create""#) != nil, "a sane silence still goes through")
            let next = try #require(LineClient(socket: hub.socket))
            next.send(#"{"kind":"hello","version":1,"role":"console"}"#)
            #expect(next.line(containing: #""kind":"welcome""#) != nil, "the hub answers a hello after the hostile actions")
            hub.stop()
            try await hub.start()
            let after = try #require(LineClient(socket: hub.socket))
            after.send(#"{"kind":"hello","version":1,"role":"console"}"#)
            let snapshot = after.line(containing: #""kind":"snapshot""#)
            #expect(snapshot?.contains("forever") == true, "the hub starts on its store, with the sane silence kept")
        }

        @Test func aStoreWithAnUnreadableRowStillStartsTheHubAndTheAuditNamesTheRow() async throws {
            let folder = try Self.folder()
            let hub = try await HubProcess(folder: folder)
            hub.stop()
            let store = folder.appendingPathComponent("tally/tally.sqlite").path
            let database = try DatabaseQueue(path: store)
            try await database.write { db in
                // A silence ending in the year 31690765, as an older hub could store it.
                try db.execute(sql: """
                    INSERT INTO silence (id, ends_at, body) VALUES (9, '9999-12-31T00:00:00.000Z',
                      '{"id":9,"matchers":["a=b"],"startsAt":"2026-03-14T19:00:00.000Z","endsAt":"31690765-01-01T00:00:00.000Z","author":"a","channel":"c","comment":""}')
                    """)
            }
            try database.close()
            try await hub.start()
            let console = try #require(LineClient(socket: hub.socket))
            console.send(#"{"kind":"hello","version":1,"role":"console"}"#)
            #expect(console.line(containing: #""kind":"snapshot""#) != nil, "the hub starts on the store")
            let audit = ProcessRunner.run([TallyBinary.path, "audit", "--store", store], environment: HubProcess.environment(folder))
            #expect(audit.status == 0)
            let line = audit.output.split(separator: "\n").first { $0.contains("quarantined") }
            #expect(line?.contains("s9") == true && line?.contains("endsAt: not an RFC 3339 date-time") == true, "\(audit.output)")
            let log = (try? String(contentsOfFile: folder.appendingPathComponent("tally/hub.log").path, encoding: .utf8)) ?? ""
            #expect(log.contains("store row quarantined"), "the hub's log names the row")
        }

        @Test func anAbsurdAlertingFileIsRefusedByCheckAndByServeWithFileAndLine() async throws {
            let folder = try Self.folder()
            let alerting = folder.appendingPathComponent("alerting.yaml").path
            try "policies:\n  - name: a\n    levels:\n      - {targets: x, delay: 1e300h}\nhold_down: 1e300h\n"
                .write(toFile: alerting, atomically: true, encoding: .utf8)
            let config = folder.appendingPathComponent("tally.yaml").path
            try "alerting: alerting.yaml\nevents:\n  - {id: e, title: E, venue: V, tier: 1, start: 2026-03-14T19:00:00Z, end: 2026-03-14T22:00:00Z}\n"
                .write(toFile: config, atomically: true, encoding: .utf8)
            let check = ProcessRunner.run([TallyBinary.path, "check", config], environment: HubProcess.environment(folder))
            #expect(check.status == 1)
            #expect(check.output.contains("\(alerting):4: policies[0].levels[0].delay: \"1e300h\" is outside 0s…10 years"), "\(check.output)")
            let serve = ProcessRunner.run([TallyBinary.path, "serve", "--config", config, "--socket", folder.path + "/hub.sock"],
                                          environment: HubProcess.environment(folder))
            #expect(serve.status != 0 && serve.status < 128, "refused, not killed: \(serve.status)")
            #expect(serve.output.contains("\(alerting):4:"), "\(serve.output)")
        }

        @Test(arguments: [
            (["snapshot", "--at", "1e300"], "--at"),
            (["snapshot", "--at", "00:00:1e300"], "--at"),
            (["snapshot", "--at", "00:10:00", "--size", "10000x10000"], "--size"),
            (["snapshot", "--at", "00:10:00", "--size", "0x-5"], "--size"),
            (["audit", "--since", "1e300h"], "--since"),
            (["audit", "--since", "nan"], "--since"),
            (["serve", "--record", "/tmp/x.jsonl", "--record-rotate", "1e300h"], "--record-rotate"),
            (["serve", "--record", "/tmp/x.jsonl", "--record-rotate", "1e300GB"], "--record-rotate"),
            (["serve", "--ingest-rate", "nan"], "--ingest-rate"),
            (["serve", "--ingest-rate", "inf"], "--ingest-rate"),
            (["serve", "--action-rate", "0"], "--action-rate"),
            (["serve", "--notification-deadline", "nan"], "--notification-deadline"),
            (["serve", "--notification-deadline", "-1"], "--notification-deadline"),
            (["serve", "--notification-deadline", "1e300"], "--notification-deadline"),
            (["demo", "--speed", "nan"], "--speed"),
            (["record", "--scenario", "wbc-night", "--out", "/tmp/x.jsonl", "--hours", "1e300"], "--hours"),
            (["audit", "--alert", "99999999999999999999999"], "--alert"),
            (["audit", "--shared", "http://example.com/db"], "--shared"),
            (["handover", "--shared", "postgresql://ops@[::1/room"], "--shared"),
            (["recording", "export", "--shared", "postgresql://ops@db.example/room", "--from", "1e300h", "--out", "/tmp/x.jsonl"], "--from"),
            (["recording", "export", "--shared", "postgresql://ops@db.example/room", "--from", "nan", "--out", "/tmp/x.jsonl"], "--from"),
            (["recording", "export", "--from", "2h", "--out", "/tmp/x.jsonl"], "--shared"),
        ])
        func anOutOfRangeCommandLineValueIsAUsageErrorNeverASignal(arguments: [String], option: String) throws {
            let folder = try Self.folder()
            let result = ProcessRunner.run([TallyBinary.path] + arguments, environment: HubProcess.environment(folder))
            #expect(result.status == 64, "\(arguments): exit \(result.status)\n\(result.output)")
            #expect(result.output.contains(option), "\(arguments): \(result.output)")
            #expect(result.output.contains("Usage:") || result.output.contains("Help:"), "\(arguments): \(result.output)")
        }
    }
}
