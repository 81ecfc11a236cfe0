/// Annex II: the description of the processing (Art. 28(3), first sentence).
public struct Processing: Codable, Sendable, Hashable {
    public var subjectMatter: String
    public var duration: String
    /// The nature of the processing in words.
    public var nature: String
    /// Keys of the operations catalogue.
    public var operations: [String]
    public var purposes: [PurposeEntry]
    /// Keys of the data-subjects catalogue.
    public var dataSubjects: [String]
    public var dataCategories: [DataCategoryEntry]
    /// Art. 9 and Art. 10 data, each with the safeguards applied to it.
    public var specialCategories: [SpecialCategoryEntry]
    /// Keys of the channels catalogue.
    public var channels: [String]
    public var callRecording: Bool
    public var cardPayments: Bool
    public var frequency: String
    /// How long the data is kept, or the criteria for it.
    public var retention: String
    public var deliveryLocations: [DeliveryLocation]
    /// Keys of the services catalogue: the systems and outsourced functions this processing relies on. A change to the
    /// processor's subprocessor register reaches this agreement when it concerns one of them.
    public var services: [String]?

    public init(
        subjectMatter: String, duration: String, nature: String, operations: [String], purposes: [PurposeEntry], dataSubjects: [String],
        dataCategories: [DataCategoryEntry], specialCategories: [SpecialCategoryEntry], channels: [String], callRecording: Bool,
        cardPayments: Bool, frequency: String, retention: String, deliveryLocations: [DeliveryLocation], services: [String]? = nil
    ) {
        self.subjectMatter = subjectMatter
        self.duration = duration
        self.nature = nature
        self.operations = operations
        self.purposes = purposes
        self.dataSubjects = dataSubjects
        self.dataCategories = dataCategories
        self.specialCategories = specialCategories
        self.channels = channels
        self.callRecording = callRecording
        self.cardPayments = cardPayments
        self.frequency = frequency
        self.retention = retention
        self.deliveryLocations = deliveryLocations
        self.services = services
    }
}

/// A purpose of the processing and the data categories it needs.
///
/// Its role says who decides it. Absent, the purpose is processing on the Controller's behalf (Art. 28), as in every
/// document written before roles existed, whose hashes therefore stay as they were.
public struct PurposeEntry: Codable, Sendable, Hashable {
    public var purpose: String
    public var description: String?
    public var dataCategories: [String]
    /// Who decides the purpose; nil means on the Controller's behalf.
    public var role: PurposeRole?
    /// For a joint purpose: the lawful basis of Art. 6(1) on which the controllers rely; for an independent one: the
    /// recipient's basis for its own purpose.
    public var lawfulBasis: LawfulBasis?
    /// For a joint or independent purpose that shares special-category data: the condition of Art. 9(2) relied on (for
    /// an independent purpose, the recipient's).
    public var specialCondition: SpecialCondition?
    /// For an independent purpose: the party that receives the data as a controller in its own right.
    public var recipient: PartyRole?
    /// For an independent purpose: the disclosing party's own basis of Art. 6(1) for handing the data over, which is
    /// processing of its own, separate from the recipient's purpose. Absent in older documents, whose hashes stay.
    public var disclosureBasis: LawfulBasis?
    /// For an independent purpose that shares special-category data: the disclosing party's own condition of Art. 9(2).
    public var disclosureCondition: SpecialCondition?

    public init(
        purpose: String, description: String? = nil, dataCategories: [String], role: PurposeRole? = nil, lawfulBasis: LawfulBasis? = nil,
        specialCondition: SpecialCondition? = nil, recipient: PartyRole? = nil, disclosureBasis: LawfulBasis? = nil,
        disclosureCondition: SpecialCondition? = nil
    ) {
        self.purpose = purpose
        self.description = description
        self.dataCategories = dataCategories
        self.role = role
        self.lawfulBasis = lawfulBasis
        self.specialCondition = specialCondition
        self.recipient = recipient
        self.disclosureBasis = disclosureBasis
        self.disclosureCondition = disclosureCondition
    }

