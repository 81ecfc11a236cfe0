/// A `key: value` line of a library file.
struct KeyValueLine {
    let key: String
    let value: String
    let line: Int
}

/// The lines of a text file, numbered from 1, without line terminators or trailing white space.
func numberedLines(_ contents: String) -> [(number: Int, text: Substring)] {
    var result: [(Int, Substring)] = []
    var number = 0
    for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
        number += 1
        var end = line.endIndex
        while end > line.startIndex, let last = line[..<end].last, last == "\r" || last == " " || last == "\t" {
            end = line.index(before: end)
        }
        result.append((number, line[line.startIndex..<end]))
    }
    return result
}

/// Splits `key: value`; nil when the line has no colon or an empty key.
func splitKeyValue(_ text: Substring, line: Int) -> KeyValueLine? {
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let key = text[..<colon].trimmingWhitespace()
    guard !key.isEmpty, !key.contains(" ") else { return nil }
    return KeyValueLine(key: String(key), value: String(text[text.index(after: colon)...].trimmingWhitespace()), line: line)
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[start..<end]
    }
}

/// Splits `a; b; c` into trimmed, non-empty parts.
func semicolonList(_ value: String) -> [String] {
    value.split(separator: ";").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
}
