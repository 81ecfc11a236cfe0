/// Builds a document straight from our own parse tree, without `JSONDecoder`.
///
/// Reading a stored or imported document through `JSONDecoder` was a third of a register change's time for 2,000
/// agreements and most of the protocol-conformance look-ups a short command pays at start-up. This reader takes only
/// the plain case: every key known and written once, every value of its exact type, whole numbers written as plain
/// digits. Anything else (an unknown key, a duplicate, `1e2`, a missing field) makes it give up with `TreeMiss`, and
/// the caller goes the `JSONDecoder` way, whose errors name the path and line. So where it answers at all, it answers
/// exactly what `JSONDecoder` would (`DocumentTreeReadingTests` compares the two on generated documents).
struct TreeMiss: Error {}

extension AgreementDocument {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var format: String?, id: String?, title: String?, effectiveDate: String??, mainAgreement: String?, parties: Parties?
        var processing: Processing?, clauses: [ClauseSelection]?, measures: [MeasureEntry]?, assistance: [AssistanceMeasure]?
        var subprocessors: [Subprocessor]?, consumer: ConsumerObligations?, commercial: CommercialTerms?
        for (key, node) in try fields.members() {
            switch key {
            case "format": try fields.mark(0); format = try node.string()
            case "id": try fields.mark(1); id = try node.string()
            case "title": try fields.mark(2); title = try node.string()
            case "effectiveDate": try fields.mark(3); effectiveDate = try node.optional { n throws(TreeMiss) in try n.string() }
            case "mainAgreement": try fields.mark(4); mainAgreement = try node.string()
            case "parties": try fields.mark(5); parties = try Parties(tree: node)
            case "processing": try fields.mark(6); processing = try Processing(tree: node)
            case "clauses": try fields.mark(7); clauses = try node.list { n throws(TreeMiss) in try ClauseSelection(tree: n) }
            case "measures": try fields.mark(8); measures = try node.list { n throws(TreeMiss) in try MeasureEntry(tree: n) }
            case "assistanceMeasures": try fields.mark(9); assistance = try node.list { n throws(TreeMiss) in try AssistanceMeasure(tree: n) }
            case "subprocessors": try fields.mark(10); subprocessors = try node.list { n throws(TreeMiss) in try Subprocessor(tree: n) }
            case "consumerObligations": try fields.mark(11); consumer = try ConsumerObligations(tree: node)
            case "commercial": try fields.mark(12); commercial = try CommercialTerms(tree: node)
            default: throw TreeMiss()
            }
        }
        self.init(
            format: try required(format), id: try required(id), title: try required(title), effectiveDate: effectiveDate ?? nil,
            mainAgreement: try required(mainAgreement), parties: try required(parties), processing: try required(processing),
            clauses: try required(clauses), measures: try required(measures), assistanceMeasures: try required(assistance),
            subprocessors: try required(subprocessors), consumerObligations: try required(consumer), commercial: try required(commercial)
        )
    }
}

extension Parties {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var controller: Party?, processor: Party?
        for (key, node) in try fields.members() {
            switch key {
            case "controller": try fields.mark(0); controller = try Party(tree: node)
            case "processor": try fields.mark(1); processor = try Party(tree: node)
            default: throw TreeMiss()
            }
        }
        self.init(controller: try required(controller), processor: try required(processor))
    }
}

extension Party {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var name: String?, registration: String??, address: String?, country: String?, contact: Contact?
        var dpo: Contact??, representative: Contact??, signatory: Signatory??, timeZone: String??
        for (key, node) in try fields.members() {
            switch key {
            case "name": try fields.mark(0); name = try node.string()
            case "registration": try fields.mark(1); registration = try node.optional { n throws(TreeMiss) in try n.string() }
            case "address": try fields.mark(2); address = try node.string()
            case "country": try fields.mark(3); country = try node.string()
            case "contact": try fields.mark(4); contact = try Contact(tree: node)
            case "dpo": try fields.mark(5); dpo = try node.optional { n throws(TreeMiss) in try Contact(tree: n) }
            case "euRepresentative": try fields.mark(6); representative = try node.optional { n throws(TreeMiss) in try Contact(tree: n) }
            case "signatory": try fields.mark(7); signatory = try node.optional { n throws(TreeMiss) in try Signatory(tree: n) }
            case "timeZone": try fields.mark(8); timeZone = try node.optional { n throws(TreeMiss) in try n.string() }
            default: throw TreeMiss()
            }
        }
        self.init(
            name: try required(name), registration: registration ?? nil, address: try required(address), country: try required(country),
            contact: try required(contact), dpo: dpo ?? nil, euRepresentative: representative ?? nil, signatory: signatory ?? nil,
            timeZone: timeZone ?? nil
        )
    }
}

