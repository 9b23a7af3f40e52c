/// A stage of the signal's journey from the venue to the audience, in order.
public enum SignalHop: String, Codable, Sendable, CaseIterable, Comparable {
    /// The venue's contribution paths (fibre, satellite, internet, SRT) into the BOC.
    case contribution
    /// The BOC's ingest of the contribution signal.
    case ingest
    /// The packager and origin that make the HLS stream.
    case origin
    /// The CDN edges the audience plays from.
    case edge

    public static func < (lhs: SignalHop, rhs: SignalHop) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
