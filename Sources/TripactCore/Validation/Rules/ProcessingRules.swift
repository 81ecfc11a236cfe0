/// Annex II states each element the first sentence of Art. 28(3) requires.
struct ProcessingDescriptionRule: ValidationRule {
    let code: String
    let article = "Art. 28(3)"
    let path: String
    let what: String
    let isMissing: @Sendable (Processing) -> Bool

    func check(_ facts: AgreementFacts) -> [Finding] {
        isMissing(facts.document.processing) ? [error(path, "Annex II does not state \(what)")] : []
    }

    static let all: [ProcessingDescriptionRule] = [
        .init(code: "annex2.subject-matter", path: "processing.subjectMatter", what: "the subject matter of the processing") { $0.subjectMatter.isBlank },
        .init(code: "annex2.duration", path: "processing.duration", what: "the duration of the processing") { $0.duration.isBlank },
        .init(code: "annex2.nature", path: "processing.nature", what: "the nature of the processing (a description or operations)") {
            $0.nature.isBlank && $0.operations.isEmpty
        },
        .init(code: "annex2.purposes", path: "processing.purposes", what: "the purposes of the processing") { $0.purposes.isEmpty },
        .init(code: "annex2.data-categories", path: "processing.dataCategories", what: "the types of personal data") {
            $0.dataCategories.isEmpty && $0.specialCategories.isEmpty
        },
        .init(code: "annex2.data-subjects", path: "processing.dataSubjects", what: "the categories of data subjects") { $0.dataSubjects.isEmpty },
    ]
}

/// Every catalogue key in Annex II and IV exists in the catalogues.
struct CatalogueKeyRule: ValidationRule {
    let code = "catalogue.unknown-key"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let library = facts.library
        let processing = facts.document.processing
        var findings: [Finding] = []
        func unknown(_ path: String, _ kind: String, _ key: String) {
            findings.append(error(path, "unknown \(kind) '\(key)'; see clauses/catalogues/ for the known keys"))
        }
        for (i, key) in processing.operations.enumerated() where !library.hasOperation(key) { unknown("processing.operations[\(i)]", "processing operation", key) }
        for (i, key) in processing.dataSubjects.enumerated() where !library.hasDataSubject(key) { unknown("processing.dataSubjects[\(i)]", "data subject category", key) }
        for (i, key) in processing.channels.enumerated() where library.channel(key) == nil { unknown("processing.channels[\(i)]", "channel", key) }
        for (i, key) in (processing.services ?? []).enumerated() where library.service(key) == nil { unknown("processing.services[\(i)]", "service", key) }
        for (i, entry) in processing.dataCategories.enumerated() where library.dataCategory(entry.category) == nil {
            unknown("processing.dataCategories[\(i)].category", "data category", entry.category)
        }
        for (i, entry) in processing.specialCategories.enumerated() where library.dataCategory(entry.category) == nil {
            unknown("processing.specialCategories[\(i)].category", "data category", entry.category)
        }
        for (i, entry) in processing.purposes.enumerated() where library.purpose(entry.purpose) == nil {
            unknown("processing.purposes[\(i)].purpose", "purpose", entry.purpose)
        }
        for (i, location) in processing.deliveryLocations.enumerated() {
            if library.country(location.country) == nil { unknown("processing.deliveryLocations[\(i)].country", "country code", location.country) }
            if let mechanism = location.transferMechanism, library.transferMechanism(mechanism) == nil {
                unknown("processing.deliveryLocations[\(i)].transferMechanism", "transfer mechanism", mechanism)
            }
        }
        for role in PartyRole.allCases where !facts.document.parties[role].country.isBlank && library.country(facts.document.parties[role].country) == nil {
            unknown("parties.\(role.rawValue).country", "country code", facts.document.parties[role].country)
        }
        for (i, sub) in facts.document.subprocessors.enumerated() {
            if library.country(sub.country) == nil { unknown("subprocessors[\(i)].country", "country code", sub.country) }
            for (j, code) in sub.locations.enumerated() where library.country(code) == nil { unknown("subprocessors[\(i)].locations[\(j)]", "country code", code) }
            if !sub.transferMechanism.isBlank, library.transferMechanism(sub.transferMechanism) == nil { unknown("subprocessors[\(i)].transferMechanism", "transfer mechanism", sub.transferMechanism) }
            for (j, key) in sub.dataCategories.enumerated() where library.dataCategory(key) == nil {
                unknown("subprocessors[\(i)].dataCategories[\(j)]", "data category", key)
            }
            for (j, onward) in (sub.onwardSubprocessors ?? []).enumerated() {
                for (k, code) in ([onward.country] + (onward.locations ?? [])).enumerated() where library.country(code) == nil {
                    unknown(k == 0 ? "subprocessors[\(i)].onwardSubprocessors[\(j)].country" : "subprocessors[\(i)].onwardSubprocessors[\(j)].locations[\(k - 1)]", "country code", code)
                }
            }
        }
        return findings
    }
}

/// Each delivery location has a unique id and a site name (Annex II).
struct DeliveryLocationRule: ValidationRule {
    let code = "annex2.delivery-location-incomplete"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        var seen: Set<String> = []
        var findings: [Finding] = []
        for (index, location) in facts.document.processing.deliveryLocations.enumerated() {
            if location.id.isBlank { findings.append(error("processing.deliveryLocations[\(index)].id", "delivery location \(index + 1) has no id")) }
            if location.site.isBlank { findings.append(error("processing.deliveryLocations[\(index)].site", "delivery location \(index + 1) has no site name")) }
            if !location.id.isBlank, !seen.insert(location.id).inserted {
                findings.append(error("processing.deliveryLocations[\(index)].id", "delivery location id '\(location.id)' is used twice"))
            }
        }
        return findings
    }
}
