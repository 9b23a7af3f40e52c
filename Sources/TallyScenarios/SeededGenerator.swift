/// SplitMix64: a small, fast, seedable generator, so that a scenario is the same on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `range` that depends only on the seed and `salt`, for per-tick noise that
    /// does not shift when other draws are added.
    public static func noise(seed: UInt64, salt: UInt64, in range: ClosedRange<Double>) -> Double {
        var generator = SeededGenerator(seed: seed ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        return Double.random(in: range, using: &generator)
    }
}