extension Contact {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var name: String?, position: String??, email: String??, phone: String??
        for (key, node) in try fields.members() {
            switch key {
            case "name": try fields.mark(0); name = try node.string()
            case "position": try fields.mark(1); position = try node.optional { n throws(TreeMiss) in try n.string() }
            case "email": try fields.mark(2); email = try node.optional { n throws(TreeMiss) in try n.string() }
            case "phone": try fields.mark(3); phone = try node.optional { n throws(TreeMiss) in try n.string() }
            default: throw TreeMiss()
            }
        }
        self.init(name: try required(name), position: position ?? nil, email: email ?? nil, phone: phone ?? nil)
    }
}

extension Signatory {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var name: String?, position: String?, email: String??
        for (key, node) in try fields.members() {
            switch key {
            case "name": try fields.mark(0); name = try node.string()
            case "position": try fields.mark(1); position = try node.string()
            case "email": try fields.mark(2); email = try node.optional { n throws(TreeMiss) in try n.string() }
            default: throw TreeMiss()
            }
        }
        self.init(name: try required(name), position: try required(position), email: email ?? nil)
    }
}

extension ClauseSelection {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var clause: String?, variant: String?, parameters: [String: ParameterValue]?, ownWording: String??, rider: String??, notes: [String: String]??
        for (key, node) in try fields.members() {
            switch key {
            case "clause": try fields.mark(0); clause = try node.string()
            case "variant": try fields.mark(1); variant = try node.string()
            case "parameters": try fields.mark(2); parameters = try node.dictionary { n throws(TreeMiss) in try ParameterValue(tree: n) }
            case "ownWording": try fields.mark(3); ownWording = try node.optional { n throws(TreeMiss) in try n.string() }
            case "rider": try fields.mark(4); rider = try node.optional { n throws(TreeMiss) in try n.string() }
            case "handoverNotes":
                try fields.mark(5); notes = try node.optional { n throws(TreeMiss) in try n.dictionary { m throws(TreeMiss) in try m.string() } }
            default: throw TreeMiss()
            }
        }
        self.init(
            clause: ClauseID(try required(clause)), variant: try required(variant), parameters: try required(parameters), ownWording: ownWording ?? nil,
            rider: rider ?? nil, handoverNotes: notes ?? nil
        )
    }
}

extension ParameterValue {
    /// As `init(from:)` tries them: true/false, then a whole number, then a string.
    init(tree: JSONNode) throws(TreeMiss) {
        switch tree.value {
        case .bool(let value): self = .boolean(value)
        case .number: self = .integer(try tree.integer())
        case .string(let value): self = .string(value)
        default: throw TreeMiss()
        }
    }
}

extension MeasureEntry {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var id: String?, heading: Int??, title: String??, description: String??
        for (key, node) in try fields.members() {
            switch key {
            case "id": try fields.mark(0); id = try node.string()
            case "heading": try fields.mark(1); heading = try node.optional { n throws(TreeMiss) in try n.integer() }
            case "title": try fields.mark(2); title = try node.optional { n throws(TreeMiss) in try n.string() }
            case "description": try fields.mark(3); description = try node.optional { n throws(TreeMiss) in try n.string() }
            default: throw TreeMiss()
            }
        }
        self.init(id: try required(id), heading: heading ?? nil, title: title ?? nil, description: description ?? nil)
    }
}

extension AssistanceMeasure {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var area: AssistanceArea?, description: String?
        for (key, node) in try fields.members() {
            switch key {
            case "area": try fields.mark(0); area = try node.raw(AssistanceArea.self)
            case "description": try fields.mark(1); description = try node.string()
            default: throw TreeMiss()
            }
        }
        self.init(area: try required(area), description: try required(description))
    }
}

extension Subprocessor {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var id: String?, name: String?, address: String?, country: String?, service: String?, categories: [String]?, locations: [String]?
        var mechanism: String??, tia: String??, contact: Contact??, onward: [OnwardSubprocessor]??, confirmed: Bool??, backup: String??
        for (key, node) in try fields.members() {
            switch key {
            case "id": try fields.mark(0); id = try node.string()
            case "name": try fields.mark(1); name = try node.string()
            case "address": try fields.mark(2); address = try node.string()
            case "country": try fields.mark(3); country = try node.string()
            case "service": try fields.mark(4); service = try node.string()
            case "dataCategories": try fields.mark(5); categories = try node.strings()
            case "locations": try fields.mark(6); locations = try node.strings()
            case "transferMechanism": try fields.mark(7); mechanism = try node.optional { n throws(TreeMiss) in try n.string() }
            case "tiaReference": try fields.mark(8); tia = try node.optional { n throws(TreeMiss) in try n.string() }
            case "contact": try fields.mark(9); contact = try node.optional { n throws(TreeMiss) in try Contact(tree: n) }
            case "onwardSubprocessors":
                try fields.mark(10)
                onward = try node.optional { n throws(TreeMiss) in try n.list { e throws(TreeMiss) in try OnwardSubprocessor(tree: e) } }
            case "adequacyConfirmed": try fields.mark(11); confirmed = try node.optional { n throws(TreeMiss) in try n.boolean() }
            case "backupFor": try fields.mark(12); backup = try node.optional { n throws(TreeMiss) in try n.string() }
            default: throw TreeMiss()
            }
        }
        self.init(
            id: try required(id), name: try required(name), address: try required(address), country: try required(country),
            service: try required(service), dataCategories: try required(categories), locations: try required(locations),
            // As `init(from:)`: a missing or null mechanism is blank, for the validator to report at its path.
            transferMechanism: (mechanism ?? nil) ?? "", tiaReference: tia ?? nil, contact: contact ?? nil, onwardSubprocessors: onward ?? nil
        )
        adequacyConfirmed = confirmed ?? nil
        backupFor = backup ?? nil
    }
}

