/// The words a reader knows for the parts of a record item: field names ("personal data categories"), list elements by
/// their catalogue label or name ("Customer support", "Dakar contact centre") and values by their label ("Payment card
/// number", "Senegal"), never the keys the document stores. The keys stay beside the words (`FieldChange.field`,
/// `oldKey`, `newKey`) for JSON and the CLI.
struct RecordWords {
    let library: ClauseLibrary

    /// A field's name in words: `dataCategories` → "personal data categories", `subjectMatter` → "subject matter".
    static func fieldName(_ key: String) -> String {
        knownNames[key] ?? words(key)
    }

    /// A list element named as a reader knows it: a purpose or category by its catalogue label, a right or an area by
    /// its label, a location or subprocessor by its name; the identifying value itself only when nothing better exists.
    func elementName(_ node: JSONNode, identity: String, value: String) -> String {
        switch identity {
        case "purpose": return library.purposeLabel(value)
        case "category": return library.dataCategory(value)?.label ?? value
        case "area": return AssistanceArea(rawValue: value)?.label ?? value
        case "right": return DataSubjectRight(rawValue: value)?.label ?? value
        default:
            for member in ["site", "name", "title", "label"] where member != identity {
                if case .string(let text)? = node.member(member)?.value, !text.isEmpty { return text }
            }
            return value
        }
    }

    /// A stored value in words, and the key it was stored as when it is one (a catalogue entry, a country code, a role).
    func value(_ text: String, field: String) -> (words: String, key: String?) {
        let label: String?
        switch field {
        case "dataCategories", "category": label = library.dataCategory(text)?.label
        case "purpose", "purposes": label = library.purpose(text)?.label
        case "channels": label = library.channel(text)?.label
        case "services", "service": label = library.service(text)?.label
        case "country", "locations": label = library.country(text)?.name
        case "transferMechanism": label = library.transferMechanism(text)?.label
        case "dataSubjects": label = library.dataSubject(text)?.label
        case "operations": label = library.operations.first { $0.key == text }?.label
        case "role": label = PurposeRole(rawValue: text)?.label
        case "lawfulBasis", "disclosureBasis": label = LawfulBasis(rawValue: text)?.label
        case "specialCondition", "disclosureCondition": label = SpecialCondition(rawValue: text)?.label
        case "area": label = AssistanceArea(rawValue: text)?.label
        case "right": label = DataSubjectRight(rawValue: text)?.label
        case "answeredBy", "recipient": label = PartyRole(rawValue: text).map { "the \($0.rawValue)" }
        default: label = nil
        }
        guard let label, label != text else { return (text, nil) }
        return (label, text)
    }

    /// The path of a field as a reader says it, first letter capitalised: "Purposes › Customer support › personal data
    /// categories". Path parts are member names, or `[identity]` for a list element already put in words.
    static func label(_ parts: [String]) -> String {
        let named = parts.map { part in part.hasPrefix("[") ? String(part.dropFirst().dropLast()) : fieldName(part) }
        guard let first = named.first else { return "Value" }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + named.dropFirst()).joined(separator: " › ")
    }

    /// Field names that camel case alone would not say well.
    static let knownNames: [String: String] = [
        "tiaReference": "transfer impact assessment", "dpo": "data protection officer", "euRepresentative": "EU representative",
        "mainAgreement": "main agreement", "transferMechanism": "transfer mechanism", "homeWorking": "home working",
        "dataCategories": "personal data categories", "dataSubjects": "data subjects", "callRecording": "call recording",
        "cardPayments": "card payments", "onwardSubprocessors": "onward subprocessors", "specialCategories": "sensitive data",
        "deliveryLocations": "delivery locations", "assistanceMeasures": "assistance measures", "effectiveDate": "effective date",
        "retention": "retention period", "nature": "nature of the processing", "frequency": "frequency of the processing",
        "id": "reference", "lawfulBasis": "lawful basis", "specialCondition": "condition for sensitive data",
        "disclosureBasis": "discloser's lawful basis", "disclosureCondition": "discloser's condition for sensitive data",
        "answeredBy": "answered by", "identityVerification": "identity check", "privacyNotice": "privacy notice",
        "callRecordingAnnouncement": "call recording announcement", "complaintRoute": "complaint route",
        "assistanceFees": "assistance fees", "adequacyConfirmed": "adequacy confirmed", "backupFor": "back-up for",
        "subjectMatter": "subject matter", "format": "format version", "commercial": "commercial terms",
        "registration": "registration number", "locations": "countries", "timeZone": "time zone",
    ]

    /// "subjectMatter" → "subject matter".
    static func words(_ camelCase: String) -> String {
        var out = ""
        for character in camelCase {
            if character.isUppercase, !out.isEmpty { out += " " + character.lowercased() } else { out.append(character) }
        }
        return out
    }
}
