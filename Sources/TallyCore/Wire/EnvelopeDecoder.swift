import Foundation

/// Decodes envelopes from their JSON lines: the kinds that fill recordings and the wire (feed
/// and viewer samples, feed health) are read straight from the bytes by `EnvelopeReader`; any
/// line it does not take, whatever the reason, goes through `JSONDecoder`, which reads it or
/// throws the error it always threw. Either way the result is the same envelope: the reader
/// gives up rather than guess (see `JSONCursor`), and a test holds the two equal over every
/// fixture, recording and fuzz corpus.
///
/// Not to be shared between threads (its fallback decoder is not); cheap to make.
public struct EnvelopeDecoder {
    /// The decoder for what the byte reader does not take, and for the other types of the format.
    public let json = WireFormat.makeDecoder()

    public init() {}

    /// The envelope on `line` (its bytes, without the newline).
    public func decode(_ line: UnsafeRawBufferPointer) throws -> Envelope {
        if let envelope = EnvelopeReader.envelope(line) { return envelope }
        return try json.decode(Envelope.self, from: Data(line))
    }

    /// The envelope as the byte reader reads `line`, or nil where it leaves the line to
    /// `JSONDecoder`: for the tests and the fuzz target that hold the two paths equal.
    public static func readDirectly(_ line: UnsafeRawBufferPointer) -> Envelope? {
        EnvelopeReader.envelope(line)
    }

    public func decode(_ line: ArraySlice<UInt8>) throws -> Envelope {
        try line.withUnsafeBytes { try decode($0) }
    }

    public func decode(_ line: Data) throws -> Envelope {
        try line.withUnsafeBytes { try decode($0) }
    }

    public func decode(_ line: String) throws -> Envelope {
        var line = line
        return try line.withUTF8 { try decode(UnsafeRawBufferPointer($0)) }
    }
}
