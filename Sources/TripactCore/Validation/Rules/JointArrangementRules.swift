import Foundation

// Rules on the terms of joint and shared purposes themselves: the joint arrangement allocates every responsibility
// and gives data subjects its essence, naming the contact point it allocates (Art. 26(1)–(2)); data shared with an
// independent controller is named in what consumers are told (Art. 13(1)(e), Art. 14(1)(d)).

/// Every row of the joint arrangement's allocation table names a party: an unfilled or unreadable value leaves a
/// responsibility towards data subjects with nobody.
struct JointAllocationRule: ValidationRule {
    let code = "joint.allocation-unassigned"
    let article = "Art. 26(1)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        guard facts.holds(.jointPurposes), let item = facts.included(LibraryKeys.jointControllership) else { return [] }
        var findings: [Finding] = []
        for paragraph in facts.applyingParagraphs(of: item) where paragraph.isTable {
            for row in paragraph.rows.dropFirst() where row.count > 1 {
                for case .placeholder(.parameter(let name)) in row[1] where !Self.assigned(item.parameters[name], spec: item.clause.parameter(name)) {
                    let responsibility = row[0].compactMap { if case .literal(let text, _) = $0 { text } else { nil } }.joined()
                    findings.append(
                        error(
                            "clauses[\(item.selectionIndex)].parameters.\(name)",
                            "the joint arrangement names no party for '\(responsibility)'; choose who carries this responsibility"
                        )
                    )
                }
            }
        }
        return findings
    }

    /// A value that names one of the parameter's options (any value, for a parameter that is not an enum).
    static func assigned(_ value: ParameterValue?, spec: ParameterSpec?) -> Bool {
        guard let value, let spec else { return false }
        guard case .enumeration(let options) = spec.kind else { return true }
        guard case .string(let key) = value else { return false }
        return options.contains { $0.key == key }
    }
}

/// The joint arrangement carries its essence for data subjects, and the essence names the party it allocates as the
/// single contact point, so that a consumer reading it knows where to turn.
struct JointEssenceRule: ValidationRule {
    let code = "joint.essence"
    let article = "Art. 26(1), Art. 26(2)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        guard facts.holds(.jointPurposes), let item = facts.included(LibraryKeys.jointControllership) else { return [] }
        let path = "clauses[\(item.selectionIndex)].parameters.essence"
        guard let essence = facts.jointEssence else {
            return [error(path, "the joint arrangement has no essence for data subjects; write, in plain words, what the parties decide together, who informs them and who is their contact point")]
        }
        guard let contact = facts.jointContactPoint else { return [] }
        let name = facts.document.parties[contact].name
        guard !name.isBlank, !Self.mentions(essence, name) else { return [] }
        return [
            error(
                path,
                "the essence does not name \(name), which the arrangement makes the single contact point for data subjects; say in the essence that they can turn to \(name)"
            )
        ]
    }

    /// Legal forms people leave out when they name a company in plain words ("Lumen Télécom" for "Lumen Télécom SA").
    static let legalForms: Set<String> = ["sa", "sas", "sasu", "sarl", "eurl", "se", "gmbh", "ag", "ltd", "limited", "llc", "inc", "bv", "nv", "spa", "srl", "sl", "plc", "oy", "ab", "as"]

    /// Whether `text` names `name`, case, accents, punctuation, runs of spaces and a trailing legal form aside.
    static func mentions(_ text: String, _ name: String) -> Bool {
        func words(_ value: String) -> [String] {
            value.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split { !$0.isLetter && !$0.isNumber }.map(String.init)
        }
        var wanted = words(name)
        while wanted.count > 1, let last = wanted.last, legalForms.contains(last) { wanted.removeLast() }
        guard !wanted.isEmpty else { return true }
        return " \(words(text).joined(separator: " ")) ".contains(" \(wanted.joined(separator: " ")) ")
    }
}

/// Data shared with an independent controller is named, so that the privacy-notice text (which lists each shared
/// purpose with its data) tells consumers what is disclosed.
struct SharedDataNamedRule: ValidationRule {
    let code = "purpose.shared-data-unnamed"
    let article = "Art. 13(1)(e), Art. 14(1)(d)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.processing.purposes.enumerated().compactMap { index, purpose in
            guard purpose.effectiveRole == .independent, purpose.dataCategories.isEmpty else { return nil }
            let label = facts.library.purposeLabel(purpose.purpose)
            return error(
                "processing.purposes[\(index)].dataCategories",
                "'\(label)' is shared with an independent controller but names no data; list the categories it shares, so the privacy notice can tell consumers what is disclosed"
            )
        }
    }
}

/// Annex V's privacy notice, what agents tell consumers, names each party that receives data for its own purpose.
struct SharedRecipientNoticeRule: ValidationRule {
    let code = "purpose.recipient-not-in-notice"
    let article = "Art. 13(1)(e)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let document = facts.document
        let notice = document.consumerObligations.privacyNotice
        guard !notice.isBlank else { return [] }
        var named: Set<PartyRole> = []
        return document.processing.purposes.compactMap { purpose in
            guard purpose.effectiveRole == .independent, let recipient = purpose.recipient, named.insert(recipient).inserted else { return nil }
            let name = document.parties[recipient].name
            guard !JointEssenceRule.mentions(notice, name) else { return nil }
            let label = facts.library.purposeLabel(purpose.purpose)
            return warning(
                "consumerObligations.privacyNotice",
                "Annex V's privacy notice does not name \(name), which receives data for its own purpose '\(label)'; consumers must be told of that recipient"
            )
        }
    }
}
