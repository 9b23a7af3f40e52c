/// A fixed number of equal time buckets holding the last value seen in each: the recent history
/// behind a sparkline or a chart, independent of how often samples arrive.
public struct TimeSeries: Sendable, Equatable, Codable {
    public let bucketSeconds: Int64
    public let capacity: Int
    /// Oldest first; the last element is the current bucket.
    public private(set) var values: [Int] = []
    private var lastBucket: Int64?

    public init(bucketSeconds: Int64, capacity: Int) {
        precondition(bucketSeconds > 0 && capacity > 0)
        self.bucketSeconds = bucketSeconds
        self.capacity = capacity
    }

    enum CodingKeys: String, CodingKey {
        case bucketSeconds, capacity, values, lastBucket
    }

    /// Read back from a snapshot or a recording: buckets of a second to a day, at most ten
    /// thousand of them, and values no sum of audiences comes near, so that recording on
    /// cannot divide by zero, overflow or grow without bound.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bucketSeconds = try container.decode(Int64.self, forKey: .bucketSeconds)
        capacity = try container.decode(Int.self, forKey: .capacity)
        values = try container.decode([Int].self, forKey: .values)
        lastBucket = try container.decodeIfPresent(Int64.self, forKey: .lastBucket)
        guard (1...86_400).contains(bucketSeconds), (1...10_000).contains(capacity), values.count <= capacity,
              values.allSatisfy({ $0.magnitude <= 1 << 50 }), lastBucket.map({ $0.magnitude <= 1 << 40 }) ?? true else {
            throw DecodingError.dataCorruptedError(forKey: .capacity, in: container,
                                                   debugDescription: "a time series outside 1 s…1 day buckets, 10,000 values, or 2^50 a value")
        }
    }

    /// Records `value` as the latest of its bucket; buckets skipped since the last call repeat
    /// the previous value, so that gaps in sampling do not read as drops.
    public mutating func record(_ value: Int, at instant: Instant) {
        let bucket = instant.millisecondsSinceEpoch.floorDivided(by: bucketSeconds * 1000).quotient
        guard let last = lastBucket, let previous = values.last else {
            values = [value]
            lastBucket = bucket
            return
        }
        if bucket <= last {
            values[values.count - 1] = value
            return
        }
        let gap = Int(min(bucket - last - 1, Int64(capacity)))
        values.append(contentsOf: repeatElement(previous, count: gap))
        values.append(value)
        lastBucket = bucket
        if values.count > capacity { values.removeFirst(values.count - capacity) }
    }

    /// Where `instant` falls among the values (0 is the oldest), or nil when it is before the
    /// oldest or after the newest: for marking a moment on the chart.
    public func index(of instant: Instant) -> Int? {
        guard let last = lastBucket else { return nil }
        let bucket = instant.millisecondsSinceEpoch.floorDivided(by: bucketSeconds * 1000).quotient
        let back = last - bucket
        guard back >= 0, back < Int64(values.count) else { return nil }
        return values.count - 1 - Int(back)
    }

    /// Relative change from the value `buckets` ago to now (0.1 is +10 %); nil without enough history.
    public func change(overLast buckets: Int) -> Double? {
        guard values.count > buckets, let current = values.last else { return nil }
        let before = values[values.count - 1 - buckets]
        guard before > 0 else { return nil }
        return Double(current - before) / Double(before)
    }
}
