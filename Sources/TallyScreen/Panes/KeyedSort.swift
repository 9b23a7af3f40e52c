extension Sequence {
    /// The elements in the order `areInIncreasingOrder` gives their keys, each key worked out
    /// once: a pane's order reads dictionaries, histories and large values, which a comparison
    /// of the elements themselves would do again at every step of the sort.
    func sorted<Key>(byKey key: (Element) -> Key, _ areInIncreasingOrder: (Key, Key) -> Bool) -> [Element] {
        let elements = Array(self)
        let keys = elements.map(key)
        return keys.indices.sorted { areInIncreasingOrder(keys[$0], keys[$1]) }.map { elements[$0] }
    }
}
