// Rules for the other side of a purpose shared with an independent controller: handing the data over is processing
// of the discloser's own, so it needs its own lawful basis (Art. 6(1)) and, for special-category data, its own
// condition (Art. 9(2)), whatever the recipient relies on for its purpose.

/// An independent purpose names the discloser's own lawful basis of Art. 6(1) for disclosing the data.
struct PurposeDisclosureBasisRule: ValidationRule {
    let code = "purpose.disclosure-basis-missing"
    let article = "Art. 6(1)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.processing.purposes.enumerated().compactMap { index, purpose in
            guard purpose.effectiveRole == .independent, purpose.disclosureBasis == nil else { return nil }
            let label = facts.library.purposeLabel(purpose.purpose)
            return error(
                "processing.purposes[\(index)].disclosureBasis",
                "'\(label)' is shared with an independent controller; the party that discloses the data needs a lawful basis of Art. 6(1) of its own for handing it over: name it"
            )
        }
    }
}

/// An independent purpose that shares special-category data names the discloser's own condition of Art. 9(2).
struct PurposeDisclosureConditionRule: ValidationRule {
    let code = "purpose.disclosure-condition-missing"
    let article = "Art. 9(2), Art. 10"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.processing.purposes.enumerated().compactMap { index, purpose in
            guard purpose.effectiveRole == .independent, purpose.disclosureCondition == nil else { return nil }
            let special = facts.library.specialCategories(purpose.dataCategories)
            guard let first = special.first else { return nil }
            let label = facts.library.purposeLabel(purpose.purpose)
            return error(
                "processing.purposes[\(index)].disclosureCondition",
                "'\(label)' discloses \(first.label) to an independent controller; the party that discloses it needs a condition of Art. 9(2) of its own: name it"
            )
        }
    }
}
