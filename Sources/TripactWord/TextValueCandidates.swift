import Foundation
import TripactCore

/// The new value of a text or date parameter read from an edited clause: the words that now stand where the old
/// value was printed. Only a change that lies inside the printed value is read this way; the caller then checks that
/// the clause prints exactly the edited text with it, and that it is within the parameter's bounds.
enum TextValueCandidates {
    static func values(spec: ParameterSpec, current: ParameterValue?, printed: [String], wanted: [String]) -> [ParameterValue] {
        guard let current, case .string = current else { return [] }
        let old = DocxImporter.normal(printedValue(spec, current))
        guard !old.isEmpty else { return [] }
        let before = Array(printed.joined(separator: "\n"))
        let after = Array(wanted.joined(separator: "\n"))
        // The changed stretch: what lies between the common beginning and the common end.
        var prefix = 0
        while prefix < before.count, prefix < after.count, before[prefix] == after[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < before.count - prefix, suffix < after.count - prefix, before[before.count - 1 - suffix] == after[after.count - 1 - suffix] { suffix += 1 }
        let value = Array(old)
        var result: [ParameterValue] = []
        var start = 0
        // Each place the old value prints whose span holds the whole changed stretch.
        while start + value.count <= before.count {
            defer { start += 1 }
            guard before[start] == value[0], Array(before[start..<start + value.count]) == value else { continue }
            let end = start + value.count
            guard start <= prefix, end >= before.count - suffix else { continue }
            let newEnd = end + after.count - before.count
            guard newEnd >= start else { continue }
            let text = String(after[start..<newEnd]).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.contains("\n") else { continue }
            switch spec.kind {
            case .date:
                if let date = CalendarDate(text) ?? longDate(text) { result.append(.string(date.description)) } else { result.append(.string(text)) }
            default: result.append(.string(text))
            }
        }
        return result
    }

    /// The value as the clause prints it: a date in its long form, text as written.
    static func printedValue(_ spec: ParameterSpec, _ value: ParameterValue) -> String {
        if case .date = spec.kind, case .string(let text) = value { return CalendarDate(text)?.longForm ?? text }
        return spec.rendered(value)
    }

    /// "1 March 2027" read back as a date.
    static func longDate(_ text: String) -> CalendarDate? {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        let words = text.split(separator: " ")
        guard words.count == 3, let day = Int(words[0]), let month = names.firstIndex(of: words[1].lowercased()), let year = Int(words[2]) else { return nil }
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return CalendarDate("\(pad(year, 4))-\(pad(month + 1, 2))-\(pad(day, 2))")
    }
}
