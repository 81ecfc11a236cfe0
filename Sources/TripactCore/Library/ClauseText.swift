/// The text of a clause variant, parsed once at library load: paragraphs of literal text and placeholders.
public struct ClauseText: Sendable, Hashable {
    public let paragraphs: [Paragraph]

    /// Every placeholder in the text, in order.
    public var placeholders: [Placeholder] {
        paragraphs.flatMap { paragraph in paragraph.lines.flatMap { $0.compactMap { if case .placeholder(let p) = $0 { p } else { nil } } } }
    }
}

/// A paragraph of clause text, a bulleted list when `isList`, or a table when `columns` is above zero.
public struct Paragraph: Sendable, Hashable {
    public let condition: ParagraphCondition?
    /// One entry for prose; one entry per item for a list; for a table, one entry per cell, row by row, the header
    /// row first, so that every reader of placeholders and words still sees every cell.
    public let lines: [[Segment]]
    public let isList: Bool
    /// The line of the clause file it starts on.
    public let line: Int
    /// The number of columns of a table paragraph; 0 for prose and lists.
    public let columns: Int

    public init(condition: ParagraphCondition?, lines: [[Segment]], isList: Bool, line: Int, columns: Int = 0) {
        self.condition = condition
        self.lines = lines
        self.isList = isList
        self.line = line
        self.columns = columns
    }

    public var isTable: Bool { columns > 0 }

    /// A table's rows (the header row first); one row of one line each for prose and lists.
    public var rows: [[[Segment]]] { isTable ? stride(from: 0, to: lines.count, by: columns).map { Array(lines[$0..<min($0 + columns, lines.count)]) } : lines.map { [$0] } }
}

/// A piece of clause text.
public enum Segment: Sendable, Hashable {
    /// Library text, kept both as written and already HTML-escaped so rendering only copies it.
    case literal(text: String, html: String)
    case placeholder(Placeholder)
}

/// A `{{…}}` in clause text.
public enum Placeholder: Sendable, Hashable {
    case parameter(String)
    case field(AgreementField)
    case clauseReference(ClauseID)
    /// Anything else; the lint reports it and the renderer leaves it visible.
    case unknown(String)

    var isUnknown: Bool { if case .unknown = self { true } else { false } }

    /// The placeholder as written, for messages: `{{hours}}`.
    public var written: String {
        switch self {
        case .parameter(let name): "{{\(name)}}"
        case .field(let field): "{{\(field.rawValue)}}"
        case .clauseReference(let id): "{{clause:\(id)}}"
        case .unknown(let raw): "{{\(raw)}}"
        }
    }
}

/// Agreement fields a clause text may name.
public enum AgreementField: String, Sendable, Hashable, CaseIterable {
    case controllerName = "controller.name"
    case processorName = "processor.name"
    case title = "agreement.title"
    case mainAgreement = "agreement.main-agreement"
    case effectiveDate = "agreement.effective-date"
}

/// `[if …]` / `[unless …]` at the start of a paragraph.
public struct ParagraphCondition: Sendable, Hashable {
    public enum Subject: Sendable, Hashable {
        /// A boolean parameter, or an enum parameter compared with an option key.
        case parameter(String, equals: String?)
        case agreement(Condition)
    }
    public let negated: Bool
    public let subject: Subject
}