    /// For an independent purpose, the party that hands the data over: the one that is not the recipient.
    public var discloser: PartyRole? {
        guard effectiveRole == .independent, let recipient else { return nil }
        return recipient == .controller ? .processor : .controller
    }

    /// The role, with today's default spelled out.
    public var effectiveRole: PurposeRole { role ?? .onBehalf }

    /// Sets who decides the purpose. On the Controller's behalf is stored as no role at all, so a document that never
    /// had roles keeps its hash, and then has no basis, condition or recipient of its own; only a purpose shared with
    /// an independent controller has a recipient and a discloser's basis and condition.
    public mutating func assign(
        role: PurposeRole, lawfulBasis: LawfulBasis?, specialCondition: SpecialCondition?, recipient: PartyRole?,
        disclosureBasis: LawfulBasis? = nil, disclosureCondition: SpecialCondition? = nil
    ) {
        guard role != .onBehalf else {
            (self.role, self.lawfulBasis, self.specialCondition, self.recipient) = (nil, nil, nil, nil)
            (self.disclosureBasis, self.disclosureCondition) = (nil, nil)
            return
        }
        self.role = role
        self.lawfulBasis = lawfulBasis
        self.specialCondition = specialCondition
        let independent = role == .independent
        self.recipient = independent ? recipient : nil
        self.disclosureBasis = independent ? disclosureBasis : nil
        self.disclosureCondition = independent ? disclosureCondition : nil
    }
}

/// Who decides a purpose of the programme.
public enum PurposeRole: String, Codable, Sendable, Hashable, CaseIterable {
    /// The Processor processes on the Controller's behalf and documented instructions (Art. 28).
    case onBehalf = "on-behalf"
    /// The parties decide purposes and means together: joint controllers (Art. 26).
    case joint
    /// One party receives the data and decides alone what it does with it: a controller in its own right.
    case independent

    public var label: String {
        switch self {
        case .onBehalf: "On the Controller's behalf (Art. 28)"
        case .joint: "Joint controllers (Art. 26)"
        case .independent: "Shared with an independent controller"
        }
    }
}

/// The lawful bases of Art. 6(1) GDPR.
public enum LawfulBasis: String, Codable, Sendable, Hashable, CaseIterable {
    case consent, contract
    case legalObligation = "legal-obligation"
    case vitalInterests = "vital-interests"
    case publicTask = "public-task"
    case legitimateInterests = "legitimate-interests"

    public var label: String {
        switch self {
        case .consent: "Consent, Art. 6(1)(a)"
        case .contract: "Performance of a contract with the data subject, Art. 6(1)(b)"
        case .legalObligation: "A legal obligation of the controller, Art. 6(1)(c)"
        case .vitalInterests: "Vital interests, Art. 6(1)(d)"
        case .publicTask: "A task in the public interest or official authority, Art. 6(1)(e)"
        case .legitimateInterests: "Legitimate interests, Art. 6(1)(f)"
        }
    }
}

/// The conditions of Art. 9(2) GDPR under which special categories of data may be processed.
public enum SpecialCondition: String, Codable, Sendable, Hashable, CaseIterable {
    case explicitConsent = "explicit-consent"
    case employment
    case vitalInterests = "vital-interests"
    case notForProfit = "not-for-profit"
    case madePublic = "made-public"
    case legalClaims = "legal-claims"
    case substantialPublicInterest = "substantial-public-interest"
    case healthCare = "health-care"
    case publicHealth = "public-health"
    case archiving

    public var label: String {
        switch self {
        case .explicitConsent: "Explicit consent, Art. 9(2)(a)"
        case .employment: "Employment and social security law, Art. 9(2)(b)"
        case .vitalInterests: "Vital interests of a person unable to consent, Art. 9(2)(c)"
        case .notForProfit: "A not-for-profit body's members, Art. 9(2)(d)"
        case .madePublic: "Data manifestly made public by the data subject, Art. 9(2)(e)"
        case .legalClaims: "Legal claims, Art. 9(2)(f)"
        case .substantialPublicInterest: "Substantial public interest under law, Art. 9(2)(g)"
        case .healthCare: "Health or social care, Art. 9(2)(h)"
        case .publicHealth: "Public health, Art. 9(2)(i)"
        case .archiving: "Archiving, research or statistics, Art. 9(2)(j)"
        }
    }
}

