import Foundation
import Testing
import TallyBus
import TallyCore
import TallyScenarios
@testable import TallyHub
import NIOCore
import NIOEmbedded

/// The protocol's pieces without sockets: a snapshot that brings back the very state, lines
/// cut from any chunking, HTTP read in pieces and refused within its caps.
struct WireTests {
    @Test func aSnapshotBringsBackTheVeryStateAndTheStreamCarriesOnFromIt() throws {
        let recording = try BuiltInDemo.recording()
        let middle = recording.start.adding(seconds: recording.end.seconds(since: recording.start) / 2)
        let state = recording.state(at: middle)
        #expect(state.alerts.count > 0)
        let line = try HubMessage.snapshot(state).line()
        guard case .snapshot(var mirror) = try HubMessage(line: line.dropLast()) else {
            Issue.record("not a snapshot")
            return
        }
        #expect(mirror == state)
        var original = state
        for envelope in recording.envelopes where envelope.timestamp > middle {
            original.apply(envelope)
            guard case .envelope(let copy) = try HubMessage(line: try HubMessage.envelope(envelope).line().dropLast()) else { continue }
            mirror.apply(copy)
        }
        #expect(mirror == original)
    }

    @Test func linesAreCutWhateverTheChunksAndAnOversizedOneIsSkippedWhole() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(LineFrameDecoder(cap: 8)))
        for chunk in ["ab", "c\nde", "f\n0123456789", "abc\nok", "\n", "last"] {
            try channel.writeInbound(ByteBuffer(string: chunk))
        }
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        _ = try? channel.finish()
        var lines: [LineFramer.Line] = []
        while let line = try channel.readInbound(as: LineFramer.Line.self) { lines.append(line) }
        #expect(lines == [.line(Array("abc".utf8)[...], number: 1), .line(Array("def".utf8)[...], number: 2), .oversized(number: 3),
                          .line(Array("ok".utf8)[...], number: 4), .line(Array("last".utf8)[...], number: 5)])
    }

    @Test func anHTTPRequestIsReadInPiecesAndAnsweredOnce() throws {
        final class Seen { var requests: [HTTPRequest] = [] }
        let seen = Seen()
        let answer = { (channel: EmbeddedChannel, pieces: [String]) throws -> String in
            try HTTPRequestHandler.install(on: channel, bodyCap: 100, timeoutSeconds: 5, answer: { request in
                seen.requests.append(request)
                return HTTPAnswer(status: 200, body: "fine")
            }, refused: { _ in })
            for piece in pieces { try channel.writeInbound(ByteBuffer(string: piece)) }
            var response = ""
            while let part = try channel.readOutbound(as: ByteBuffer.self) { response += String(buffer: part) }
            return response
        }
        let text = "POST /alertmanager?x=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
        let whole = try answer(EmbeddedChannel(), [String(text.prefix(10)), String(text.dropFirst(10).prefix(40)), String(text.dropFirst(50))])
        #expect(whole.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(whole.hasSuffix("\r\n\r\nfine\n"))
        #expect(seen.requests == [HTTPRequest(method: "POST", path: "/alertmanager", headers: ["host": "x", "content-length": "5"], body: Array("hello".utf8))])
        let chunked = try answer(EmbeddedChannel(), ["POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"])
        #expect(chunked.hasPrefix("HTTP/1.1 411 "))
        #expect(chunked.hasSuffix("chunked bodies are not accepted; send Content-Length\n"))
        let headers = try answer(EmbeddedChannel(), ["GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 20 << 10) + "\r\n\r\n"])
        #expect(headers.hasPrefix("HTTP/1.1 431 "))
        #expect(try answer(EmbeddedChannel(), ["\u{1}\u{2} nonsense\r\n\r\n"]).hasPrefix("HTTP/1.1 400 "))
        #expect(seen.requests.count == 1)
    }
}
