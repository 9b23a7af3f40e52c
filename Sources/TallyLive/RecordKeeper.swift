import Logging
import TallyBus
import TallyCore
import TallyStore

/// The edge that keeps the record, for a console's effects and for a hub alike: the recording
/// (every applied envelope, when recording), the store (audit lines and action keys, before
/// anything shows them), and the notifiers (after the store). A console attached to a hub
/// keeps none of these: the hub's is the record.
public final class RecordKeeper {
    private let store: AlertStore?
    private var recorder: Recorder?
    private let notifier: (([AlertNotification]) -> Void)?
    private let logger: Logger
    /// What went wrong with the recording, once.
    private var problem: String?
    /// Why the recording stopped, for as long as it is stopped (a hub's health).
    public private(set) var recordingFailure: String?
    /// Why the store refused its last write; nil once a write is taken again.
    public private(set) var storeFailure: String?
    /// How long the store's writes take.
    public private(set) var storeWrites = LatencySummary()
    /// Every envelope applied, kept when asked (a training session, scored at its end).
    public private(set) var applied: [Envelope]?

    public init(store: AlertStore?, recorder: Recorder? = nil, notify: (([AlertNotification]) -> Void)? = nil, keepsApplied: Bool = false,
         logger: Logger) {
        self.store = store
        self.recorder = recorder
        self.notifier = notify
        self.applied = keepsApplied ? [] : nil
        self.logger = logger
    }

    /// Records, stores and notifies what a batch settled, in that order; the store's problem, if any.
    public func keep(_ settlement: Settlement, engine: AlertEngine) -> String? {
        record(settlement.envelopes)
        let problem = settlement.write(from: engine).flatMap(store)
        notify(settlement.outcome.notifications)
        return problem
    }

    /// Appends envelopes to the recording (and to the kept list).
    public func record(_ envelopes: [Envelope]) {
        applied? += envelopes
        guard let recorder else { return }
        do {
            for envelope in envelopes { try recorder.append(envelope) }
            try recorder.flushIfDue(atWall: MonotonicClock.now())
        } catch {
            stopRecording(error)
        }
    }

    /// Writes to the store; nil when it took the write, else what to show (NOT SAVED …).
    public func store(_ write: StoreWrite) -> String? {
        guard let store else { return nil }
        let started = MonotonicClock.now()
        defer { storeWrites.add(MonotonicClock.now() - started) }
        do {
            try store.save(write.records, from: write.engine, actionKeys: write.actionKeys)
            storeFailure = nil
            return nil
        } catch {
            logger.error("store write failed", metadata: ["error": "\(error)", "records": "\(write.records.count)"])
            storeFailure = "\(error)"
            return "NOT SAVED — the store refused the write: \(error)"
        }
    }

    /// Hands notifications on. They go out even when the store refused: a page matters more than its record.
    public func notify(_ notifications: [AlertNotification]) {
        guard !notifications.isEmpty else { return }
        notifier?(notifications)
    }

    /// Flushes the recording when a second has passed since the last flush (the loops call it
    /// every turn, so that a quiet second still reaches the disk).
    public func flushRecordingIfDue() {
        do {
            try recorder?.flushIfDue(atWall: MonotonicClock.now())
        } catch {
            stopRecording(error)
        }
    }

    /// The recording's problem to show, once.
    public func takeProblem() -> String? {
        defer { problem = nil }
        return problem
    }

    public func close() {
        do { try recorder?.close() } catch { logger.error("recording not closed cleanly", metadata: ["error": "\(error)"]) }
        recorder = nil
    }

    private func stopRecording(_ error: any Error) {
        logger.error("recording stopped", metadata: ["error": "\(error)"])
        problem = "recording stopped: \(error)"
        recordingFailure = "\(error)"
        try? recorder?.close()
        recorder = nil
    }
}
