/// The parties' own wording of a clause (`ClauseSelection.ownWording` and `rider`): read with the library's own text
/// parser, against the clause's parameters, so a placeholder in it is checked and filled exactly like the library's.
public enum ClauseWording {
    /// The longest own wording, in characters: about twice the longest variant of the library.
    public static let maximumOwnWordingLength = 30_000
    /// The longest rider: a few paragraphs.
    public static let maximumRiderLength = 5_000

    /// Which part of a selection's wording.
    public enum Part: String, Sendable, Hashable, CaseIterable {
        case ownWording, rider

        /// The words a reader knows it by.
        public var label: String {
            switch self {
            case .ownWording: "own wording"
            case .rider: "rider"
            }
        }

        public var maximumLength: Int { self == .ownWording ? ClauseWording.maximumOwnWordingLength : ClauseWording.maximumRiderLength }
    }

    /// A problem in a selection's wording, at its path (`clauses[4].ownWording`).
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public let selectionIndex: Int
        public let part: Part
        /// The line of the text it was found on (1 is the first), when it is one line's.
        public let line: Int?
        public let message: String

        public var path: String { "clauses[\(selectionIndex)].\(part.rawValue)" }
        public var description: String { "\(path)\(line.map { " (line \($0))" } ?? ""): \(message)" }
    }

    /// `text` read as clause text of `clause`: the paragraphs, and every problem the library's parser or the checks below
    /// find (an unknown placeholder, a condition on no parameter, a reference to a clause the library lacks, a blank or
    /// too long text).
    public static func parse(_ text: String, part: Part, selectionIndex: Int, clause: Clause, library: ClauseLibrary) -> (text: ClauseText, problems: [Problem]) {
        var problems: [Problem] = []
        func problem(_ line: Int?, _ message: String) { problems.append(Problem(selectionIndex: selectionIndex, part: part, line: line, message: message)) }
        if TextLimit.exceeds(text, part.maximumLength) {
            problem(nil, "is longer than \(part.maximumLength) characters; shorten it")
            return (ClauseText(paragraphs: []), problems)
        }
        var parser = ClauseTextParser(file: "", parameters: clause.parameters)
        var lines: [(number: Int, text: Substring)] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() { lines.append((offset + 1, line)) }
        let parsed = parser.parse(lines)
        for found in parser.problems { problem(found.line, found.message) }
        for case .clauseReference(let target) in parsed.placeholders where library.clause(target) == nil {
            problem(nil, "refers to clause '\(target)', which the library does not have; 'tripact clauses list' shows the clause ids")
        }
        if parsed.paragraphs.isEmpty, problems.isEmpty { problem(nil, "is blank; leave the \(part.label) out instead") }
        return (parsed, problems)
    }

    /// The text an agreement prints for a selection of `clause` in `variant`: the own wording or the variant's text,
    /// then the rider; and the problems found in either. Without wording of the parties' own, the variant's text itself.
    static func printed(_ selection: ClauseSelection, selectionIndex: Int, clause: Clause, variant: Variant, library: ClauseLibrary)
        -> (text: ClauseText, problems: [Problem])
    {
        guard selection.ownWording != nil || selection.rider != nil else { return (variant.text, []) }
        var paragraphs = variant.text.paragraphs
        var problems: [Problem] = []
        if let own = selection.ownWording {
            let parsed = parse(own, part: .ownWording, selectionIndex: selectionIndex, clause: clause, library: library)
            paragraphs = parsed.text.paragraphs
            problems += parsed.problems
        }
        if let rider = selection.rider {
            let parsed = parse(rider, part: .rider, selectionIndex: selectionIndex, clause: clause, library: library)
            paragraphs += parsed.text.paragraphs
            problems += parsed.problems
        }
        return (ClauseText(paragraphs: paragraphs), problems)
    }

    /// The text to propose as own wording: nil when it reads as the variant's own text (a form sent back with the
    /// library text it was prefilled with), so that only a real departure from the library becomes own wording.
    public static func departure(_ text: String, from variant: Variant, of clause: Clause) -> String? {
        let normalised = WhitespaceNormalisation.normalised(text)
        if normalised.isEmpty { return nil }
        var parser = ClauseTextParser(file: "", parameters: clause.parameters)
        let lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { (number: $0.offset + 1, text: $0.element) }
        let parsed = parser.parse(lines)
        return parsed.source == variant.text.source ? nil : normalised
    }
}

extension ClauseSelection {
    /// Whether the selection carries wording of the parties' own (own text or a rider).
    public var hasCustomWording: Bool { ownWording != nil || rider != nil }

    /// The selection's wording parts that are too long to store, each with the limit it breaks.
    public func wordingLengthProblems(selectionIndex: Int) -> [ClauseWording.Problem] {
        ClauseWording.Part.allCases.compactMap { part in
            guard let text = part == .ownWording ? ownWording : rider, TextLimit.exceeds(text, part.maximumLength) else { return nil }
            return ClauseWording.Problem(selectionIndex: selectionIndex, part: part, line: nil, message: "is longer than \(part.maximumLength) characters; shorten it")
        }
    }
}
