/// When a clause belongs in an agreement (the `applies` line of a clause file).
public enum Condition: String, Sendable, Hashable, CaseIterable, Codable {
    case always
    case specialCategories = "special-categories"
    case transfers
    case subprocessors
    case callRecording = "call-recording"
    case cardPayments = "card-payments"
    case deliveryLocations = "delivery-locations"
    case conversationChannels = "conversation-channels"
    case bcrProcessor = "bcr-processor"
    /// A purpose of Annex II is decided jointly (Art. 26).
    case jointPurposes = "joint-purposes"
    /// A purpose of Annex II is shared with a party as a controller in its own right.
    case independentPurposes = "independent-purposes"
    /// A joint purpose uses special-category or criminal-offence data: the joint arrangement's own Art. 9 terms.
    case jointSpecialCategories = "joint-special-categories"
    /// A purpose shared with an independent controller uses special-category or criminal-offence data.
    case sharedSpecialCategories = "shared-special-categories"
    /// Data of a joint purpose may leave the EEA: the Processor or a Delivery Location is outside it, or a
    /// Subprocessor outside it handles a category the joint purposes use.
    case jointTransfers = "joint-transfers"
    /// The same for the data of purposes shared with an independent controller.
    case sharedTransfers = "shared-transfers"
    /// Annex II lists an AI system: interaction analytics (sentiment scoring), speech analytics or a chatbot.
    case aiSystems = "ai-systems"
    case selected

    /// The transfer-mechanism key of processor binding corporate rules (Art. 47).
    public static let processorBCRMechanism = "bcr-processor"

    /// The channels on which an Agent speaks or writes with a caller in real time, so must check who it is (Art. 12(6)).
    public static let conversationChannelKeys: Set<String> = ["voice", "callback", "video", "chat", "messaging-apps", "social", "sms"]

    /// The operations and services of Annex II that are AI systems in the sense of the AI Act: the `analysis` operation
    /// (speech and text analytics, sentiment scoring), and speech analytics or a chatbot among the services. Scoring
    /// emotions at work is banned by its Art. 5(1)(f) since 2 February 2025, so these bring in the `ai-systems` clause.
    public static let aiOperationKeys: Set<String> = ["analysis"]
    public static let aiServiceKeys: Set<String> = ["speech-analytics", "chatbot"]

    /// Plain words for messages: "Annex II lists special-category data".
    public var reason: String {
        switch self {
        case .always: "every agreement needs it"
        case .specialCategories: "Annex II lists special-category or criminal-offence data"
        case .transfers: "a subprocessor or delivery location lies outside the EEA, or the Processor is established outside it"
        case .subprocessors: "Annex IV lists subprocessors"
        case .callRecording: "Annex II says calls are recorded"
        case .cardPayments: "Annex II says payment cards are taken"
        case .deliveryLocations: "Annex II lists a Delivery Location"
        case .conversationChannels: "Annex II lists a voice, chat or messaging channel"
        case .bcrProcessor: "a Transfer in Annex II or Annex IV rests on processor binding corporate rules"
        case .jointPurposes: "Annex II lists a purpose the parties decide jointly"
        case .independentPurposes: "Annex II lists a purpose shared with an independent controller"
        case .jointSpecialCategories: "a purpose the parties decide jointly uses special-category or criminal-offence data"
        case .sharedSpecialCategories: "a purpose shared with an independent controller uses special-category or criminal-offence data"
        case .jointTransfers: "data of a purpose the parties decide jointly may be processed outside the EEA"
        case .sharedTransfers: "data of a purpose shared with an independent controller may be processed outside the EEA"
        case .aiSystems: "Annex II lists speech or text analytics, sentiment scoring or a chatbot"
        case .selected: "the parties selected it"
        }
    }
}

/// The Article 28 elements a clause can satisfy (the `covers` line); the lint requires each to be covered.
public enum Article28Element: String, Sendable, Hashable, CaseIterable, Codable {
    case subjectMatter = "28(3)-subject-matter"
    case duration = "28(3)-duration"
    case naturePurpose = "28(3)-nature-purpose"
    case dataTypes = "28(3)-data-types"
    case dataSubjects = "28(3)-data-subjects"
    case controllerRights = "28(3)-controller-rights"
    case instructions = "28(3)(a)"
    case confidentiality = "28(3)(b)"
    case security = "28(3)(c)"
    case subprocessingConditions = "28(3)(d)"
    case rightsAssistance = "28(3)(e)"
    case complianceAssistance = "28(3)(f)"
    case deletionOrReturn = "28(3)(g)"
    case auditsAndInformation = "28(3)(h)"
    case infringingInstruction = "28(3)-infringing-instruction"
    case subprocessorAuthorisation = "28(2)"
    case subprocessorFlowDown = "28(4)"

    /// What the element requires, in a few words.
    public var requirement: String {
        switch self {
        case .subjectMatter: "the subject matter of the processing"
        case .duration: "the duration of the processing"
        case .naturePurpose: "the nature and purpose of the processing"
        case .dataTypes: "the types of personal data"
        case .dataSubjects: "the categories of data subjects"
        case .controllerRights: "the obligations and rights of the controller"
        case .instructions: "processing only on documented instructions"
        case .confidentiality: "confidentiality of authorised persons"
        case .security: "the security measures of Article 32"
        case .subprocessingConditions: "the conditions for engaging subprocessors"
        case .rightsAssistance: "assistance with data subjects' requests"
        case .complianceAssistance: "assistance with Articles 32 to 36"
        case .deletionOrReturn: "deletion or return at the end of the services"
        case .auditsAndInformation: "information and audits"
        case .infringingInstruction: "notice of an instruction that infringes the law"
        case .subprocessorAuthorisation: "prior authorisation of subprocessors"
        case .subprocessorFlowDown: "the same obligations for subprocessors"
        }
    }

    /// The article citation: "Art. 28(3)(c)".
    public var article: String {
        switch self {
        case .subjectMatter, .duration, .naturePurpose, .dataTypes, .dataSubjects, .controllerRights: "Art. 28(3)"
        case .infringingInstruction: "Art. 28(3), last subparagraph"
        default: "Art. " + rawValue
        }
    }
}
