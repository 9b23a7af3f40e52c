/// What the console knows of one feed: which event it serves, its last probe and its health.
public struct FeedState: Sendable, Equatable, Codable, Identifiable {
    public var descriptor: FeedDescriptor
    public var eventId: EventID
    public var status: FeedStatus = .unknown
    public var reasons: [String] = []
    /// When the status last changed.
    public var statusSince: Instant?
    public var lastSample: FeedSample?
    public var lastSampleAt: Instant?
    /// What the content checks found; nil while none has reported.
    public var content: FeedContent?

    public init(descriptor: FeedDescriptor, eventId: EventID) {
        self.descriptor = descriptor
        self.eventId = eventId
    }

    public var id: FeedID { descriptor.feedId }
}
