import Foundation
import Synchronization

/// The index of a recording, ready or being built on a thread of its own, so that a long
/// recording plays from its first envelope while its index is built for seeking.
public final class IndexBuilder: Sendable {
    /// How far the index has come.
    public enum Progress: Sendable {
        /// The fraction of the recording read so far.
        case building(Double)
        case ready(RecordingIndex)
        case failed(String)
    }

    private let state: Mutex<Progress>

    /// An index already built.
    public init(ready index: RecordingIndex) {
        state = Mutex(.ready(index))
    }

    /// Starts building (or loading) the index of the recording at `path`; `whenDone` is called
    /// on the builder's thread once it is ready or has failed.
    public init(building path: String, cacheDirectory: String = RecordingIndex.defaultCacheDirectory(),
                whenDone: @escaping @Sendable () -> Void = {}) {
        state = Mutex(.building(0))
        let thread = Thread { [self] in
            let outcome: Progress
            do {
                outcome = .ready(try RecordingIndex.open(for: path, cacheDirectory: cacheDirectory) { fraction in
                    self.state.withLock { $0 = .building(fraction) }
                })
            } catch {
                outcome = .failed("\(error)")
            }
            state.withLock { $0 = outcome }
            whenDone()
        }
        thread.name = "tally index"
        thread.start()
    }

    public var progress: Progress { state.withLock { $0 } }

    /// The index, once ready.
    public var index: RecordingIndex? {
        if case .ready(let index) = progress { index } else { nil }
    }
}
