import NIOCore
import TallyCore

extension TimeAmount {
    /// A span of `seconds` (checked where the number entered), saturated rather than trapping.
    static func span(_ seconds: Double) -> TimeAmount {
        .nanoseconds(Int64(saturating: seconds * 1e9))
    }
}
