import Foundation
import TallyBus
import TallyConfig
import TallyCore
import NIOCore
import NIOEmbedded
import TallyHub
import TallyScreen
import TallySources

/// Every reader of outside input, each as a function of arbitrary bytes: what `tally-fuzz`
/// runs under libFuzzer, and over the seed corpora in `swift test`. A target must never trap,
/// whatever the bytes; refusals are the expected outcome for most of them.
public enum FuzzTargets {
    /// The targets by name (`Fuzz/corpus/NAME/` holds each one's seeds).
    public static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "recording": recording,
        "recording-stream": recordingStream,
        "envelope-reduce": envelopeReduce,
        "envelope-codec": envelopeCodec,
        "playlist": playlist,
        "prometheus": prometheus,
        "json-pointer": jsonPointer,
        "yaml-run": { bytes in _ = try? RunConfig.parse(text(bytes), file: "tally.yaml") },
        "yaml-alerting": { bytes in _ = try? AlertingConfig.parse(text(bytes), file: "alerting.yaml") },
        "yaml-roster": { bytes in _ = try? RosterParser.parse(text(bytes), file: "roster.yaml") },
        "yaml-theme": { bytes in _ = try? ThemeParser.parse(text(bytes), file: "theme.yaml") },
        "yaml-keys": { bytes in _ = try? KeyBindingsParser.parse(text(bytes), file: "keys.yaml") },
        "yaml-tokens": { bytes in _ = try? TokensParser.parse(text(bytes), file: "tokens.yaml") },
        "command-line": commandLine,
        "hub-client": hubClient,
        "http-request": httpRequest,
        "alertmanager": { bytes in _ = try? AlertmanagerWebhook.items(from: Data(bytes)) },
        "ingest-line": { bytes in _ = try? IngestLine.decode(bytes, line: 1, receivedAt: origin, source: "fuzz") },
        "runbook-markdown": { bytes in _ = MarkdownText.lines(text(bytes), width: 1 + Int(bytes.first ?? 0) % 200) },
        "time-values": timeValues,
        "room-url": roomURL,
        "pgpass": passwordFile,
        "ffmpeg-report": ffmpegReport,
    ]

    static let origin = Instant(rfc3339: "2026-03-14T19:00:00Z")!

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// What a content check reads of ffmpeg: its output as a picture (the first bytes, when there
    /// are enough), compared with itself shifted and made a preview, and the rest as its log;
    /// and the whole input as a preview's base64, as a check's envelope carries it.
    static func ffmpegReport(_ bytes: [UInt8]) {
        if bytes.count >= Thumbnail.byteCount, let picture = Thumbnail(rgb: Array(bytes.prefix(Thumbnail.byteCount))) {
            _ = picture.picture(comparedWith: Thumbnail(rgb: Array(bytes.suffix(Thumbnail.byteCount))))
            _ = PicturePreview(picture).pixels(width: Int(bytes[0] % 64) + 1, height: Int(bytes[1] % 32) + 1)
        }
        _ = PicturePreview(base64: text(bytes))?.pixels(width: 24, height: 14)
        let report = FFmpegReport.parse(Substring(text(bytes)))
        if let audio = report.audio { _ = ContentRules.standard.conditions(of: ContentChecked(feedId: "f", variant: "v", audio: audio)) }
    }

    /// The room's PostgreSQL URL, each line as `--shared` would take it.
    static func roomURL(_ bytes: [UInt8]) {
        for line in text(bytes).split(separator: "\n") {
            guard let address = try? RoomAddress(url: String(line)) else { continue }
            _ = address.description
        }
    }

    /// A password file, and a lookup in it for the address on its first line.
    static func passwordFile(_ bytes: [UInt8]) {
        guard let file = try? PasswordFile.parse(text(bytes), file: "pgpass"),
              let address = try? RoomAddress(url: "postgresql://tally@db.boc.example:5432/room") else { return }
        _ = file.password(for: address)
    }

    /// A line typed after `:`: parsed, completed, and run through the keymap on an empty console.
    static func commandLine(_ bytes: [UInt8]) {
        let line = text(bytes)
        _ = CommandLineParser.parse(line)
        _ = CommandLineParser.complete(line, themes: ["default", "mono"])
        var view = ViewState()
        view.commandDraft = String(line.prefix(Prompt.longestText))
        let context = ScreenContext(mode: .demo(speed: 1, isPaused: true, isFinished: false), now: origin, operatorName: "fuzz", glyphs: .ascii)
        _ = Keymap(operatorName: "fuzz").handle(.enter, view: &view, state: ConsoleState(), context: context, size: Size(width: 80, height: 24))
    }

    /// A recording file: its header and lines, every envelope applied to a console state.
    static func recording(_ bytes: [UInt8]) {
        guard let recording = try? RecordingReader().read(data: Data(bytes), name: "fuzz.jsonl") else { return }
        var state = recording.header.state ?? ConsoleState()
        for envelope in recording.envelopes { state.apply(envelope) }
    }

    /// A recording file played as it is read, 1 to 256 bytes at a time (the first byte says how
    /// many): it is refused exactly when a whole read refuses it, hands out in order exactly the
    /// envelopes a whole read gives, and stands after a seek to its middle where a whole read's
    /// envelopes up to there leave a console.
    static func recordingStream(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let file = Data(bytes.dropFirst())
        let path = NSTemporaryDirectory() + "tally-fuzz-stream-\(UUID().uuidString).jsonl"
        guard FileManager.default.createFile(atPath: path, contents: file) else { return }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try? RecordingReader().read(data: file, name: path)
        guard var source = try? StreamingSource(path: path, chunkSize: 1 + Int(first)) else {
            precondition(whole == nil, "a recording read whole was refused as a stream")
            return
        }
        defer { source.finishReading() }
        guard let whole else { preconditionFailure("a stream played what a whole read refuses") }
        guard let latest = whole.envelopes.map(\.timestamp).max() else { return precondition(source.nextTimestamp == nil) }
        precondition(source.take(through: latest, limit: .max) == whole.envelopes, "a stream handed out other envelopes than a whole read")
        let middle = whole.envelopes[whole.envelopes.count / 2].timestamp
        var expected = whole.header.state ?? ConsoleState()
        for envelope in whole.envelopes.prefix(while: { $0.timestamp <= middle }) { expected.apply(envelope) }
        precondition((try? source.seek(to: middle)) == expected, "a seek in a stream stood elsewhere than a whole read")
    }

    /// Lines decoded as envelopes, then whatever decodes applied in order with time moving on,
    /// so that no decoded event can make `reduce` or the alert engine trap.
    static func envelopeReduce(_ bytes: [UInt8]) {
        let decoder = EnvelopeDecoder()
        var state = ConsoleState()
        var now = origin
        for line in bytes.split(separator: 10) {
            guard let envelope = try? decoder.decode(Data(line)) else { continue }
            state.apply(envelope)
            now = max(now, envelope.timestamp).adding(seconds: 61)
            state.apply(Envelope(seq: state.lastSeq + 1, timestamp: now, source: "fuzz", event: .reminder(Reminder(eventId: "fuzz", step: "tick", at: now, text: "tick"))))
        }
    }

    /// Lines read by the envelope byte reader: whatever it reads, `JSONDecoder` must read the
    /// same (the reader gives up on anything it would not read exactly as `JSONDecoder` does).
    static func envelopeCodec(_ bytes: [UInt8]) {
        let decoder = WireFormat.makeDecoder()
        for line in bytes.split(separator: 10, omittingEmptySubsequences: true) {
            guard let direct = line.withUnsafeBytes(EnvelopeDecoder.readDirectly) else { continue }
            guard let decoded = try? decoder.decode(Envelope.self, from: Data(line)), decoded == direct else {
                fatalError("the byte reader read \(text(Array(line)).prefix(200)) as JSONDecoder does not")
            }
        }
    }

    /// A playlist parsed, then judged by a feed's watch as the monitor would, twice.
    static func playlist(_ bytes: [UInt8]) {
        guard let parsed = try? PlaylistParser.parse(text(bytes)) else { return }
        var watch = FeedWatch(feedId: "fuzz")
        switch parsed {
        case .multivariant(let multivariant):
            watch.record(multivariant, at: origin)
        case .media(let media):
            watch.watchSingle(uri: "index.m3u8")
            for (step, seconds) in [(0, 0.0), (1, 7.5)] {
                watch.record(.playlist(media), variant: "index.m3u8", at: origin.adding(seconds: seconds))
                if let newest = media.segments.last {
                    watch.record(VariantWatch.SegmentProbe(sequence: media.lastSequence, bytes: bytes.count * (step + 1), seconds: 0.25,
                                                           mediaSeconds: newest.duration), variant: "index.m3u8")
                }
            }
        }
        _ = watch.problems(at: origin.adding(seconds: 30))
        _ = watch.status(at: origin.adding(seconds: 30))
    }

    static func prometheus(_ bytes: [UInt8]) {
        let text = text(bytes)
        _ = PrometheusText.parse(text)
        _ = PrometheusText.sum(text, metric: "concurrent_viewers", matchers: [])
    }

    static func jsonPointer(_ bytes: [UInt8]) {
        let split = bytes.firstIndex(of: 10) ?? bytes.startIndex
        let pointer = "/" + text(Array(bytes[..<split]))
        _ = JSONPointer.number(in: Array(bytes[split...]), at: pointer)
    }

    /// A hub client's lines: the hello, then actions and ingest lines as the server reads them.
    static func hubClient(_ bytes: [UInt8]) {
        var framer = LineFramer(cap: 64 << 10)
        let items = bytes.withUnsafeBytes { framer.feed($0) } + [framer.finish()].compactMap { $0 }
        for item in items {
            guard case .line(let line, _) = item else { continue }
            _ = try? JSONDecoder().decode(ClientMessage.Hello.self, from: Data(line))
            _ = try? HubMessage(line: line)
            if let envelope = try? IngestLine.decode(line, line: 1, receivedAt: origin, source: "console") {
                _ = envelope.event.attributed(to: "fuzz", channel: "fuzz")
            }
        }
    }

    /// An HTTP request fed in two pieces, as a socket would.
    static func httpRequest(_ bytes: [UInt8]) {
        let channel = EmbeddedChannel()
        defer { _ = try? channel.finish() }
        guard (try? HTTPRequestHandler.install(on: channel, bodyCap: 1 << 20, timeoutSeconds: 5, answer: { _ in HTTPAnswer(status: 200, body: "") },
                                                 refused: { _ in })) != nil else { return }
        let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
        for piece in [bytes[..<cut], bytes[cut...]] where !piece.isEmpty {
            guard (try? channel.writeInbound(ByteBuffer(bytes: piece))) != nil else { return }
        }
        while (try? channel.readOutbound(as: ByteBuffer.self)) ?? nil != nil {}
    }

    /// Times, durations, sizes and rotations as the command line and files give them.
    static func timeValues(_ bytes: [UInt8]) {
        let text = text(bytes)
        if let instant = Instant(rfc3339: text) { _ = instant.adding(seconds: 1e300).rfc3339 }
        _ = try? DurationText.seconds(text)
        _ = Recording.moment(text, start: origin)
        _ = Size(parsing: text)
        _ = try? Recorder.Rotation(parsing: text)
        _ = try? LabelMatcher.parse(text)
    }
}
