import Foundation
import Testing
import TallyCore

/// State read back from a store, a hub's snapshot or a recording's header is checked as it is
/// decoded: an escalation level past its policy's chain, a policy with no level, or a time
/// series with zero-second buckets is refused, never left for a later lookup to trap on.
struct StoredStateCheckTests {
    static func encodedAlert() throws -> [String: Any] {
        var engine = AlertEngine(rules: AlertEngineTests.rules)
        _ = engine.raise(AlertEngineTests.raised("a"), at: Fixture.t0)
        let data = try JSONEncoder().encode(try #require(engine.alerts[1]))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func decodes(_ object: [String: Any]) -> String? {
        do {
            _ = try JSONDecoder().decode(Alert.self, from: JSONSerialization.data(withJSONObject: object))
            return nil
        } catch DecodingError.dataCorrupted(let context) {
            return context.debugDescription
        } catch {
            return "\(error)"
        }
    }

    @Test func anAlertAsStoredDecodes() throws {
        #expect(Self.decodes(try Self.encodedAlert()) == nil)
    }

    @Test(arguments: [("level", 0, "level 0 is outside the policy's 1…2"), ("level", 99, "level 99 is outside the policy's 1…2"),
                      ("round", -1, "round -1 is outside 0…1")])
    func anEscalationOutsideItsPolicyIsRefused(key: String, value: Int, reason: String) throws {
        var alert = try Self.encodedAlert()
        var escalation = try #require(alert["escalation"] as? [String: Any])
        escalation[key] = value
        alert["escalation"] = escalation
        #expect(Self.decodes(alert) == reason)
    }

    @Test func aPolicyWithNoLevelOrAnEndlessDelayIsRefused() throws {
        var alert = try Self.encodedAlert()
        var escalation = try #require(alert["escalation"] as? [String: Any])
        var policy = try #require(escalation["policy"] as? [String: Any])
        policy["levels"] = []
        escalation["policy"] = policy
        alert["escalation"] = escalation
        #expect(Self.decodes(alert) == "a policy has at least one level")
        policy["levels"] = [["targets": ["x"], "delaySeconds": 1e300]]
        escalation["policy"] = policy
        alert["escalation"] = escalation
        #expect(Self.decodes(alert) == "a delay or the acknowledgement timeout is outside 0…10 years")
    }

    @Test(arguments: [
        #"{"bucketSeconds":0,"capacity":40,"values":[]}"#, #"{"bucketSeconds":30,"capacity":1000000000000,"values":[]}"#,
        #"{"bucketSeconds":30,"capacity":1,"values":[1,2]}"#, #"{"bucketSeconds":9223372036854775807,"capacity":4,"values":[]}"#,
    ])
    func aTimeSeriesThatCouldTrapOrGrowIsRefused(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TimeSeries.self, from: Data(json.utf8)) }
    }
}
