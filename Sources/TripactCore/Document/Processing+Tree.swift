/// Annex II and Annex V from our own parse tree; see `AgreementDocument+Tree.swift` for why and for the rules.
extension Processing {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var subjectMatter: String?, duration: String?, nature: String?, operations: [String]?, purposes: [PurposeEntry]?
        var subjects: [String]?, categories: [DataCategoryEntry]?, special: [SpecialCategoryEntry]?, channels: [String]?
        var recording: Bool?, cards: Bool?, frequency: String?, retention: String?, locations: [DeliveryLocation]?, services: [String]??
        for (key, node) in try fields.members() {
            switch key {
            case "subjectMatter": try fields.mark(0); subjectMatter = try node.string()
            case "duration": try fields.mark(1); duration = try node.string()
            case "nature": try fields.mark(2); nature = try node.string()
            case "operations": try fields.mark(3); operations = try node.strings()
            case "purposes": try fields.mark(4); purposes = try node.list { n throws(TreeMiss) in try PurposeEntry(tree: n) }
            case "dataSubjects": try fields.mark(5); subjects = try node.strings()
            case "dataCategories": try fields.mark(6); categories = try node.list { n throws(TreeMiss) in try DataCategoryEntry(tree: n) }
            case "specialCategories": try fields.mark(7); special = try node.list { n throws(TreeMiss) in try SpecialCategoryEntry(tree: n) }
            case "channels": try fields.mark(8); channels = try node.strings()
            case "callRecording": try fields.mark(9); recording = try node.boolean()
            case "cardPayments": try fields.mark(10); cards = try node.boolean()
            case "frequency": try fields.mark(11); frequency = try node.string()
            case "retention": try fields.mark(12); retention = try node.string()
            case "deliveryLocations": try fields.mark(13); locations = try node.list { n throws(TreeMiss) in try DeliveryLocation(tree: n) }
            case "services": try fields.mark(14); services = try node.optional { n throws(TreeMiss) in try n.strings() }
            default: throw TreeMiss()
            }
        }
        self.init(
            subjectMatter: try required(subjectMatter), duration: try required(duration), nature: try required(nature),
            operations: try required(operations), purposes: try required(purposes), dataSubjects: try required(subjects),
            dataCategories: try required(categories), specialCategories: try required(special), channels: try required(channels),
            callRecording: try required(recording), cardPayments: try required(cards), frequency: try required(frequency),
            retention: try required(retention), deliveryLocations: try required(locations), services: services ?? nil
        )
    }
}

extension PurposeEntry {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var purpose: String?, description: String??, categories: [String]?, role: PurposeRole??, basis: LawfulBasis??
        var condition: SpecialCondition??, recipient: PartyRole??, disclosureBasis: LawfulBasis??, disclosureCondition: SpecialCondition??
        for (key, node) in try fields.members() {
            switch key {
            case "purpose": try fields.mark(0); purpose = try node.string()
            case "description": try fields.mark(1); description = try node.optional { n throws(TreeMiss) in try n.string() }
            case "dataCategories": try fields.mark(2); categories = try node.strings()
            case "role": try fields.mark(3); role = try node.optional { n throws(TreeMiss) in try n.raw(PurposeRole.self) }
            case "lawfulBasis": try fields.mark(4); basis = try node.optional { n throws(TreeMiss) in try n.raw(LawfulBasis.self) }
            case "specialCondition": try fields.mark(5); condition = try node.optional { n throws(TreeMiss) in try n.raw(SpecialCondition.self) }
            case "recipient": try fields.mark(6); recipient = try node.optional { n throws(TreeMiss) in try n.raw(PartyRole.self) }
            case "disclosureBasis": try fields.mark(7); disclosureBasis = try node.optional { n throws(TreeMiss) in try n.raw(LawfulBasis.self) }
            case "disclosureCondition":
                try fields.mark(8); disclosureCondition = try node.optional { n throws(TreeMiss) in try n.raw(SpecialCondition.self) }
            default: throw TreeMiss()
            }
        }
        self.init(
            purpose: try required(purpose), description: description ?? nil, dataCategories: try required(categories), role: role ?? nil,
            lawfulBasis: basis ?? nil, specialCondition: condition ?? nil, recipient: recipient ?? nil, disclosureBasis: disclosureBasis ?? nil,
            disclosureCondition: disclosureCondition ?? nil
        )
    }
}

