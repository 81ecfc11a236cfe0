// Rules for purposes that the parties decide together (Art. 26) or that one of them receives for itself: a controller
// needs its own lawful basis, special-category data its Art. 9(2) condition, and each such purpose terms that this
// agreement does not yet carry. A purpose labelled "on behalf" whose nature or description is the Processor's own is
// flagged (Art. 28(10)).

/// A joint or independent purpose names the lawful basis of Art. 6(1) the controllers rely on.
struct PurposeLawfulBasisRule: ValidationRule {
    let code = "purpose.lawful-basis-missing"
    let article = "Art. 6(1)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.processing.purposes.enumerated().compactMap { index, purpose in
            guard purpose.effectiveRole != .onBehalf, purpose.lawfulBasis == nil else { return nil }
            return error(
                "processing.purposes[\(index)].lawfulBasis",
                "'\(facts.library.purposeLabel(purpose.purpose))' is decided by \(purpose.effectiveRole == .joint ? "both parties" : "its recipient") as a controller; name the lawful basis of Art. 6(1) \(purpose.effectiveRole == .joint ? "it rests on" : "the recipient relies on for its own purpose")"
            )
        }
    }
}

/// A joint or independent purpose that uses special-category data names the condition of Art. 9(2) it relies on.
struct PurposeSpecialConditionRule: ValidationRule {
    let code = "purpose.special-condition-missing"
    let article = "Art. 9(2), Art. 10"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.processing.purposes.enumerated().compactMap { index, purpose in
            guard purpose.effectiveRole != .onBehalf, purpose.specialCondition == nil else { return nil }
            let special = facts.library.specialCategories(purpose.dataCategories)
            guard let first = special.first else { return nil }
            return error(
                "processing.purposes[\(index)].specialCondition",
                "'\(facts.library.purposeLabel(purpose.purpose))' shares \(first.label) between controllers; name the condition of Art. 9(2) it relies on"
            )
        }
    }
}

/// An independent purpose names the party that receives the data; a joint or on-behalf one names none.
struct PurposeRecipientRule: ValidationRule {
    let code = "purpose.recipient"
    let article = "Art. 4(7), Art. 14"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.processing.purposes.enumerated().compactMap { index, purpose in
            let label = facts.library.purposeLabel(purpose.purpose)
            switch (purpose.effectiveRole, purpose.recipient) {
            case (.independent, nil):
                return error("processing.purposes[\(index)].recipient", "'\(label)' is shared with an independent controller; say which party receives the data")
            case (.onBehalf, .some), (.joint, .some):
                return error("processing.purposes[\(index)].recipient", "'\(label)' is not shared with an independent controller, so it has no recipient; remove it")
            default:
                return nil
            }
        }
    }
}

/// A purpose listed as processing on the Controller's behalf that is in fact the Processor's own, or a joint one: if the
/// Processor decides it, it is a controller for it (Art. 28(10)). Two signs are read: the catalogue's hint that such a
/// purpose is usually not on behalf, and words in the purpose's own description that say the Processor uses the data
/// for its own ends (`OwnInterestPhrases`, which says what it cannot see). One finding per purpose, the hint's first.
struct PurposeOwnInterestRule: ValidationRule {
    let code = "purpose.processor-own-interest"
    let article = "Art. 28(10)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let phrases = OwnInterestPhrases(controllerName: facts.document.parties.controller.name, processorName: facts.document.parties.processor.name)
        return facts.document.processing.purposes.enumerated().compactMap { index, purpose in
            guard purpose.effectiveRole == .onBehalf else { return nil }
            let entry = facts.library.purpose(purpose.purpose)
            if let entry, let typical = entry.typicalRole, typical != .onBehalf {
                return warning(
                    "processing.purposes[\(index)].role",
                    "'\(entry.label)' is usually \(typical == .joint ? "decided by both parties together" : "the recipient's own purpose"), yet it is listed as processing on the Controller's behalf; "
                        + "if the Processor decides it, the Processor is a controller for it (Art. 28(10)): set its role"
                )
            }
            guard let description = purpose.description, let words = phrases.firstMatch(in: description) else { return nil }
            return warning(
                "processing.purposes[\(index)].description",
                "'\(entry?.label ?? purpose.purpose)' is listed as processing on the Controller's behalf, yet its description says \"\(words)\": "
                    + "a Processor that uses the data for its own ends decides that purpose and is a controller for it (Art. 28(10)); set its role, or say in the description what the Controller instructs"
            )
        }
    }
}

/// This agreement carries the terms of processing on behalf (Art. 28) only. A joint purpose needs the arrangement of
/// Art. 26 and an independent one a data-sharing agreement: until the parties have them, the purpose cannot be signed
/// as compliant.
struct PurposeTermsRule: ValidationRule {
    let code = "purpose.controller-terms-missing"
    let article = "Art. 26(1), Art. 5(2)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        // Terms exist once the agreement includes a clause that applies to such purposes; clauses the library marks
        // mandatory for them are then required by `clause.mandatory-missing`.
        func hasTerms(_ condition: Condition) -> Bool { facts.included.contains { $0.clause.applies.contains(condition) } }
        return facts.document.processing.purposes.enumerated().compactMap { index, purpose in
            let label = facts.library.purposeLabel(purpose.purpose)
            switch purpose.effectiveRole {
            case .onBehalf:
                return nil
            case .joint where hasTerms(.jointPurposes), .independent where hasTerms(.independentPurposes):
                return nil
            case .joint:
                return error(
                    "processing.purposes[\(index)].role",
                    "'\(label)' is decided jointly, which needs an arrangement under Art. 26 allocating the controllers' responsibilities, with its essence made available to data subjects; "
                        + "this agreement does not contain one yet"
                )
            case .independent:
                return error(
                    "processing.purposes[\(index)].role",
                    "'\(label)' is shared with an independent controller, which needs data-sharing terms (use, onward sharing, retention, cooperation on rights and breaches); "
                        + "this agreement does not contain them yet"
                )
            }
        }
    }
}
