/// An Article 28 agreement as negotiated: everything a version holds (format `tripact/1`, see `docs/format.md`).
public struct AgreementDocument: Codable, Sendable, Hashable {
    public static let currentFormat = "tripact/1"

    public var format: String
    public var id: String
    public var title: String
    public var effectiveDate: String?
    /// The services contract this agreement belongs to ("Main Agreement").
    public var mainAgreement: String
    public var parties: Parties
    public var processing: Processing
    public var clauses: [ClauseSelection]
    /// Annex III: technical and organisational measures.
    public var measures: [MeasureEntry]
    /// Annex III, second part: how the processor assists the controller.
    public var assistanceMeasures: [AssistanceMeasure]
    /// Annex IV.
    public var subprocessors: [Subprocessor]
    /// Annex V: what the consumer is owed and who provides it.
    public var consumerObligations: ConsumerObligations
    public var commercial: CommercialTerms

    public init(
        format: String = AgreementDocument.currentFormat, id: String, title: String, effectiveDate: String? = nil, mainAgreement: String,
        parties: Parties, processing: Processing, clauses: [ClauseSelection], measures: [MeasureEntry],
        assistanceMeasures: [AssistanceMeasure], subprocessors: [Subprocessor], consumerObligations: ConsumerObligations,
        commercial: CommercialTerms
    ) {
        self.format = format
        self.id = id
        self.title = title
        self.effectiveDate = effectiveDate
        self.mainAgreement = mainAgreement
        self.parties = parties
        self.processing = processing
        self.clauses = clauses
        self.measures = measures
        self.assistanceMeasures = assistanceMeasures
        self.subprocessors = subprocessors
        self.consumerObligations = consumerObligations
        self.commercial = commercial
    }
}

/// Annex I: the two parties.
public struct Parties: Codable, Sendable, Hashable {
    public var controller: Party
    public var processor: Party

    public init(controller: Party, processor: Party) {
        self.controller = controller
        self.processor = processor
    }

    public subscript(role: PartyRole) -> Party {
        get { role == .controller ? controller : processor }
        set { if role == .controller { controller = newValue } else { processor = newValue } }
    }
}

/// A party's identity, contacts and signatory.
public struct Party: Codable, Sendable, Hashable {
    public var name: String
    public var registration: String?
    public var address: String
    /// ISO 3166-1 alpha-2 code.
    public var country: String
    public var contact: Contact
    public var dpo: Contact?
    /// Art. 27 representative, for a party established outside the EU.
    public var euRepresentative: Contact?
    public var signatory: Signatory?
    /// The party's time zone (an IANA name such as `Europe/Paris`), in which its signature's time is printed; absent:
    /// UTC, printed as such.
    public var timeZone: String?

    public init(
        name: String, registration: String? = nil, address: String, country: String, contact: Contact, dpo: Contact? = nil,
        euRepresentative: Contact? = nil, signatory: Signatory? = nil, timeZone: String? = nil
    ) {
        self.name = name
        self.registration = registration
        self.address = address
        self.country = country
        self.contact = contact
        self.dpo = dpo
        self.euRepresentative = euRepresentative
        self.signatory = signatory
        self.timeZone = timeZone
    }
}

/// A person to contact.
public struct Contact: Codable, Sendable, Hashable {
    public var name: String
    public var position: String?
    public var email: String?
    public var phone: String?

    public init(name: String, position: String? = nil, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.position = position
        self.email = email
        self.phone = phone
    }
}

/// The person who signs for a party.
public struct Signatory: Codable, Sendable, Hashable {
    public var name: String
    public var position: String
    /// The address by which Tripact knows the signatory: only the user with this e-mail signs for the party.
    public var email: String?

    public init(name: String, position: String, email: String? = nil) {
        self.name = name
        self.position = position
        self.email = email
    }
}

/// The clause chosen from the library, its variant and the parameter values agreed, and any wording of the parties' own.
public struct ClauseSelection: Codable, Sendable, Hashable {
    public var clause: ClauseID
    /// The library variant; with `ownWording` set, the library text the parties' own wording started from.
    public var variant: String
    public var parameters: [String: ParameterValue]
    /// The parties' own text, printed instead of the variant's; written in the clause-text syntax of the library
    /// (`{{hours}}`, `[if phased]`, `- ` lists). Absent in documents without it, so their hashes do not change.
    public var ownWording: String?
    /// Paragraphs of the parties' own, printed after the clause's text (the variant's or `ownWording`), same syntax.
    public var rider: String?
    /// For the joint controllers' arrangement only: a short plain note per row of the allocation table, by the row's
    /// parameter (`right-access`), printed in the row's hand-over cell. Absent in documents without notes, so their
    /// hashes do not change.
    public var handoverNotes: [String: String]?

    public init(
        clause: ClauseID, variant: String, parameters: [String: ParameterValue] = [:], ownWording: String? = nil, rider: String? = nil,
        handoverNotes: [String: String]? = nil
    ) {
        self.clause = clause
        self.variant = variant
        self.parameters = parameters
        self.ownWording = ownWording
        self.rider = rider
        self.handoverNotes = handoverNotes
    }
}

