/// A clause in the parties' own wording (or with a rider) no longer carries the library's assurance that it provides
/// what Art. 28 asks of it: a reviewer has to check it, element by element, against what the clause is there to cover.
struct CustomWordingRule: ValidationRule {
    let code = "clause.custom-wording"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.included.compactMap { item in
            guard item.hasCustomWording else { return nil }
            let clause = item.clause
            let what = item.customParts == [.rider] ? "has a rider of the parties' own" : item.customParts.count == 2 ? "uses the parties' own wording and a rider" : "uses the parties' own wording"
            let elements = clause.covers.map { "\($0.requirement) (\($0.article))" }
            let duty = elements.isEmpty
                ? "check that it still says what \(clause.articleLine.isEmpty ? "the clause" : clause.articleLine) requires and contradicts no other clause"
                : "check that it still provides " + Self.list(elements) + (clause.articleLine.isEmpty ? "" : ", and what \(clause.articleLine) requires")
            let part = item.customParts.first ?? .ownWording
            return Finding(
                severity: .warning, code: code, article: clause.articleLine.isEmpty ? article : clause.articleLine,
                path: "clauses[\(item.selectionIndex)].\(part.rawValue)", message: "clause '\(clause.id)' \(what); \(duty)"
            )
        }
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}

/// The parties' own wording is read like the library's text: every placeholder must be a parameter of the clause, an
/// agreement field or a clause of the library, every paragraph condition must name a parameter or a condition, and the
/// text must be neither blank nor longer than its limit.
struct CustomWordingTextRule: ValidationRule {
    let code = "clause.custom-wording-invalid"
    let article = "Art. 28(9)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.wordingProblems.map { problem in
            let clause = facts.document.clauses[problem.selectionIndex].clause
            let line = problem.line.map { " (line \($0))" } ?? ""
            return error(problem.path, "the \(problem.part.label) of clause '\(clause)'\(line) \(Self.phrased(problem.message))")
        }
    }

    /// The parser's messages start with what they are about ("placeholder '{{x}}' is …"); the length and blank checks
    /// start with a verb ("is blank"). Both read after "the own wording of clause 'X'".
    static func phrased(_ message: String) -> String {
        message.hasPrefix("is ") || message.hasPrefix("refers ") ? message : "has a problem: \(message)"
    }
}
