/// What a transfer to `country` with `mechanism` lacks, or nil when it is lawful on its face (Chapter V).
func transferProblem(country code: String, mechanism: String?, confirmed: Bool = false, facts: AgreementFacts) -> String? {
    guard let country = facts.library.country(code) else { return nil }
    let key = mechanism ?? ""
    switch country.status {
    case .eea, .adequate:
        return nil
    case .partial:
        if key == "adequacy-dpf" || key == "adequacy" {
            guard country.coveredBy == key else {
                return key == "adequacy-dpf"
                    ? "the EU-US Data Privacy Framework covers only certified organisations in the United States, not \(country.name); name another mechanism"
                    : "\(country.name)'s adequacy decision does not cover this kind of recipient; name another mechanism"
            }
            guard key == "adequacy-dpf" || confirmed else {
                return "\(country.name) is covered by an adequacy decision only in part (\(country.note.isEmpty ? "for some recipients" : country.note)); "
                    + "confirm that this recipient falls within it (adequacyConfirmed: true) or name another mechanism"
            }
            return nil
        }
        if key.isEmpty || key == "eea" {
            return "\(country.name) is covered by an adequacy decision only in part (\(country.note.isEmpty ? "for some recipients" : country.note)); name the mechanism that covers this recipient"
        }
        return nil
    case .third:
        if key.isEmpty || key == "eea" || key == "adequacy" || key == "adequacy-dpf" {
            return "\(country.name) is outside the EEA without an adequacy decision; a transfer there needs appropriate safeguards (Art. 46) such as standard contractual clauses or binding corporate rules"
        }
        return nil
    }
}

/// A subprocessor outside the EEA without adequacy has a transfer mechanism.
struct SubprocessorTransferRule: ValidationRule {
    let code = "transfer.mechanism-missing"
    let article = "Art. 44–46"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.subprocessors.enumerated().flatMap { index, sub -> [Finding] in
            if sub.transferMechanism.isBlank {
                return [
                    error(
                        "subprocessors[\(index)].transferMechanism",
                        "subprocessor '\(sub.name)' names no transfer mechanism; give 'eea' when it processes only inside the EEA, else the mechanism the Parties agreed"
                    )
                ]
            }
            return sub.allCountries.compactMap { country in
                transferProblem(country: country, mechanism: sub.transferMechanism, confirmed: sub.adequacyConfirmed == true, facts: facts).map {
                    error("subprocessors[\(index)].transferMechanism", "subprocessor '\(sub.name)': \($0)")
                }
            }
        }
    }
}

/// A delivery location outside the EEA without adequacy has a transfer mechanism.
struct DeliveryLocationTransferRule: ValidationRule {
    let code = "transfer.location-mechanism-missing"
    let article = "Art. 44–46"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.processing.deliveryLocations.enumerated().compactMap { index, location in
            transferProblem(country: location.country, mechanism: location.transferMechanism, confirmed: location.adequacyConfirmed == true, facts: facts).map {
                error("processing.deliveryLocations[\(index)].transferMechanism", "delivery location '\(location.site)': \($0)")
            }
        }
    }
}

/// A Processor established outside the EEA, in a country no adequacy decision fully covers, receives the Controller's data
/// there: that Transfer needs a mechanism like any other. The model records it as a Delivery Location of the Processor's
/// own in that country (no `entity`), whose `transferMechanism` the location rule then checks.
struct ProcessorEstablishmentTransferRule: ValidationRule {
    let code = "transfer.processor-establishment-missing"
    let article = "Art. 44–46"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let processor = facts.document.parties.processor
        guard let country = facts.library.country(processor.country), facts.needsSafeguards(country.code) else { return [] }
        let listed = facts.document.processing.deliveryLocations.contains { location in
            location.country == country.code && (location.entity.isBlank || location.entity == processor.name)
        }
        guard !listed else { return [] }
        return [
            error(
                "parties.processor.country",
                "the Processor is established in \(country.name), outside the EEA, where no adequacy decision covers it as a recipient; "
                    + "list its own establishment in Annex II as a Delivery Location in \(country.code) (without an entity) with the Transfer Mechanism "
                    + "the Parties rely on, normally module two of the standard contractual clauses (scc-module-2)"
            )
        ]
    }
}

/// A mechanism that needs a transfer impact assessment names one.
struct TransferImpactAssessmentRule: ValidationRule {
    let code = "transfer.tia-missing"
    let article = "Art. 46"

    func check(_ facts: AgreementFacts) -> [Finding] {
        var findings: [Finding] = []
        for (index, sub) in facts.document.subprocessors.enumerated() {
            guard facts.library.transferMechanism(sub.transferMechanism)?.needsTIA == true, sub.tiaReference.isBlank else { continue }
            findings.append(warning("subprocessors[\(index)].tiaReference", "subprocessor '\(sub.name)' relies on \(sub.transferMechanism); reference its transfer impact assessment"))
        }
        for (index, location) in facts.document.processing.deliveryLocations.enumerated() {
            guard let key = location.transferMechanism, facts.library.transferMechanism(key)?.needsTIA == true, location.tiaReference.isBlank else { continue }
            findings.append(
                warning("processing.deliveryLocations[\(index)].tiaReference", "delivery location '\(location.site)' relies on \(key); reference its transfer impact assessment")
            )
        }
        return findings
    }
}

/// Some mechanisms cannot carry a Transfer to the Processor's own sites or to a Subprocessor; the catalogue marks them
/// `processor-use: no`. An Art. 49 derogation covers occasional transfers, not a delivery centre or a Subprocessor that
/// receives data every day (Art. 49(1)); controller BCRs bind only the Controller's group, to which neither belongs (Art. 47).
struct ProcessorMechanismRule: ValidationRule {
    let code = "transfer.mechanism-not-for-processors"
    let article = "Art. 46; Art. 47; Art. 49(1)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        func problem(_ key: String?) -> String? {
            guard let key, let mechanism = facts.library.transferMechanism(key), !mechanism.processorUse else { return nil }
            return "relies on '\(key)' (\(mechanism.label), \(mechanism.articles)), which cannot carry the regular Transfers to the Processor's sites "
                + "and Subprocessors; rely on an adequacy decision, standard contractual clauses or processor binding corporate rules"
        }
        return facts.document.subprocessors.enumerated().compactMap { index, sub in
            problem(sub.transferMechanism).map { error("subprocessors[\(index)].transferMechanism", "subprocessor '\(sub.name)' \($0)") }
        } + facts.document.processing.deliveryLocations.enumerated().compactMap { index, location in
            problem(location.transferMechanism).map { error("processing.deliveryLocations[\(index)].transferMechanism", "delivery location '\(location.site)' \($0)") }
        }
    }
}