extension OnwardSubprocessor {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var name: String?, country: String?, service: String?, locations: [String]??
        for (key, node) in try fields.members() {
            switch key {
            case "name": try fields.mark(0); name = try node.string()
            case "country": try fields.mark(1); country = try node.string()
            case "service": try fields.mark(2); service = try node.string()
            case "locations": try fields.mark(3); locations = try node.optional { n throws(TreeMiss) in try n.strings() }
            default: throw TreeMiss()
            }
        }
        self.init(name: try required(name), country: try required(country), service: try required(service), locations: locations ?? nil)
    }
}

extension CommercialTerms {
    init(tree: JSONNode) throws(TreeMiss) {
        var fields = FieldSet(tree)
        var fees: String??, notes: String??
        for (key, node) in try fields.members() {
            switch key {
            case "assistanceFees": try fields.mark(0); fees = try node.optional { n throws(TreeMiss) in try n.string() }
            case "notes": try fields.mark(1); notes = try node.optional { n throws(TreeMiss) in try n.string() }
            default: throw TreeMiss()
            }
        }
        self.init(assistanceFees: fees ?? nil, notes: notes ?? nil)
    }
}

/// The members of one JSON object, each known key allowed once.
struct FieldSet {
    private let node: JSONNode
    private var seen: UInt64 = 0

    init(_ node: JSONNode) { self.node = node }

    func members() throws(TreeMiss) -> [(key: String, node: JSONNode)] {
        guard case .object(let members) = node.value else { throw TreeMiss() }
        return members
    }

    /// Notes that field `index` was read; a second time means a duplicate key, which `JSONDecoder` decides on.
    mutating func mark(_ index: Int) throws(TreeMiss) {
        let bit: UInt64 = 1 << UInt64(index)
        guard seen & bit == 0 else { throw TreeMiss() }
        seen |= bit
    }
}

func required<T>(_ value: T?) throws(TreeMiss) -> T {
    guard let value else { throw TreeMiss() }
    return value
}

extension JSONNode {
    func string() throws(TreeMiss) -> String {
        guard case .string(let value) = value else { throw TreeMiss() }
        return value
    }

    func boolean() throws(TreeMiss) -> Bool {
        guard case .bool(let value) = value else { throw TreeMiss() }
        return value
    }

    /// A whole number written as plain digits (with an optional minus) that fits an `Int`; `2.0` and `1e2` are left
    /// to `JSONDecoder`.
    func integer() throws(TreeMiss) -> Int {
        guard case .number(let text) = value else { throw TreeMiss() }
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(text) else { throw TreeMiss() }
        return number
    }

    func raw<T: RawRepresentable>(_ type: T.Type) throws(TreeMiss) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw TreeMiss() }
        return value
    }

    /// `null` as an absent optional, as `decodeIfPresent` reads it.
    func optional<T>(_ read: (JSONNode) throws(TreeMiss) -> T) throws(TreeMiss) -> T? {
        if case .null = value { return nil }
        return try read(self)
    }

    func list<T>(_ read: (JSONNode) throws(TreeMiss) -> T) throws(TreeMiss) -> [T] {
        guard case .array(let elements) = value else { throw TreeMiss() }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for element in elements { result.append(try read(element)) }
        return result
    }

    func strings() throws(TreeMiss) -> [String] {
        try list { n throws(TreeMiss) in try n.string() }
    }

    func dictionary<T>(_ read: (JSONNode) throws(TreeMiss) -> T) throws(TreeMiss) -> [String: T] {
        guard case .object(let members) = value else { throw TreeMiss() }
        var result: [String: T] = [:]
        result.reserveCapacity(members.count)
        for member in members {
            guard result.updateValue(try read(member.node), forKey: member.key) == nil else { throw TreeMiss() }
        }
        return result
    }
}
