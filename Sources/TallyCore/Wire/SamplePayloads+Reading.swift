/// `EnvelopeReader`'s readers of the payloads that fill recordings: each takes exactly what its
/// `Decodable` conformance takes, or gives up.
extension FeedSample {
    private static let keys = CodingKeys.allCases
    private static let table = KeyTable(keys.map(\.rawValue))

    static func read(_ cursor: inout JSONCursor) -> FeedSample? {
        var feedId: String?, variant: String?, latency: Double?
        var targetDuration: Double?, playlistAge: Double?, liveWindow: Double?, segmentDownloadTime: Double?
        var mediaSequence: Int?, discontinuitySequence: Int?, measuredBitrate: Int?, declaredBitrate: Int?, errors: Int?
        let read = cursor.members(of: table) { cursor, position in
            switch keys[position] {
            case .feedId: assign(&feedId, cursor.string())
            case .variant: assign(&variant, cursor.string())
            case .targetDuration: assign(&targetDuration, cursor.double())
            case .playlistAge: assign(&playlistAge, cursor.double())
            case .mediaSequence: assign(&mediaSequence, cursor.integer())
            case .discontinuitySequence: assign(&discontinuitySequence, cursor.integer())
            case .liveWindow: assign(&liveWindow, cursor.double())
            case .segmentDownloadTime: assign(&segmentDownloadTime, cursor.double())
            case .measuredBitrate: assign(&measuredBitrate, cursor.integer())
            case .declaredBitrate: assign(&declaredBitrate, cursor.integer())
            case .errors: assign(&errors, cursor.integer())
            case .latency: cursor.optionalDouble(&latency)
            }
        }
        guard read, let feedId, let variant, let targetDuration, let playlistAge, let mediaSequence, let discontinuitySequence,
              let liveWindow, let segmentDownloadTime, let measuredBitrate, let declaredBitrate, let errors
        else { return nil }
        return FeedSample(feedId: feedId, variant: variant, targetDuration: targetDuration, playlistAge: playlistAge,
                          mediaSequence: mediaSequence, discontinuitySequence: discontinuitySequence, liveWindow: liveWindow,
                          segmentDownloadTime: segmentDownloadTime, measuredBitrate: measuredBitrate, declaredBitrate: declaredBitrate,
                          errors: errors, latency: latency)
    }
}

extension ViewerSample {
    private static let keys = CodingKeys.allCases
    private static let table = KeyTable(keys.map(\.rawValue))

    static func read(_ cursor: inout JSONCursor) -> ViewerSample? {
        var eventId: String?, concurrent: Int?, joinsPerMinute: Int?, rebufferingPercent: Double?, startFailuresPercent: Double?
        var cdn: String?, region: String?, shares: [String: [String: Int]]?
        let read = cursor.members(of: table) { cursor, position in
            switch keys[position] {
            case .eventId: assign(&eventId, cursor.string())
            case .concurrent: assign(&concurrent, cursor.integer())
            case .joinsPerMinute: cursor.optionalInteger(&joinsPerMinute)
            case .rebufferingPercent: cursor.optionalDouble(&rebufferingPercent)
            case .startFailuresPercent: cursor.optionalDouble(&startFailuresPercent)
            case .cdn: cursor.optionalString(&cdn)
            case .region: cursor.optionalString(&region)
            case .shares: cursor.takeNull() || assign(&shares, cursor.dictionary { $0.dictionary { $0.integer() } })
            }
        }
        guard read, let eventId, let concurrent else { return nil }
        return ViewerSample(eventId: eventId, concurrent: concurrent, joinsPerMinute: joinsPerMinute, rebufferingPercent: rebufferingPercent,
                            startFailuresPercent: startFailuresPercent, cdn: cdn, region: region, shares: shares)
    }
}

extension FeedHealthChanged {
    private static let keys = CodingKeys.allCases
    private static let table = KeyTable(keys.map(\.rawValue))

    static func read(_ cursor: inout JSONCursor) -> FeedHealthChanged? {
        var feedId: String?, status: FeedStatus?, reasons: [String]?
        let read = cursor.members(of: table) { cursor, position in
            switch keys[position] {
            case .feedId: assign(&feedId, cursor.string())
            case .status: assign(&status, cursor.string().flatMap(FeedStatus.init(rawValue:)))
            case .reasons: assign(&reasons, cursor.strings())
            }
        }
        guard read, let feedId, let status, let reasons else { return nil }
        return FeedHealthChanged(feedId: feedId, status: status, reasons: reasons)
    }
}

extension JSONCursor {
    /// An object read as a dictionary of `value`s, each key once.
    mutating func dictionary<Value>(_ value: (inout JSONCursor) -> Value?) -> [String: Value]? {
        var entries: [String: Value] = [:]
        let read = object { cursor, raw in
            guard let key = String(validating: raw, as: UTF8.self), entries[key] == nil, let item = value(&cursor) else { return false }
            entries[key] = item
            return true
        }
        return read ? entries : nil
    }
}
