import Foundation
import Synchronization
import TallyCore

/// Reads states written by `StatePieceWriter`, keeping the pieces it decodes (by their exact
/// line), so that the pieces saved states share (an event not yet on air, an idle feed) are
/// decoded once, and a seek decodes only what changed. Reading a state is two calls, so that
/// the caller can decode the unknown lines on every core alongside other work:
/// `split` says which lines are new, `assemble` puts the state together.
final class StatePieceReader: Sendable {
    private let cache: Mutex<PieceCache>

    init(capacity: Int = 16_384) { cache = Mutex(PieceCache(capacity: capacity)) }

    /// A saved state's lines: the state without its pieces (still to decode), the pieces
    /// already known, and the lines of pieces still to decode.
    struct Split: @unchecked Sendable {
        let core: ArraySlice<UInt8>
        let known: [StatePiece]
        let unknown: [ArraySlice<UInt8>]
    }

    func split(_ bytes: [UInt8]) throws -> Split {
        var lines = bytes.split(separator: StatePiece.newline, omittingEmptySubsequences: true)[...]
        guard let core = lines.popFirst() else { throw StatePiece.Malformed() }
        var known: [StatePiece] = [], unknown: [ArraySlice<UInt8>] = []
        known.reserveCapacity(lines.count)
        cache.withLock { cache in
            for line in lines {
                if let piece = cache.piece(for: line) { known.append(piece) } else { unknown.append(line) }
            }
        }
        return Split(core: core, known: known, unknown: unknown)
    }

    /// The state: `core` (decoded from `split.core`) with every piece, those decoded from
    /// `split.unknown` (in the same order) kept for next time.
    func assemble(_ split: Split, core: ConsoleState, decoded: [StatePiece]) -> ConsoleState {
        cache.withLock { cache in
            for (line, piece) in zip(split.unknown, decoded) { cache.insert(piece, for: line) }
        }
        var pieces = ConsoleState.KeyedPieces()
        for piece in split.known { piece.add(to: &pieces) }
        for piece in decoded { piece.add(to: &pieces) }
        var state = core
        state.replaceKeyedPieces(with: pieces)
        return state
    }

    /// Pieces kept, for tests and measurements.
    var cachedPieces: Int { cache.withLock { $0.count } }
}
