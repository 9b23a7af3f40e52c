import Foundation
import TallyCore

/// One line of `tally ingest`: a bus event as JSON, `{"type": "alert.raised", "data": {…}}`,
/// optionally with `ts`, `source` and `site` (the hub stamps the rest). A line that is too
/// long, not JSON, of an unknown type or with a malformed `data` is refused with its line
/// number and the reason.
public enum IngestLine {
    public static let byteCap = 64 << 10

    /// A refused line: its number and why.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static func decode(_ bytes: some Collection<UInt8>, line: Int, receivedAt now: Instant, source: String) throws(Refusal) -> Envelope {
        guard bytes.count <= byteCap else { throw Refusal(line: line, reason: "longer than 64 KiB") }
        guard var object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw Refusal(line: line, reason: "not a JSON object")
        }
        guard object["type"] is String else { throw Refusal(line: line, reason: "no \"type\" (such as \"alert.raised\")") }
        guard object["data"] is [String: Any] else { throw Refusal(line: line, reason: "no \"data\" object") }
        object["seq"] = object["seq"] ?? 0
        object["ts"] = object["ts"] ?? now.rfc3339
        object["source"] = object["source"] ?? source
        do {
            return try JSONDecoder().decode(Envelope.self, from: JSONSerialization.data(withJSONObject: object))
        } catch let unknown as Envelope.UnknownType {
            throw Refusal(line: line, reason: unknown.description)
        } catch let error as DecodingError {
            throw Refusal(line: line, reason: reason(error))
        } catch {
            throw Refusal(line: line, reason: "\(error)")
        }
    }

    private static func reason(_ error: DecodingError) -> String {
        let context: DecodingError.Context
        var missing: String?
        switch error {
        case .keyNotFound(let key, let found): context = found; missing = key.stringValue
        case .typeMismatch(_, let found), .valueNotFound(_, let found), .dataCorrupted(let found): context = found
        @unknown default: return "not a bus event"
        }
        let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue } + (missing.map { [$0] } ?? [])
        return path.joined(separator: ".") + (missing != nil ? ": missing" : ": " + context.debugDescription)
    }
}
