/// The way out for a document written before some clauses became mandatory: it names the mandatory clauses that apply
/// and are not selected (what `clause.mandatory-missing` reports) and adds them, each in the library's default variant
/// with its default parameters, as a new draft would have them. Nothing already selected is touched.
public enum MissingClauses {
    /// The mandatory clauses that apply to the document and are not selected, in library order.
    public static func missing(in document: AgreementDocument, library: ClauseLibrary) -> [Clause] {
        let facts = AgreementFacts(document: document, library: library)
        return library.clauses.filter { $0.mandatory && facts.applies($0) && facts.number(of: $0.id) == nil }
    }

    /// The document with every missing mandatory clause added after the existing selections. A clause that becomes
    /// required only once another is added is added too (the loop stops when nothing is missing, at most once per clause).
    public static func adding(to document: AgreementDocument, library: ClauseLibrary) -> (document: AgreementDocument, added: [Clause]) {
        var result = document
        var added: [Clause] = []
        for _ in 0...library.clauses.count {
            let missing = missing(in: result, library: library).filter { clause in !added.contains { $0.id == clause.id } }
            guard !missing.isEmpty else { break }
            for clause in missing {
                result.clauses.append(selection(clause))
                added.append(clause)
            }
        }
        return (result, added)
    }

    /// A clause in its default variant with every parameter that has a default, as `DraftFactory` writes it.
    static func selection(_ clause: Clause) -> ClauseSelection {
        var parameters: [String: ParameterValue] = [:]
        for spec in clause.parameters {
            if let value = spec.defaultValue { parameters[spec.name] = value }
        }
        return ClauseSelection(clause: clause.id, variant: clause.defaultVariant.key, parameters: parameters)
    }
}
