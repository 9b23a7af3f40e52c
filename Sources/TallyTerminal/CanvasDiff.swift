import TallyScreen

/// Which part of a row must be repainted: the span from the first to the last changed cell,
/// widened so that it never starts or ends inside a wide character.
enum CanvasDiff {
    static func changedSpan(row y: Int, old: Canvas?, new: Canvas) -> Range<Int>? {
        let width = new.size.width
        guard let old else { return 0..<width }
        var first = -1, last = -1
        for x in 0..<width where old[x, y] != new[x, y] {
            if first < 0 { first = x }
            last = x
        }
        guard first >= 0 else { return nil }
        while first > 0, new[first, y].width == 0 || old[first, y].width == 0 { first -= 1 }
        var end = last + 1
        while end < width, new[end, y].width == 0 || old[end, y].width == 0 { end += 1 }
        return first..<end
    }
}
