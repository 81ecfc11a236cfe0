import Foundation

/// Starting documents for a new agreement.
public enum DraftFactory {
    /// Conditions that hold in nearly every contact-centre agreement: a draft includes the clauses that need only these,
    /// so that listing the first site or channel does not leave a mandatory clause out.
    static let draftConditions: Set<Condition> = [.always, .deliveryLocations, .conversationChannels]

    /// A balanced first draft: every clause that always applies (or applies once Annex II lists a site or a conversation
    /// channel) in its balanced variant with every parameter at its default,
    /// one catalogue measure under each heading, and every right answered by the controller. The drafter fills in the rest;
    /// the validator says what is still missing.
    public static func balanced(controller: String, processor: String, id: String? = nil, library: ClauseLibrary) -> AgreementDocument {
        let clauses = library.clauses.filter { Set($0.applies).isSubset(of: draftConditions) }.map(MissingClauses.selection)
        var measures: [MeasureEntry] = []
        for heading in 1...17 {
            if let first = library.measures.first(where: { $0.heading == heading }) { measures.append(MeasureEntry(id: first.key)) }
        }
        func party(_ name: String) -> Party {
            Party(name: name, address: "", country: "", contact: Contact(name: ""))
        }
        return AgreementDocument(
            id: id ?? slug(controller) + "-" + slug(processor) + "-dpa",
            title: "Data Processing Agreement between \(controller) and \(processor)",
            mainAgreement: "",
            parties: Parties(controller: party(controller), processor: party(processor)),
            processing: Processing(
                subjectMatter: "", duration: "", nature: "", operations: [], purposes: [], dataSubjects: [], dataCategories: [],
                specialCategories: [], channels: [], callRecording: false, cardPayments: false, frequency: "", retention: "", deliveryLocations: []
            ),
            clauses: clauses,
            measures: measures,
            assistanceMeasures: [],
            subprocessors: [],
            consumerObligations: ConsumerObligations(
                rights: DataSubjectRight.allCases.map { RightAssignment(right: $0, answeredBy: .controller) },
                identityVerification: "", privacyNotice: "", complaintRoute: ""
            ),
            commercial: CommercialTerms()
        )
    }

    /// Lower-case ASCII letters and digits joined by '-', for ids made from names.
    public static func slug(_ name: String) -> String {
        var out = ""
        for character in name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased() {
            if character.isLetter && character.isASCII || character.isNumber && character.isASCII {
                out.append(character)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "agreement" : out
    }
}
