/// A `key: value` line of a library file.
struct KeyValueLine {
    let key: String
    let value: String
    let line: Int
}

/// The lines of a text file, numbered from 1, without line terminators or trailing white space.
///
/// Works on UTF-8 bytes: splitting by `Character` costs grapheme breaking on every byte of a 250 KB library.
func numberedLines(_ contents: String) -> [(number: Int, text: Substring)] {
    var result: [(Int, Substring)] = []
    let bytes = contents.utf8
    var lineStart = bytes.startIndex
    var number = 0
    var index = bytes.startIndex
    func finish(_ end: String.UTF8View.Index) {
        number += 1
        var last = end
        while last > lineStart {
            let before = bytes.index(before: last)
            let byte = bytes[before]
            guard byte == 0x0D || byte == 0x20 || byte == 0x09 else { break }
            last = before
        }
        result.append((number, Substring(bytes[lineStart..<last])))
    }
    while index < bytes.endIndex {
        if bytes[index] == 0x0A {
            finish(index)
            lineStart = bytes.index(after: index)
        }
        index = bytes.index(after: index)
    }
    finish(bytes.endIndex)
    return result
}

/// Splits `key: value`; nil when the line has no colon or an empty key.
func splitKeyValue(_ text: Substring, line: Int) -> KeyValueLine? {
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let key = text[..<colon].trimmingWhitespace()
    guard !key.isEmpty, !key.contains(" ") else { return nil }
    return KeyValueLine(key: String(key), value: String(text[text.index(after: colon)...].trimmingWhitespace()), line: line)
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> Substring {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while end > start, bytes[bytes.index(before: end)] == 0x20 || bytes[bytes.index(before: end)] == 0x09 { end = bytes.index(before: end) }
        return Substring(bytes[start..<end])
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> Substring { self[...].trimmingWhitespace() }
}

/// Splits `a; b; c` into trimmed, non-empty parts.
func semicolonList(_ value: String) -> [String] {
    value.split(separator: ";").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
}