extension DataCategoryEntry {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var category: String?, note: String??
        for (key, node) in try fields.members() {
            switch key {
            case "category": try fields.mark(0); category = try node.string()
            case "note": try fields.mark(1); note = try node.optional { n throws(TreeMiss) in try n.string() }
            default: throw TreeMiss()
            }
        }
        self.init(category: try required(category), note: note ?? nil)
    }
}

extension SpecialCategoryEntry {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var category: String?, safeguards: String?
        for (key, node) in try fields.members() {
            switch key {
            case "category": try fields.mark(0); category = try node.string()
            case "safeguards": try fields.mark(1); safeguards = try node.string()
            default: throw TreeMiss()
            }
        }
        self.init(category: try required(category), safeguards: try required(safeguards))
    }
}

extension DeliveryLocation {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var id: String?, site: String?, country: String?, entity: String??, homeWorking: Bool?, mechanism: String??, tia: String??
        var confirmed: Bool??
        for (key, node) in try fields.members() {
            switch key {
            case "id": try fields.mark(0); id = try node.string()
            case "site": try fields.mark(1); site = try node.string()
            case "country": try fields.mark(2); country = try node.string()
            case "entity": try fields.mark(3); entity = try node.optional { n throws(TreeMiss) in try n.string() }
            case "homeWorking": try fields.mark(4); homeWorking = try node.boolean()
            case "transferMechanism": try fields.mark(5); mechanism = try node.optional { n throws(TreeMiss) in try n.string() }
            case "tiaReference": try fields.mark(6); tia = try node.optional { n throws(TreeMiss) in try n.string() }
            case "adequacyConfirmed": try fields.mark(7); confirmed = try node.optional { n throws(TreeMiss) in try n.boolean() }
            default: throw TreeMiss()
            }
        }
        self.init(
            id: try required(id), site: try required(site), country: try required(country), entity: entity ?? nil,
            homeWorking: try required(homeWorking), transferMechanism: mechanism ?? nil, tiaReference: tia ?? nil
        )
        adequacyConfirmed = confirmed ?? nil
    }
}

extension ConsumerObligations {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var rights: [RightAssignment]?, verification: String?, notice: String?, announcement: String??, complaints: String?
        for (key, node) in try fields.members() {
            switch key {
            case "rights": try fields.mark(0); rights = try node.list { n throws(TreeMiss) in try RightAssignment(tree: n) }
            case "identityVerification": try fields.mark(1); verification = try node.string()
            case "privacyNotice": try fields.mark(2); notice = try node.string()
            case "callRecordingAnnouncement": try fields.mark(3); announcement = try node.optional { n throws(TreeMiss) in try n.string() }
            case "complaintRoute": try fields.mark(4); complaints = try node.string()
            default: throw TreeMiss()
            }
        }
        self.init(
            rights: try required(rights), identityVerification: try required(verification), privacyNotice: try required(notice),
            callRecordingAnnouncement: announcement ?? nil, complaintRoute: try required(complaints)
        )
    }
}

extension RightAssignment {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var right: DataSubjectRight?, answeredBy: PartyRole?, handling: String??
        for (key, node) in try fields.members() {
            switch key {
            case "right": try fields.mark(0); right = try node.raw(DataSubjectRight.self)
            case "answeredBy": try fields.mark(1); answeredBy = try node.raw(PartyRole.self)
            case "handling": try fields.mark(2); handling = try node.optional { n throws(TreeMiss) in try n.string() }
            default: throw TreeMiss()
            }
        }
        self.init(right: try required(right), answeredBy: try required(answeredBy), handling: handling ?? nil)
    }
}
