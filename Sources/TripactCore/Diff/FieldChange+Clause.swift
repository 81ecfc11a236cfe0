extension FieldChange {
    /// A clause's change named as the library names it: the variant as "Wording" with the variants' labels (their keys
    /// kept in `oldKey`/`newKey`), a parameter by its label. Without the clause (not in this library) the names stay.
    func inWords(of clause: Clause?) -> FieldChange {
        guard let clause else { return self }
        if field == "variant" {
            return FieldChange(
                field: field, label: "Wording", old: old.map { clause.variant($0)?.label ?? $0 }, new: new.map { clause.variant($0)?.label ?? $0 },
                oldKey: old, newKey: new, assessment: assessment, words: words
            )
        }
        guard let spec = clause.parameter(field) else { return self }
        // A yes-or-no parameter reads "yes" or "no", as the forms ask it.
        func said(_ value: String?) -> String? {
            guard case .boolean = spec.kind, let value else { return value }
            return value == "true" ? "yes" : value == "false" ? "no" : value
        }
        return FieldChange(field: field, label: spec.label, old: said(old), new: said(new), oldKey: oldKey, newKey: newKey, assessment: assessment, words: words)
    }
}
