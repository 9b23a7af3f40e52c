/// One HTTP request as the hub's endpoints see it, whole: read by `HTTPRequestHandler` within
/// its caps, answered by the engine.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The path without its query.
    public var path: String
    /// Header values by lower-cased name (the last one wins).
    public var headers: [String: String]
    public var body: [UInt8]
}

/// The answer to a request: a status and a plain-text or JSON body; the connection closes after it.
public struct HTTPAnswer: Sendable, Equatable {
    public var status: Int
    public var body: String
    public var contentType = "text/plain; charset=utf-8"

    public init(status: Int, body: String, contentType: String = "text/plain; charset=utf-8") {
        self.status = status
        self.body = body
        self.contentType = contentType
    }
}
