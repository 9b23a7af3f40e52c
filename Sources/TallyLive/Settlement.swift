import TallyCore

/// What applying a batch of envelopes owes the record, worked out as the batch is applied:
/// the envelopes (for the recording), the audit lines and notifications the alert engine
/// made of them, and the idempotency keys of the operator actions among them.
public struct Settlement {
    public var envelopes: [Envelope]
    public var outcome = AlertingOutcome()
    public var actionKeys: [(key: String, at: Instant)] = []

    public init(envelopes: [Envelope]) {
        self.envelopes = envelopes
    }

    /// Adds what applying `envelope` caused.
    public mutating func note(_ envelope: Envelope, caused applied: AlertingOutcome) {
        outcome.append(applied)
        if let key = envelope.id, envelope.event.isOperatorAction { actionKeys.append((key, envelope.timestamp)) }
    }

    /// What storing the settlement writes, read from `engine` (the state after the batch).
    public func write(from engine: AlertEngine) -> StoreWrite? {
        guard !outcome.records.isEmpty || !actionKeys.isEmpty else { return nil }
        return StoreWrite(records: outcome.records, engine: engine, actionKeys: actionKeys)
    }
}

/// One write to the store: audit lines, the alerts and silences they touch (from `engine`), and
/// the keys of the operator actions applied.
public struct StoreWrite {
    public var records: [AuditRecord]
    public var engine: AlertEngine
    public var actionKeys: [(key: String, at: Instant)]
}

public extension ConsoleState {
    /// Applies `envelopes` in order, noting in `diaries` what each did to the events' days; the
    /// diaries of the days that closed come back with the settlement.
    mutating func settle(_ envelopes: [Envelope], diaries: inout EventDiaries) -> (Settlement, closed: [EventDiary]) {
        var settlement = Settlement(envelopes: envelopes)
        var closed: [EventDiary] = []
        for envelope in envelopes {
            let outcome = apply(envelope)
            settlement.note(envelope, caused: outcome)
            closed += diaries.note(outcome, of: envelope, to: self)
        }
        return (settlement, closed)
    }

    /// The envelope a deciding place publishes when alert timers have fallen due by `now`; nil
    /// when none has.
    mutating func timersDue(at now: Instant, source: String) -> Envelope? {
        guard let due = nextTimer(), due <= now else { return nil }
        return Envelope(seq: 0, timestamp: now, source: source, event: .timersDue(TimersDue(due: due)))
    }
}
