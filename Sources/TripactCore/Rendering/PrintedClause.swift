/// A clause's paragraphs as the agreement prints them, with every placeholder resolved: the one place that turns a
/// selection into its printed words, so the HTML agreement, the plain text the diff compares and the Word export say
/// the same thing.
public struct PrintedParagraph: Sendable, Hashable {
    /// The paragraph's number inside its clause (the "2" of "5.2"), counting only the paragraphs that apply.
    public let number: Int
    /// A bulleted list: one entry of `lines` per item.
    public let isList: Bool
    /// One line for prose; one line per item for a list; one line per cell for a table, row by row, header first.
    public let lines: [[PrintedSpan]]
    /// The number of columns of a table; 0 for prose and lists.
    public var columns: Int = 0

    public var isTable: Bool { columns > 0 }

    /// A table's rows, the header row first (each row `columns` cells).
    public var rows: [[[PrintedSpan]]] { isTable ? stride(from: 0, to: lines.count, by: columns).map { Array(lines[$0..<min($0 + columns, lines.count)]) } : lines.map { [$0] } }
}

/// A piece of a printed line.
public enum PrintedSpan: Sendable, Hashable {
    /// Library text, as written and pre-escaped for HTML.
    case text(String, html: String)
    /// A parameter's or a field's value.
    case value(String)
    /// A reference to another clause, in words ("Clause 7").
    case reference(ClauseID, String)
    /// A placeholder the agreement leaves unfilled, as written ("{{hours}}"); `reference` when it names a clause.
    case unfilled(String, reference: ClauseID?)

    /// The words as printed.
    public var plain: String {
        switch self {
        case .text(let text, _): text
        case .value(let value): value
        case .reference(_, let words): words
        case .unfilled(let written, _): written
        }
    }
}

extension AgreementFacts {
    /// The paragraphs of a clause that apply to this agreement (its own wording or its variant's, then any rider),
    /// numbered as printed, each placeholder resolved.
    public func printedParagraphs(of item: IncludedClause) -> [PrintedParagraph] {
        var result: [PrintedParagraph] = []
        let notes = item.clause.id == JointAllocation.clause ? document.clauses[item.selectionIndex].handoverNotes ?? [:] : [:]
        for paragraph in applyingParagraphs(of: item) {
            var lines = paragraph.lines.map { line in line.map { printedSpan($0, in: item) } }
            if !notes.isEmpty { Self.addHandoverNotes(notes, to: &lines, columns: paragraph.columns) }
            result.append(PrintedParagraph(number: result.count + 1, isList: paragraph.isList, lines: lines, columns: paragraph.columns))
        }
        return result
    }

    /// The parties' note on a row of the joint controllers' allocation table, after the hand-over the clause prints in
    /// its third cell. The table's rows follow `JointAllocation.rows`, header first (as `AllocationController` reads them).
    static func addHandoverNotes(_ notes: [String: String], to lines: inout [[PrintedSpan]], columns: Int) {
        guard columns >= 3, lines.count / columns > JointAllocation.rows.count else { return }
        for (offset, row) in JointAllocation.rows.enumerated() {
            guard let note = notes[row.parameter], !note.isEmpty else { continue }
            lines[(offset + 1) * columns + 2] += [.text(" Note: ", html: " Note: "), .value(note)]
        }
    }

    private func printedSpan(_ segment: Segment, in item: IncludedClause) -> PrintedSpan {
        switch segment {
        case .literal(let text, let html): return .text(text, html: html)
        case .placeholder(let placeholder):
            var reference: ClauseID?
            if case .clauseReference(let id) = placeholder { reference = id }
            guard let value = resolve(placeholder, in: item) else { return .unfilled(placeholder.written, reference: reference) }
            if let reference { return .reference(reference, value) }
            return .value(value)
        }
    }
}

extension AgreementFacts.IncludedClause {
    /// The number a paragraph of this clause prints with: "14.3" for its third paragraph as clause 14. The export and
    /// every view of a redline take it from here, so a reader can cite the same number from either.
    public func label(of paragraph: PrintedParagraph) -> String { "\(number).\(paragraph.number)" }
}

extension PrintedSpan {
    /// The clause a reference names, filled or not.
    public var referencedClause: ClauseID? {
        switch self {
        case .reference(let id, _): id
        case .unfilled(_, let reference): reference
        default: nil
        }
    }
}
