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

    public static func diff(old: [String], new: [String]) -> [Token] {
        let before = tokens(old)
        let after = tokens(new)
        if before == after { return after.map { Token(word: $0, change: .same) } }
        return align(old: before, new: after)
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