/// A category of personal data processed.
public struct DataCategoryEntry: Codable, Sendable, Hashable {
    public var category: String
    public var note: String?

    public init(category: String, note: String? = nil) {
        self.category = category
        self.note = note
    }
}

/// Special-category (Art. 9) or criminal-offence (Art. 10) data and its safeguards.
public struct SpecialCategoryEntry: Codable, Sendable, Hashable {
    public var category: String
    public var safeguards: String

    public init(category: String, safeguards: String) {
        self.category = category
        self.safeguards = safeguards
    }
}

/// A site where the processor's agents handle the controller's contacts.
public struct DeliveryLocation: Codable, Sendable, Hashable {
    public var id: String
    public var site: String
    /// ISO code.
    public var country: String
    /// The entity running the site, when not the processor itself.
    public var entity: String?
    public var homeWorking: Bool
    /// Required when the country is outside the EEA without adequacy.
    public var transferMechanism: String?
    public var tiaReference: String?
    /// For a country covered by adequacy only in part (Canada): the Parties confirm that the site's operator falls within
    /// the decision. Absent in older documents, so their content hashes do not change.
    public var adequacyConfirmed: Bool?

    public init(
        id: String, site: String, country: String, entity: String? = nil, homeWorking: Bool = false, transferMechanism: String? = nil,
        tiaReference: String? = nil
    ) {
        self.id = id
        self.site = site
        self.country = country
        self.entity = entity
        self.homeWorking = homeWorking
        self.transferMechanism = transferMechanism
        self.tiaReference = tiaReference
    }
}

/// Annex V: what the data subject is owed, and who does what.
public struct ConsumerObligations: Codable, Sendable, Hashable {
    public var rights: [RightAssignment]
    /// How a caller's identity is checked before account data is disclosed (Art. 12(6)).
    public var identityVerification: String
    /// What agents tell consumers about the processing (Art. 13–14), in the controller's words.
    public var privacyNotice: String
    /// The words played or said at the start of a recorded call.
    public var callRecordingAnnouncement: String?
    /// Where a consumer's complaint goes.
    public var complaintRoute: String

    public init(rights: [RightAssignment], identityVerification: String, privacyNotice: String, callRecordingAnnouncement: String? = nil, complaintRoute: String) {
        self.rights = rights
        self.identityVerification = identityVerification
        self.privacyNotice = privacyNotice
        self.callRecordingAnnouncement = callRecordingAnnouncement
        self.complaintRoute = complaintRoute
    }
}

/// Who answers requests to exercise one right.
public struct RightAssignment: Codable, Sendable, Hashable {
    public var right: DataSubjectRight
    public var answeredBy: PartyRole
    /// What the agent does or says, for the agent script.
    public var handling: String?

    public init(right: DataSubjectRight, answeredBy: PartyRole, handling: String? = nil) {
        self.right = right
        self.answeredBy = answeredBy
        self.handling = handling
    }
}

/// The rights of Chapter III.
public enum DataSubjectRight: String, Codable, Sendable, CaseIterable, Hashable {
    case access, rectification, erasure, restriction, portability, objection
    case automatedDecisions = "automated-decisions"

    public var label: String {
        switch self {
        case .access: "Access (Art. 15)"
        case .rectification: "Rectification (Art. 16)"
        case .erasure: "Erasure (Art. 17)"
        case .restriction: "Restriction (Art. 18)"
        case .portability: "Portability (Art. 20)"
        case .objection: "Objection (Art. 21)"
        case .automatedDecisions: "Automated decisions (Art. 22)"
        }
    }
}
