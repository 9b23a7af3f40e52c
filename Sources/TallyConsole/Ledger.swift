import Logging
import TallyBus
import TallyCore
import TallyHub
import TallyStore

/// The console state and what each change to it owes, kept the same way by a console
/// (`tally run`, `tally demo`) and by a hub (`tally serve`): every applied envelope goes to the
/// recording when recording; the audit lines an envelope causes, and the keys of the
/// operator actions applied, are stored before anything shows them; the notifications go
/// out after. A console attached to a hub keeps no store: the hub's is the record.
final class Ledger {
    private(set) var state: ConsoleState
    private let store: AlertStore?
    private var recorder: Recorder?
    private let notify: (([AlertNotification]) -> Void)?
    private let logger: Logger
    /// What went wrong keeping the record (the store refused, the recording stopped), once.
    private(set) var problem: String?
    /// Every envelope applied, kept when asked (a training session, scored at its end).
    private(set) var applied: [Envelope]?

    init(state: ConsoleState, store: AlertStore?, recorder: Recorder? = nil,
         notify: (([AlertNotification]) -> Void)? = nil, keepsApplied: Bool = false, logger: Logger) {
        self.state = state
        self.applied = keepsApplied ? [] : nil
        self.store = store
        self.recorder = recorder
        self.notify = notify
        self.logger = logger
    }

    /// Applies `envelopes` in order, telling `each` what every one of them caused; then
    /// records, stores and notifies. False when the store refused the write.
    @discardableResult
    func apply(_ envelopes: [Envelope], each: (Envelope, AlertingOutcome) -> Void = { _, _ in }) -> Bool {
        guard !envelopes.isEmpty else { return true }
        var outcome = AlertingOutcome()
        var keys: [(key: String, at: Instant)] = []
        for envelope in envelopes {
            let applied = state.apply(envelope)
            outcome.append(applied)
            if let key = envelope.id, envelope.event.isOperatorAction { keys.append((key, envelope.timestamp)) }
            each(envelope, applied)
        }
        record(envelopes)
        applied? += envelopes
        return settle(outcome, actionKeys: keys)
    }

    /// Runs the alert timers due by `instant` (a quiet bus); false when the store refused.
    @discardableResult
    func advance(to instant: Instant) -> Bool {
        settle(state.advance(to: instant), actionKeys: [])
    }

    /// Starts again from a hub's snapshot (an attached console only).
    func replace(with snapshot: ConsoleState) {
        state = snapshot
    }

    /// The problem to show, once.
    func takeProblem() -> String? {
        defer { problem = nil }
        return problem
    }

    func close() {
        do { try recorder?.close() } catch { logger.error("recording not closed cleanly", metadata: ["error": "\(error)"]) }
        recorder = nil
    }

    /// Stores an outcome's audit lines (and the alerts they touch), then hands its
    /// notifications on. Notifications go out even when the store refused: a page matters
    /// more than its record.
    private func settle(_ outcome: AlertingOutcome, actionKeys: [(key: String, at: Instant)]) -> Bool {
        var stored = true
        if let store, !outcome.records.isEmpty || !actionKeys.isEmpty {
            do {
                try store.save(outcome.records, from: state.alerting, actionKeys: actionKeys)
            } catch {
                logger.error("store write failed", metadata: ["error": "\(error)", "records": "\(outcome.records.count)"])
                problem = "NOT SAVED — the store refused the write: \(error)"
                stored = false
            }
        }
        if !outcome.notifications.isEmpty { notify?(outcome.notifications) }
        return stored
    }

    /// Flushes the recording when a second has passed since the last flush (the loops call it
    /// every turn, so that a quiet second still reaches the disk).
    func flushRecordingIfDue() {
        do {
            try recorder?.flushIfDue(atWall: MonotonicClock.now())
        } catch {
            stopRecording(error)
        }
    }

    private func record(_ envelopes: [Envelope]) {
        guard let recorder else { return }
        do {
            for envelope in envelopes { try recorder.append(envelope) }
            try recorder.flushIfDue(atWall: MonotonicClock.now())
        } catch {
            stopRecording(error)
        }
    }

    private func stopRecording(_ error: any Error) {
        logger.error("recording stopped", metadata: ["error": "\(error)"])
        problem = "recording stopped: \(error)"
        try? recorder?.close()
        recorder = nil
    }
}
