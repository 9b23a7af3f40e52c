import Foundation
import Testing
import TallyBus
import TallyCore
import TallyScenarios
@testable import TallyHub

/// The protocol's pieces without sockets: a snapshot that brings back the very state, lines
/// cut from any chunking, a backlog dropped without cutting a line, HTTP read in pieces.
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

    @Test func linesAreCutWhateverTheChunksAndAnOversizedOneIsSkippedWhole() {
        var framer = LineFramer(cap: 8)
        var items: [LineFramer.Item] = []
        for chunk in ["ab", "c\nde", "f\n0123456789", "abc\nok", "\n"] {
            items += chunk.utf8.withContiguousStorageIfAvailable { framer.feed(UnsafeRawBufferPointer($0)) } ?? []
        }
        #expect(items == [.line(Array("abc".utf8)), .line(Array("def".utf8)), .oversized, .line(Array("ok".utf8))])
    }

    @Test func droppingABacklogKeepsTheLineBeingWritten() {
        var queue = OutputQueue()
        queue.append(Array(repeating: 1, count: 10))
        queue.append(Array(repeating: 2, count: 10))
        #expect(queue.dropUnsent() == 20)
        #expect(queue.isEmpty)
    }

    @Test func anHTTPRequestIsReadInPieces() {
        var reader = HTTPRequestReader(bodyCap: 100)
        let text = "POST /alertmanager HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
        var outcome = HTTPRequestReader.Outcome.incomplete
        for piece in [text.prefix(10), text.dropFirst(10).prefix(40), text.dropFirst(50)] {
            outcome = Array(piece.utf8).withUnsafeBytes { reader.feed($0) }
        }
        #expect(outcome == .request(.init(method: "POST", path: "/alertmanager", headers: ["host": "x", "content-length": "5"], body: Array("hello".utf8))))
        var chunked = HTTPRequestReader(bodyCap: 100)
        let refused = Array("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n".utf8).withUnsafeBytes { chunked.feed($0) }
        #expect(refused == .invalid(status: 411, reason: "chunked bodies are not accepted; send Content-Length"))
    }
}
