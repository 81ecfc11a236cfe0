/// A word-level comparison of two texts, built on the standard library's `CollectionDifference`.
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

    public static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    public static func diff(old: [String], new: [String]) -> [Token] {
        align(old: tokens(old), new: tokens(new))
    }

    /// Merges two token sequences into one: deletions before insertions at the same place, unchanged words once.
    public static func align(old: [String], new: [String]) -> [Token] {
        let difference = new.difference(from: old)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var result: [Token] = []
        result.reserveCapacity(max(old.count, new.count))
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, removed.contains(i) {
                result.append(Token(word: old[i], change: .deleted))
                i += 1
            } else if j < new.count, inserted.contains(j) {
                result.append(Token(word: new[j], change: .inserted))
                j += 1
            } else {
                result.append(Token(word: new[j], change: .same))
                i += 1
                j += 1
            }
        }
        return result
    }
}
