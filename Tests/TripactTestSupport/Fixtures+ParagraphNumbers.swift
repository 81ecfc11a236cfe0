public import Foundation
public import TripactCore

/// A paragraph number as a page prints it, with the words that follow it on its line (tags taken out).
public struct PrintedNumber: Equatable, CustomStringConvertible, Sendable {
    public let label: String
    public let words: String

    public var description: String { "\(label) \(words.prefix(40))" }
}

extension Fixtures {
    /// A version of a redline with the changes a whole-document view must number: clause 'docking' inserted near the top
    /// (every clause after it renumbered), the breach notice's hours changed (a paragraph of a clause that also has a
    /// list), and card payments dropped, which takes a paragraph out of 'call-recording' and renumbers those after it.
    public static func renumberedWithChanges(_ base: AgreementDocument = example("full-scenario.json")) -> AgreementDocument {
        var new = base
        new.clauses.append(ClauseSelection(clause: "docking", variant: "standard"))
        set("breach-notification", "hours", .integer(24), in: &new)
        new.processing.cardPayments = false
        return new
    }

    /// The paragraph numbers the export prints for one clause (`AgreementRenderer`), in order.
    public static func exportedNumbers(_ clause: ClauseID, in document: AgreementDocument) -> [PrintedNumber] {
        let facts = AgreementFacts(document: document, library: library)
        guard let item = facts.included(clause) else { return [] }
        return paragraphNumbers(in: AgreementRenderer.clauseFragment(item, facts: facts))
    }

    /// Every "14.3"-style number in `<span class="number">` of an HTML text, with the words after it on its line.
    /// A clause heading's "14." is not a paragraph number and is left out.
    public static func paragraphNumbers(in html: String) -> [PrintedNumber] {
        var result: [PrintedNumber] = []
        for piece in html.components(separatedBy: "<span class=\"number\">").dropFirst() {
            guard let end = piece.range(of: "</span>") else { continue }
            let label = String(piece[..<end.lowerBound])
            let parts = label.split(separator: ".")
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { continue }
            // The words up to the end of the line's element, tags out.
            var rest = String(piece[end.upperBound...].prefix(400))
            for close in ["</li>", "</p>"] { if let stop = rest.range(of: close) { rest = String(rest[..<stop.lowerBound]) } }
            let words = rest.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            result.append(PrintedNumber(label: label, words: words))
        }
        return result
    }

    /// The part of a page from `marker` to the end of the `<section>` it is in.
    public static func section(of html: String, containing marker: String) -> String? {
        guard let found = html.range(of: marker) else { return nil }
        let start = html[..<found.lowerBound].range(of: "<section", options: .backwards)?.lowerBound ?? found.lowerBound
        let end = html[found.upperBound...].range(of: "</section>")?.upperBound ?? html.endIndex
        return String(html[start..<end])
    }
}
