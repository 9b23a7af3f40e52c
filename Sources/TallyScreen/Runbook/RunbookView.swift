/// A runbook open in its overlay: where it came from, its Markdown, and how far it is scrolled.
public struct RunbookView: Sendable, Equatable {
    public var title: String
    public var source: String
    public var markdown: String
    public var scroll = 0

    public init(title: String, source: String, markdown: String) {
        self.title = title
        self.source = source
        self.markdown = markdown
    }
}
