/// The agreement's structure as printed: which parts it has and what it is called. The HTML agreement and the Word
/// export read both from here, so they print the same headings and title.
extension AgreementFacts {
    /// One part of the printed agreement: its number among the parts printed, and its clauses in print order.
    public struct PrintedPart: Sendable {
        public let number: Int
        public let part: ClausePart
        public let clauses: [IncludedClause]

        /// "Part 2 — Joint controllers (Art. 26)".
        public var heading: String { "Part \(number) — \(part.heading)" }
    }

    /// Whether the agreement prints part headings: only when some purpose is joint or shared, so that an agreement
    /// whose purposes are all on behalf reads as it always has.
    public var hasParts: Bool { holds(.jointPurposes) || holds(.independentPurposes) }

    /// The parts that have at least one included clause, in print order, numbered from 1; empty when `hasParts` is false.
    public var printedParts: [PrintedPart] {
        guard hasParts else { return [] }
        var parts: [PrintedPart] = []
        for item in included {
            if let last = parts.last, last.part == item.clause.part {
                parts[parts.count - 1] = PrintedPart(number: last.number, part: last.part, clauses: last.clauses + [item])
            } else {
                parts.append(PrintedPart(number: parts.count + 1, part: item.clause.part, clauses: [item]))
            }
        }
        return parts
    }

    /// The part heading printed just before an included clause, if it opens a part.
    public func partOpened(by item: IncludedClause) -> PrintedPart? {
        printedParts.first { $0.clauses.first?.clause.id == item.clause.id }
    }

    /// The name a draft gets before the parties choose their own title (`DraftFactory`).
    public static let genericTitle = "Data Processing Agreement"

    /// What the document is, from the roles of its purposes: "Data Processing and Joint Controller Agreement".
    public var kindName: String { Self.kindName(joint: holds(.jointPurposes), shared: holds(.independentPurposes)) }

    static func kindName(joint: Bool, shared: Bool) -> String {
        switch (joint, shared) {
        case (true, true): "Data Processing, Joint Controller and Data Sharing Agreement"
        case (true, false): "Data Processing and Joint Controller Agreement"
        case (false, true): "Data Processing and Data Sharing Agreement"
        case (false, false): Self.genericTitle
        }
    }

    /// The title as printed. A title that starts with the generic name a draft is given ("Data Processing Agreement
    /// between …") has that name replaced by what the document is; any other title is the parties' own and prints as
    /// typed. Only the print changes, never the stored title, so documents keep their hashes.
    public var printedTitle: String {
        let title = document.title
        guard hasParts, title.hasPrefix(Self.genericTitle) else { return title }
        return kindName + title.dropFirst(Self.genericTitle.count)
    }

    /// The printed title from the document alone, without building its facts: for pages that list many agreements.
    /// The parts follow from the purposes' roles only (`jointPurposes`, `independentPurposes`), as `printedTitle` reads them.
    public static func printedTitle(of document: AgreementDocument) -> String {
        let joint = document.processing.purposes.contains { $0.effectiveRole == .joint }
        let shared = document.processing.purposes.contains { $0.effectiveRole == .independent }
        guard joint || shared, document.title.hasPrefix(genericTitle) else { return document.title }
        return kindName(joint: joint, shared: shared) + document.title.dropFirst(genericTitle.count)
    }
}
