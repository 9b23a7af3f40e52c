import Foundation

extension Envelope: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case seq, id, ts, type, source, site, console, v, data
    }

    /// The largest sequence number an envelope may carry (2^53): far past any bus's life, and
    /// room to count on from it without overflow.
    public static let largestSeq: UInt64 = 1 << 53

    /// Thrown for an envelope whose `type` this version of Tally does not know.
    public struct UnknownType: Error, CustomStringConvertible {
        public var type: String
        public var description: String { "unknown event type \"\(type)\"" }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seq = try container.decode(UInt64.self, forKey: .seq)
        guard seq <= Envelope.largestSeq else {
            throw DecodingError.dataCorruptedError(forKey: .seq, in: container, debugDescription: "\(seq) is outside 0…\(Envelope.largestSeq)")
        }
        id = try container.decodeIfPresent(String.self, forKey: .id)
        timestamp = try container.decode(Instant.self, forKey: .ts)
        source = try container.decode(String.self, forKey: .source)
        site = try container.decodeIfPresent(String.self, forKey: .site)
        console = try container.decodeIfPresent(String.self, forKey: .console)
        version = try container.decodeIfPresent(Int.self, forKey: .v) ?? 1
        let type = try container.decode(String.self, forKey: .type)
        func data<T: InboundPayload>(_: T.Type) throws -> T {
            let payload = try container.decode(T.self, forKey: .data)
            do {
                try payload.check()
            } catch {
                throw DecodingError.dataCorruptedError(forKey: .data, in: container, debugDescription: error.description)
            }
            return payload
        }
        switch type {
        case "schedule.event": event = .eventScheduled(try data(LiveEventScheduled.self))
        case "schedule.phase": event = .phaseChanged(try data(PhaseChanged.self))
        case "feed.sample": event = .feedSample(try data(FeedSample.self))
        case "feed.health": event = .feedHealth(try data(FeedHealthChanged.self))
        case "feed.content": event = .feedContent(try data(ContentChecked.self))
        case "viewers.sample": event = .viewers(try data(ViewerSample.self))
        case "alert.raised": event = .alertRaised(try data(AlertRaised.self))
        case "alert.cleared": event = .alertCleared(try data(AlertCleared.self))
        case "alert.action": event = .operatorAction(try data(OperatorAction.self))
        case "silence.create": event = .silenceCreated(try data(SilenceRequest.self))
        case "silence.expire": event = .silenceExpired(try data(SilenceExpiry.self))
        case "alert.notified": event = .notified(try data(NotificationOutcome.self))
        case "checklist.tick": event = .checklistTicked(try data(ChecklistTick.self))
        case "schedule.reminder": event = .reminder(try data(Reminder.self))
        case "shift.handover": event = .handoverWritten(try data(HandoverWritten.self))
        case "schedule.cancel": event = .eventCancelled(try data(EventCancelled.self))
        case "alert.timers": event = .timersDue(try data(TimersDue.self))
        default: throw UnknownType(type: type)
        }
    }
}

/// The JSON conventions of the wire and recording format.
public enum WireFormat {
    /// An encoder for envelope payloads: sorted keys, so that a recording is byte-for-byte deterministic.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A decoder for envelopes.
    public static func makeDecoder() -> JSONDecoder { JSONDecoder() }
}

extension Envelope {
    /// Only an envelope's time: for finding a moment in a recording without decoding whole envelopes.
    public struct Moment: Decodable, Sendable {
        public let timestamp: Instant

        enum CodingKeys: String, CodingKey, CaseIterable { case timestamp = "ts" }
    }
}
