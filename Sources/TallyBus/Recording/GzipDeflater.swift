import CZlib
import Foundation

/// Streaming gzip compression for recordings written as `.jsonl.gz`. Each `compress` call ends
/// on a flush point, so a recording still being written can be read up to its last flush.
final class GzipDeflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    init(level: Int32 = 9) throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard tally_gzip_deflate_init(stream, level) == Z_OK else {
            stream.deallocate()
            throw ZlibCannotStart()
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Compresses `input`; with `finish`, also writes the gzip trailer.
    func compress(_ input: Data, finish: Bool = false) -> Data {
        var produced = Data()
        var input = input
        input.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            stream.pointee.next_in = raw.bindMemory(to: Bytef.self).baseAddress
            stream.pointee.avail_in = uInt(raw.count)
            var status = Z_OK
            repeat {
                status = output.withUnsafeMutableBufferPointer { buffer in
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = uInt(buffer.count)
                    let status = deflate(stream, finish ? Z_FINISH : Z_SYNC_FLUSH)
                    produced.append(buffer.baseAddress!, count: buffer.count - Int(stream.pointee.avail_out))
                    return status
                }
            } while stream.pointee.avail_out == 0 && status == Z_OK
        }
        return produced
    }
}
