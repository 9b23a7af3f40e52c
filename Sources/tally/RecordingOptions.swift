import ArgumentParser
import TallyBus

/// `--record FILE` and `--record-rotate SIZE|AGE`, shared by `tally run` and `tally serve`.
struct RecordingOptions: ParsableArguments {
    @Option(help: "Record every envelope to this file (JSON Lines; gzip when it ends in .gz), for tally demo to replay.", completion: .recording)
    var record: String?

    @Option(help: "With --record: start a new numbered part past a size or an age (256MB, 1GB, 30m, 1h); tally demo plays the parts as one.")
    var recordRotate: String?

    func validate() throws {
        if recordRotate != nil, record == nil { throw ValidationError("--record-rotate needs --record FILE") }
        _ = try rotation()
    }

    /// The rotation `--record-rotate` asks for, if any.
    func rotation() throws -> Recorder.Rotation? {
        guard let recordRotate else { return nil }
        do {
            return try Recorder.Rotation(parsing: recordRotate)
        } catch {
            throw ValidationError("--record-rotate: \(error.description) (give a size such as 256MB or an age such as 1h)")
        }
    }
}
