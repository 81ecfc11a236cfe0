/// A word-level comparison of two texts: paragraphs first, then words inside the paragraphs that changed, by a Myers
/// search whose cost is bounded (`BoundedMyers`).
///
/// Words are split on any white space, non-breaking spaces included, so re-flowed text compares equal.
public enum WordDiff {
    /// One piece of a redline: a word or a paragraph break, and whether it is in both texts, only the old or only the new.
    public struct Token: Sendable, Hashable, Codable {
        public enum Change: String, Sendable, Codable { case same, deleted, inserted }
        public let word: String
        public let change: Change

        public init(word: String, change: Change) {
            self.word = word
            self.change = change
        }
        /// Paragraph breaks are tokens too, so paragraphs added or removed show as such.
        public var isBreak: Bool { word == WordDiff.paragraphBreak }
    }

    public static let paragraphBreak = "\u{2029}"

    /// The words of paragraphs, with a break token between paragraphs.
    public static func tokens(_ paragraphs: [String]) -> [String] {
        var result: [String] = []
        for (index, paragraph) in paragraphs.enumerated() {
            if index > 0 { result.append(paragraphBreak) }
            result += words(paragraph)
        }
        return result
    }

    /// The words of a text: split on ASCII white space and on the Unicode spaces (no-break, thin, ideographic, line and
    /// paragraph separators…). Scans UTF-8 bytes: asking `Character.isWhitespace` of every character was most of the
    /// diff's time.
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var start = -1
            var index = 0
            let count = bytes.count
            while index < count {
                let width = spaceWidth(bytes, at: index)
                if width > 0 {
                    if start >= 0 {
                        result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                        start = -1
                    }
                    index += width
                } else {
                    if start < 0 { start = index }
                    index += 1
                }
            }
            if start >= 0 { result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<count]), as: UTF8.self)) }
        }
        return result
    }

    /// The byte length of a white-space character starting at `index`, or 0.
    @inline(__always)
    static func spaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return 1
        case 0xC2:
            guard index + 1 < bytes.count else { return 0 }
            return bytes[index + 1] == 0xA0 || bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE1:
            guard index + 2 < bytes.count else { return 0 }
            return bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard index + 2 < bytes.count else { return 0 }
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            if second == 0x80, (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
            if second == 0x81, third == 0x9F { return 3 }
            return 0
        case 0xE3:
            guard index + 2 < bytes.count else { return 0 }
            return bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// Work allowed for one text before the comparison falls back to whole paragraphs replaced: enough for any
    /// realistic edit, and a bound on a text rewritten end to end (Myers' worst case).
    static func workBudget(forTokens count: Int) -> Int { 4_000_000 + 16 * count }

    /// The redline of two texts given as paragraphs. Paragraphs are compared first; words are compared only inside
    /// the runs of paragraphs that changed, so one edit in a long text costs little more than reading it.
    public static func diff(old: [String], new: [String]) -> [Token] {
        if old == new { return tokens(new).map { Token(word: $0, change: .same) } }
        let oldUnits = units(old)
        let newUnits = units(new)
        // A unit is a paragraph with the break before it; the first paragraph has none, so it gets its own id space.
        var ids: [String: Int] = [:]
        var firstIDs: [String: Int] = [:]
        func id(_ paragraph: String, first: Bool) -> Int {
            if first {
                if let known = firstIDs[paragraph] { return known }
                let next = -1 - firstIDs.count
                firstIDs[paragraph] = next
                return next
            }
            if let known = ids[paragraph] { return known }
            ids[paragraph] = ids.count
            return ids.count - 1
        }
        // The paragraphs both texts start and end with are kept before any paragraph is interned, as the search would
        // keep them (without spending budget); a paragraph matches at the end only where both are first or neither is,
        // as their ids would say.
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix {
            let oldIndex = old.count - 1 - suffix, newIndex = new.count - 1 - suffix
            guard (oldIndex == 0) == (newIndex == 0), old[oldIndex] == new[newIndex] else { break }
            suffix += 1
        }
        let oldIDs = (prefix..<(old.count - suffix)).map { id(old[$0], first: $0 == 0) }
        let newIDs = (prefix..<(new.count - suffix)).map { id(new[$0], first: $0 == 0) }
        let tokenCount = oldUnits.reduce(0) { $0 + $1.count } + newUnits.reduce(0) { $0 + $1.count }
        var budget = workBudget(forTokens: tokenCount)
        let paragraphs = BoundedMyers.script(old: oldIDs, new: newIDs, budget: budget)
        budget = paragraphs.budgetLeft

        var result: [Token] = []
        result.reserveCapacity(max(oldUnits.count, newUnits.count) * 8)
        var changedOld: [String] = []
        var changedNew: [String] = []
        func flushChangedRun() {
            guard !changedOld.isEmpty || !changedNew.isEmpty else { return }
            result += words(old: changedOld, new: changedNew, budget: &budget)
            changedOld.removeAll(keepingCapacity: true)
            changedNew.removeAll(keepingCapacity: true)
        }
        for index in 0..<prefix { result += newUnits[index].map { Token(word: $0, change: .same) } }
        for operation in paragraphs.operations {
            switch operation {
            case .same(_, let index):
                flushChangedRun()
                result += newUnits[prefix + index].map { Token(word: $0, change: .same) }
            case .deleted(let index): changedOld += oldUnits[prefix + index]
            case .inserted(let index): changedNew += newUnits[prefix + index]
            }
        }
        flushChangedRun()
        for index in (new.count - suffix)..<new.count { result += newUnits[index].map { Token(word: $0, change: .same) } }
        return result
    }

    /// Each paragraph's words, with a break token in front of every paragraph but the first.
    static func units(_ paragraphs: [String]) -> [[String]] {
        paragraphs.enumerated().map { index, paragraph in index == 0 ? words(paragraph) : [paragraphBreak] + words(paragraph) }
    }

    /// Word-level redline of one run of changed paragraphs; whole run deleted and inserted if the budget runs out.
    /// The words the two runs start and end with in common are kept as they are before any word is interned: the search
    /// strips them first too (without spending budget), so the script is the same, and most of a clause is such words.
    static func words(old: [String], new: [String], budget: inout Int) -> [Token] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = old[prefix..<(old.count - suffix)]
        let newMiddle = new[prefix..<(new.count - suffix)]
        var ids: [String: Int] = [:]
        ids.reserveCapacity(min(oldMiddle.count + newMiddle.count, 1 << 16))
        func id(_ word: String) -> Int {
            if let known = ids[word] { return known }
            ids[word] = ids.count
            return ids.count - 1
        }
        let oldIDs = oldMiddle.map(id)
        let newIDs = newMiddle.map(id)
        let search = BoundedMyers.script(old: oldIDs, new: newIDs, budget: budget)
        budget = search.budgetLeft
        var result: [Token] = []
        result.reserveCapacity(prefix + search.operations.count + suffix)
        for index in 0..<prefix { result.append(Token(word: new[index], change: .same)) }
        for operation in search.operations {
            switch operation {
            case .same(_, let index): result.append(Token(word: newMiddle[prefix + index], change: .same))
            case .deleted(let index): result.append(Token(word: oldMiddle[prefix + index], change: .deleted))
            case .inserted(let index): result.append(Token(word: newMiddle[prefix + index], change: .inserted))
            }
        }
        for index in (new.count - suffix)..<new.count { result.append(Token(word: new[index], change: .same)) }
        return result
    }

    /// Merges two token sequences into one: deletions before insertions at the same place, unchanged words once.
    public static func align(old: [String], new: [String]) -> [Token] {
        var budget = workBudget(forTokens: old.count + new.count)
        return words(old: old, new: new, budget: &budget)
    }
}
