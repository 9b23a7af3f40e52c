import CZlib
import Foundation

/// zlib could not set up a stream (out of memory).
struct ZlibCannotStart: Error {}

/// Streaming gzip decompression, so that recordings can be kept compressed (`.jsonl.gz`).
/// Concatenated gzip members, as `cat a.gz b.gz` makes, are read one after another.
final class GzipInflater {
    /// What one chunk of input gave: the bytes decompressed before any damage, and whether
    /// the input is damaged (after which nothing more can be read).
    struct Inflated {
        var bytes = Data()
        var isCorrupt = false
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    /// Whether `bytes` begin with the gzip magic number.
    static func isGzip(_ bytes: Data) -> Bool {
        bytes.count >= 2 && bytes[bytes.startIndex] == 0x1F && bytes[bytes.startIndex + 1] == 0x8B
    }

    init() throws {
        // zlib keeps a pointer back to its z_stream, so it needs an address that never moves.
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard tally_inflate_init(stream) == Z_OK else {
            stream.deallocate()
            throw ZlibCannotStart()
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Decompresses the next chunk of input.
    func inflate(_ input: Data) -> Inflated {
        var result = Inflated()
        input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.bindMemory(to: Bytef.self).baseAddress else { return }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
            stream.pointee.avail_in = uInt(raw.count)
            while true {
                let status = output.withUnsafeMutableBufferPointer { buffer in
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = uInt(buffer.count)
                    let status = CZlib.inflate(stream, Z_NO_FLUSH)
                    result.bytes.append(buffer.baseAddress!, count: buffer.count - Int(stream.pointee.avail_out))
                    return status
                }
                switch status {
                case Z_STREAM_END:
                    guard stream.pointee.avail_in > 0 else { return }
                    inflateReset(stream)
                case Z_OK:
                    if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 { return }
                case Z_BUF_ERROR:
                    return
                default:
                    result.isCorrupt = true
                    return
                }
            }
        }
        return result
    }
}
