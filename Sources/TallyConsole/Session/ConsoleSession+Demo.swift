import TallyLive
import Foundation
import TallyBus
import TallyConfig
import TallyCore
import TallyHub
import TallyScenarios

extension ConsoleSession {
    /// `tally demo`: starts logging, opens the recording (the built-in night when `file` is
    /// nil) and replays it onto this process's terminal with the operator, themes and
    /// configuration the environment names. A plain recording over 32 MB (any plain one when
    /// `indexed`) is read from disk as it plays, through its index; a shorter one is read whole.
    /// A demo never calls notifiers.
    public static func demo(file: String?, speed: Double = 1, paused: Bool = false, indexed: Bool = false,
                            configure: (inout ConsoleOptions) -> Void = { _ in }) throws -> Ending {
        let material: ReplayMaterial
        if let file, try RecordingSource.playsIndexed(file, always: indexed) {
            // A first open builds the index while the recording already plays.
            let indexing = try RecordingIndex.existing(for: file).map(IndexBuilder.init(ready:)) ?? IndexBuilder(building: file)
            material = try ReplayMaterial(playing: file, indexing: indexing)
        } else if file == nil {
            // The built-in night is played as it is read: its first screen comes at once, and it is never held whole.
            material = ReplayMaterial(streaming: try StreamingSource(path: BuiltInDemo.path()))
        } else {
            material = ReplayMaterial(recording: try RecordingSource.load(file))
        }
        return try Replay(material: material, speed: speed, paused: paused, isTraining: false, configure: configure).session.run()
    }

    /// What a training session left: its report, and where it was saved (or why it was not).
    public struct TrainingOutcome: Sendable {
        public var report: String
        /// Where the report was saved, or why it was not.
        public var saved: String
    }

    /// `tally demo --train`: the recording with its operators' answers taken out, for the
    /// operator to acknowledge, escalate and silence as in live use, in a sandbox (an
    /// in-memory store, no notifiers, seeking off). At the end the operator's answers are set
    /// beside the recorded ones (`TrainingReport`), saved under `$XDG_STATE_HOME/tally/training/`.
    public static func train(file: String?, speed: Double = 1, paused: Bool = false,
                             configure: (inout ConsoleOptions) -> Void = { _ in }) throws -> (Ending, TrainingOutcome) {
        // Training sets the trainee's answers beside the recorded ones: it holds the recording whole.
        let recording = try RecordingSource.load(file)
        let replay = try Replay(material: ReplayMaterial(recording: recording.withoutOperatorAnswers, issues: recording.issues),
                                speed: speed, paused: paused, isTraining: true) { options in
            configure(&options)
            options.storePath = nil
        }
        let session = replay.session
        let ending = try session.run()
        let end = session.timeline.now(atWall: MonotonicClock.now())
        let report = TrainingReport(
            trainee: AlertResponse.of(session.keeper.applied ?? [], from: replay.initialState, until: end),
            recorded: AlertResponse.of(recording.envelopes, from: replay.initialState, until: end),
            traineeName: session.options.operatorName, recording: file ?? "the built-in night",
            from: recording.start, to: end).markdown
        let folder = MarkdownFolder(directory: StateDirectory.path(environment: ProcessInfo.processInfo.environment) + "/training")
        let saved: String
        do {
            saved = "saved to " + (try folder.save(report, author: session.options.operatorName, at: WallClock.now()))
        } catch {
            saved = "NOT saved: \(error)"
        }
        return (ending, TrainingOutcome(report: report, saved: saved))
    }

    /// What a replay plays: where its envelopes come from, the state before the first of them
    /// (a cut recording's), and the lines that did not parse.
    struct ReplayMaterial {
        var source: any ReplaySource
        var initialState: ConsoleState?
        var issues: [RecordingIssue]
        /// How many envelopes it holds, when known before it plays.
        var envelopes: Int?

        /// A recording held in memory.
        init(recording: Recording, issues: [RecordingIssue]? = nil) {
            source = MemorySource(recording: recording)
            initialState = recording.header.state
            self.issues = issues ?? recording.issues
            envelopes = recording.envelopes.count
        }

        /// A recording played as it is read.
        init(streaming source: StreamingSource) {
            self.source = source
            initialState = source.initialState
            issues = []
        }

        /// A long recording read from disk through its index, ready or on its way.
        init(playing path: String, indexing: IndexBuilder) throws {
            let source = try IndexedSource(path: path, indexing: indexing)
            self.source = source
            initialState = source.initialState
            issues = indexing.index?.issues ?? []
            envelopes = indexing.index?.envelopeCount
        }
    }

    /// A console replaying a recording, ready to run.
    private struct Replay {
        let session: ConsoleSession
        /// The state the session starts from.
        let initialState: ConsoleState

        init(material: ReplayMaterial, speed: Double, paused: Bool, isTraining: Bool, configure: (inout ConsoleOptions) -> Void) throws {
            let environment = ProcessInfo.processInfo.environment
            let logger = try ConsoleLogging.start(environment: environment)
            for issue in material.issues { logger.warning("recording: \(issue)") }
            var options = ConsoleOptions.from(environment: environment)
            configure(&options)
            options.config = ConsoleConfig.load(directory: options.configDirectory ?? ConsoleConfig.directory(environment: environment))
            let timeline = ReplayTimeline(source: material.source, speed: speed, paused: paused, allowsSeeking: !isTraining, atWall: MonotonicClock.now())
            logger.info("demo", metadata: ["envelopes": "\(material.envelopes.map(String.init) ?? "counted as the index is built")", "training": "\(isTraining)",
                                           "indexed": "\(material.source is IndexedSource)"])
            session = try ConsoleSession(timeline: timeline, bus: Bus(), options: options, notice: RecordingSource.notice(skipped: material.issues.count),
                                         outlets: Outlets(keepsApplied: isTraining), logger: logger)
            // A recording cut from another starts from the state saved at its start.
            if let state = material.initialState { session.send(.restart(state, .cutStart)) }
            initialState = session.state
        }
    }
}
