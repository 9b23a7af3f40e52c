import TallyCore

extension Recording {
    /// Everything wrong with the recording as read, by line: lines that did not parse, sequence
    /// numbers that do not increase, time that runs backwards, and a last line cut short.
    public func problems(file: String) -> [RecordingIssue] {
        var found = issues
        var previous: Envelope?
        for (index, envelope) in envelopes.enumerated() {
            let line = index < lineNumbers.count ? lineNumbers[index] : index + 2
            if let previous {
                if envelope.seq <= previous.seq {
                    found.append(RecordingIssue(file: file, line: line, reason: "seq \(envelope.seq) after \(previous.seq): not increasing"))
                }
                if envelope.timestamp < previous.timestamp {
                    found.append(RecordingIssue(file: file, line: line,
                                                reason: "time runs backwards: \(envelope.timestamp.rfc3339) after \(previous.timestamp.rfc3339)"))
                }
            } else if envelope.timestamp < start {
                found.append(RecordingIssue(file: file, line: line, reason: "before the header's start \(start.rfc3339)"))
            }
            previous = envelope
        }
        if hasTruncatedTail {
            found.append(RecordingIssue(file: file, line: (lineNumbers.last ?? 1) + 1, reason: "last line cut short (ignored on replay)"))
        }
        return found.sorted { $0.line < $1.line }
    }
}
