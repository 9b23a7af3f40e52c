/// The outgoing operator handed the room over: their note and the summary written for the
/// next shift, and where it was saved.
public struct HandoverWritten: Codable, Sendable, Equatable {
    public var author: String
    public var note: String
    public var path: String
    public var markdown: String

    public init(author: String, note: String, path: String, markdown: String) {
        self.author = author
        self.note = note
        self.path = path
        self.markdown = markdown
    }
}
