/// A document open in its overlay (a runbook, a handover): where it came from, its Markdown, and how far it is scrolled.
public struct DocumentView: Sendable, Equatable {
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
