/// A parsed clause text written back in the syntax of the library's `text:` sections, so that a person starting their
/// own wording from a variant edits exactly what the library says, placeholders and paragraph conditions included.
extension ClauseText {
    /// Paragraphs separated by a blank line; a condition first (`[if phased]`); list items on lines starting with `- `.
    /// Reading the result back (`ClauseWording.parse`) gives the same paragraphs, a test checks it for every variant.
    public var source: String {
        paragraphs.map(\.source).joined(separator: "\n\n")
    }
}

extension Paragraph {
    var source: String {
        let condition = condition.map { $0.source + " " } ?? ""
        let texts = lines.map { line in line.map(\.source).joined() }
        if isList { return condition + texts.map { "- " + $0 }.joined(separator: "\n") }
        if isTable { return condition + rows.map { row in "| " + row.map { cell in cell.map(\.source).joined() }.joined(separator: " | ") }.joined(separator: "\n") }
        return condition + (texts.first ?? "")
    }
}

extension ParagraphCondition {
    /// `[if phased]`, `[unless transfers]`, `[if choice=return-then-delete]`.
    var source: String {
        let subject: String
        switch self.subject {
        case .parameter(let name, equals: let option?): subject = "\(name)=\(option)"
        case .parameter(let name, equals: nil): subject = name
        case .agreement(let condition): subject = condition.rawValue
        }
        return "[\(negated ? "unless" : "if") \(subject)]"
    }
}

extension Segment {
    var source: String {
        switch self {
        case .literal(let text, _): text
        case .placeholder(let placeholder): placeholder.written
        }
    }
}
