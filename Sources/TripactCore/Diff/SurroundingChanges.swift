/// What changed between two versions outside the clauses' own records (`AgreementFacts.surroundingChanges(_:)`), so
/// that a diff prints again only the clauses whose words can have moved: a turned variant that flips a condition
/// re-prints the clauses with a paragraph on that condition, not all forty.
struct SurroundingChanges {
    /// Each clause is selected at most once in both versions (a clause selected twice prints its first selection, while
    /// its item is its last: such a document is compared the long way).
    let unique: Bool
    /// The conditions that hold in one version only.
    let conditions: Set<Condition>
    /// The agreement fields that print differently (the printed title also follows the purposes' roles).
    let fields: Set<AgreementField>
    /// Clauses included in the older version only: a reference to one prints as a number there and unfilled in the newer.
    let removedClauses: Set<ClauseID>
    /// Clauses whose parameter values differ, for the catalogue measures that quote them.
    let changedParameters: Set<ClauseID>

    /// Whether a clause whose record is the same in both versions prints the same words in both, read from what its text
    /// tests and quotes. The conditions of paragraphs that print in neither version are counted too: cheaper to compare
    /// one clause more than to decide.
    func printsAlike(_ text: ClauseText) -> Bool {
        guard unique else { return false }
        if conditions.isEmpty, fields.isEmpty, removedClauses.isEmpty { return true }
        for paragraph in text.paragraphs {
            if case .agreement(let condition)? = paragraph.condition?.subject, conditions.contains(condition) { return false }
            if fields.isEmpty, removedClauses.isEmpty { continue }
            for line in paragraph.lines {
                for case .placeholder(let placeholder) in line {
                    switch placeholder {
                    case .field(let field): if fields.contains(field) { return false }
                    case .clauseReference(let id): if removedClauses.contains(id) { return false }
                    case .parameter, .unknown: break
                    }
                }
            }
        }
        return true
    }
}
