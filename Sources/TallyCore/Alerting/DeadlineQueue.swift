/// The next deadline of each alert, earliest first: a binary heap with lazy removal, so that
/// rescheduling one alert among ten thousand costs O(log n), not a scan.
struct DeadlineQueue: Sendable, Equatable, Codable {
    private struct Entry: Sendable, Equatable, Codable {
        var deadline: Instant
        var id: AlertID

        func precedes(_ other: Entry) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : id < other.id
        }
    }

    private var heap: [Entry] = []
    private var current: [AlertID: Instant] = [:]

    /// Sets (or with nil, removes) the deadline of `id`.
    mutating func schedule(_ id: AlertID, at deadline: Instant?) {
        guard current[id] != deadline else { return }
        current[id] = deadline
        if let deadline { push(Entry(deadline: deadline, id: id)) }
    }

    /// The earliest live deadline.
    mutating func peek() -> (deadline: Instant, id: AlertID)? {
        while let top = heap.first {
            if current[top.id] == top.deadline { return (top.deadline, top.id) }
            popTop()
        }
        return nil
    }

    /// Removes and returns the earliest deadline if it is no later than `limit`.
    mutating func popDue(by limit: Instant) -> (deadline: Instant, id: AlertID)? {
        guard let top = peek(), top.deadline <= limit else { return nil }
        popTop()
        current[top.id] = nil
        return top
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
        if heap.count > 64 && heap.count > current.count * 4 { compact() }
    }

    private mutating func popTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < heap.count && heap[left].precedes(heap[first]) { first = left }
            if right < heap.count && heap[right].precedes(heap[first]) { first = right }
            guard first != parent else { return }
            heap.swapAt(parent, first)
            parent = first
        }
    }

    /// Drops stale entries when they outnumber live ones, keeping memory bounded (a sorted
    /// array is a valid heap).
    private mutating func compact() {
        let live = current.map { Entry(deadline: $0.value, id: $0.key) }
        heap = live.sorted { $0.precedes($1) }
    }
}
