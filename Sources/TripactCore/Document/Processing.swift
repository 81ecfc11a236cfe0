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
public struct PurposeEntry: Codable, Sendable, Hashable {
    public var purpose: String
    public var description: String?
    public var dataCategories: [String]

    public init(purpose: String, description: String? = nil, dataCategories: [String]) {
        self.purpose = purpose
        self.description = description
        self.dataCategories = dataCategories
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