/// A measure of Annex III: a catalogue key, or a custom measure with its heading and title.
public struct MeasureEntry: Codable, Sendable, Hashable {
    public var id: String
    /// Required for a custom measure; taken from the catalogue otherwise.
    public var heading: Int?
    public var title: String?
    /// What exactly is done; the catalogue's description when absent.
    public var description: String?

    public init(id: String, heading: Int? = nil, title: String? = nil, description: String? = nil) {
        self.id = id
        self.heading = heading
        self.title = title
        self.description = description
    }
}

/// How the processor helps the controller meet one of its duties (Art. 28(3)(e) and (f)).
public struct AssistanceMeasure: Codable, Sendable, Hashable {
    public var area: AssistanceArea
    public var description: String

    public init(area: AssistanceArea, description: String) {
        self.area = area
        self.description = description
    }
}

/// The duties the processor assists with.
public enum AssistanceArea: String, Codable, Sendable, CaseIterable, Hashable {
    case rightsRequests = "rights-requests"
    case security
    case breaches
    case impactAssessments = "impact-assessments"
    case priorConsultation = "prior-consultation"
    case accuracy

    public var label: String {
        switch self {
        case .rightsRequests: "Data subjects' requests (Art. 12–22)"
        case .security: "Security of processing (Art. 32)"
        case .breaches: "Personal data breaches (Art. 33–34)"
        case .impactAssessments: "Data protection impact assessments (Art. 35)"
        case .priorConsultation: "Prior consultation (Art. 36)"
        case .accuracy: "Accuracy and rectification (Art. 5(1)(d), 16)"
        }
    }
}

/// An entry of Annex IV.
public struct Subprocessor: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var address: String
    /// Where the entity is established (ISO code).
    public var country: String
    public var service: String
    public var dataCategories: [String]
    /// Every country where it processes the data (ISO codes).
    public var locations: [String]
    /// A key of the transfer-mechanism catalogue (`eea` when no transfer takes place).
    public var transferMechanism: String
    /// Reference of the transfer impact assessment, where the mechanism needs one.
    public var tiaReference: String?
    public var contact: Contact?
    /// The subprocessor's own subprocessors for this processing (the onward chain, Art. 28(4)).
    public var onwardSubprocessors: [OnwardSubprocessor]?
    /// For a country covered by adequacy only in part (Canada): the Parties confirm that this recipient falls within
    /// the decision. Absent in older documents, so their content hashes do not change.
    public var adequacyConfirmed: Bool?
    /// The id of the Annex IV entry this Subprocessor may replace at short notice in an emergency, as an approved
    /// back-up (the processor variant of the `subprocessors` clause). Absent in older documents, so their hashes stay.
    public var backupFor: String?

    public init(
        id: String, name: String, address: String, country: String, service: String, dataCategories: [String], locations: [String],
        transferMechanism: String, tiaReference: String? = nil, contact: Contact? = nil, onwardSubprocessors: [OnwardSubprocessor]? = nil
    ) {
        self.id = id
        self.name = name
        self.address = address
        self.country = country
        self.service = service
        self.dataCategories = dataCategories
        self.locations = locations
        self.transferMechanism = transferMechanism
        self.tiaReference = tiaReference
        self.contact = contact
        self.onwardSubprocessors = onwardSubprocessors
    }

    /// A missing or `null` transfer mechanism decodes as blank, so that the validator reports it at its path
    /// instead of the whole document being unreadable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        address = try container.decode(String.self, forKey: .address)
        country = try container.decode(String.self, forKey: .country)
        service = try container.decode(String.self, forKey: .service)
        dataCategories = try container.decode([String].self, forKey: .dataCategories)
        locations = try container.decode([String].self, forKey: .locations)
        transferMechanism = try container.decodeIfPresent(String.self, forKey: .transferMechanism) ?? ""
        tiaReference = try container.decodeIfPresent(String.self, forKey: .tiaReference)
        contact = try container.decodeIfPresent(Contact.self, forKey: .contact)
        onwardSubprocessors = try container.decodeIfPresent([OnwardSubprocessor].self, forKey: .onwardSubprocessors)
        adequacyConfirmed = try container.decodeIfPresent(Bool.self, forKey: .adequacyConfirmed)
        backupFor = try container.decodeIfPresent(String.self, forKey: .backupFor)
    }

    /// The establishment country first, then every other processing location.
    public var allCountries: [String] {
        var result = [country]
        for location in locations where !result.contains(location) { result.append(location) }
        return result
    }
}

/// A subprocessor's own subprocessor: who it is, where, and what it does.
public struct OnwardSubprocessor: Codable, Sendable, Hashable {
    public var name: String
    /// ISO code of the country of establishment.
    public var country: String
    public var service: String
    /// Countries where it processes the data, when other than its own.
    public var locations: [String]?

    public init(name: String, country: String, service: String, locations: [String]? = nil) {
        self.name = name
        self.country = country
        self.service = service
        self.locations = locations
    }
}

/// Commercial terms that the clauses refer to.
public struct CommercialTerms: Codable, Sendable, Hashable {
    /// How the processor's assistance is charged.
    public var assistanceFees: String?
    public var notes: String?

    public init(assistanceFees: String? = nil, notes: String? = nil) {
        self.assistanceFees = assistanceFees
        self.notes = notes
    }
}
