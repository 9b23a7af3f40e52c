import ArgumentParser

/// The `tally` command line: the console and its tools.
@main
struct Tally: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A terminal control room for live-streaming operations.",
        subcommands: [DemoCommand.self, RunCommand.self, ServeCommand.self, AttachCommand.self, IngestCommand.self, HandoverCommand.self, RecordCommand.self, SnapshotCommand.self, RecordingCommand.self, AuditCommand.self, ReportCommand.self, CheckCommand.self, NotifyCommand.self, ManualCommand.self]
    )
}
