/// Myers' O((N+M)·D) difference in linear space (the "middle snake" divide and conquer), with a work budget.
///
/// When the budget runs out, the part still being compared is reported as deleted and re-inserted whole instead of
/// searched further, so a text rewritten end to end costs a bounded time (the worst case of Myers is quadratic).
/// Elements are interned integers: comparing them is one instruction, which is most of the inner loop.
struct BoundedMyers {
    enum Operation: Equatable {
        case same(old: Int, new: Int)
        case deleted(old: Int)
        case inserted(new: Int)
    }

    private let old: [Int]
    private let new: [Int]
    /// Diagonal visits and snake steps left before the search gives up and falls back to replacement.
    private(set) var budget: Int
    private(set) var gaveUp = false
    private var forward: [Int] = []
    private var backward: [Int] = []
    private var operations: [Operation] = []

    /// The edit script turning `old` into `new`: unchanged, deleted and inserted elements in reading order.
    /// `budgetLeft` is what the next comparison of the same text may still spend.
    static func script(old: [Int], new: [Int], budget: Int) -> (operations: [Operation], gaveUp: Bool, budgetLeft: Int) {
        var search = BoundedMyers(old: old, new: new, budget: budget)
        search.operations.reserveCapacity(max(old.count, new.count))
        search.compare(oldRange: 0..<old.count, newRange: 0..<new.count)
        return (search.operations, search.gaveUp, max(search.budget, 0))
    }

    private init(old: [Int], new: [Int], budget: Int) {
        self.old = old
        self.new = new
        self.budget = budget
    }

    private mutating func compare(oldRange: Range<Int>, newRange: Range<Int>) {
        var oldLow = oldRange.lowerBound, oldHigh = oldRange.upperBound
        var newLow = newRange.lowerBound, newHigh = newRange.upperBound
        // Common prefix and suffix cost nothing to find and are the usual case (one word changed in a long text).
        while oldLow < oldHigh, newLow < newHigh, old[oldLow] == new[newLow] {
            operations.append(.same(old: oldLow, new: newLow))
            oldLow += 1
            newLow += 1
        }
        var suffixLength = 0
        while oldLow < oldHigh, newLow < newHigh, old[oldHigh - 1] == new[newHigh - 1] {
            oldHigh -= 1
            newHigh -= 1
            suffixLength += 1
        }
        defer {
            for offset in 0..<suffixLength { operations.append(.same(old: oldHigh + offset, new: newHigh + offset)) }
        }
        if oldLow == oldHigh {
            for index in newLow..<newHigh { operations.append(.inserted(new: index)) }
            return
        }
        if newLow == newHigh {
            for index in oldLow..<oldHigh { operations.append(.deleted(old: index)) }
            return
        }
        guard !gaveUp, let snake = middleSnake(oldLow, oldHigh, newLow, newHigh),
            // A split that does not shrink the problem would recurse for ever; treat it as out of budget.
            (snake.oldEnd, snake.newEnd) != (oldLow, newLow), (snake.oldStart, snake.newStart) != (oldHigh, newHigh)
        else {
            gaveUp = true
            for index in oldLow..<oldHigh { operations.append(.deleted(old: index)) }
            for index in newLow..<newHigh { operations.append(.inserted(new: index)) }
            return
        }
        compare(oldRange: oldLow..<snake.oldStart, newRange: newLow..<snake.newStart)
        for offset in 0..<(snake.oldEnd - snake.oldStart) {
            operations.append(.same(old: snake.oldStart + offset, new: snake.newStart + offset))
        }
        compare(oldRange: snake.oldEnd..<oldHigh, newRange: snake.newEnd..<newHigh)
    }

    /// The snake in the middle of an optimal path through the edit graph of the two ranges, or nil when the budget
    /// ran out first. Forward and backward searches meet half-way, so only two diagonal arrays are kept.
    private mutating func middleSnake(_ oldLow: Int, _ oldHigh: Int, _ newLow: Int, _ newHigh: Int)
        -> (oldStart: Int, newStart: Int, oldEnd: Int, newEnd: Int)?
    {
        let n = oldHigh - oldLow
        let m = newHigh - newLow
        let delta = n - m
        let odd = delta & 1 != 0
        let limit = (n + m + 1) / 2
        let offset = limit + 1
        let size = 2 * limit + 3
        if forward.count < size {
            forward = Array(repeating: 0, count: size)
            backward = Array(repeating: 0, count: size)
        }
        forward[offset + 1] = 0
        backward[offset + 1] = 0
        for d in 0...limit {
            budget -= 2 * d + 1
            if budget < 0 { return nil }
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && forward[offset + k - 1] < forward[offset + k + 1]) ? forward[offset + k + 1] : forward[offset + k - 1] + 1
                var y = x - k
                let startX = x, startY = y
                while x < n, y < m, old[oldLow + x] == new[newLow + y] {
                    x += 1
                    y += 1
                }
                budget -= x - startX
                forward[offset + k] = x
                let opposite = delta - k
                if odd, opposite >= -(d - 1), opposite <= d - 1, x + backward[offset + opposite] >= n {
                    return (oldLow + startX, newLow + startY, oldLow + x, newLow + y)
                }
            }
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && backward[offset + k - 1] < backward[offset + k + 1]) ? backward[offset + k + 1] : backward[offset + k - 1] + 1
                var y = x - k
                let startX = x, startY = y
                while x < n, y < m, old[oldHigh - 1 - x] == new[newHigh - 1 - y] {
                    x += 1
                    y += 1
                }
                budget -= x - startX
                backward[offset + k] = x
                let opposite = delta - k
                if !odd, opposite >= -d, opposite <= d, x + forward[offset + opposite] >= n {
                    return (oldHigh - x, newHigh - y, oldHigh - startX, newHigh - startY)
                }
            }
        }
        return nil
    }
}
