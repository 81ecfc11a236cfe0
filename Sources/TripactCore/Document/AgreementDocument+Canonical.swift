// The canonical encoding written field by field: keys in byte order, absent optionals left out. A field added to the
// model must be added here too; `CanonicalWriterTests` compares this with `JSONEncoder` on every example. The subtrees
// that are items of their own are `marked`, so that `AgreementItems` cuts them out of the one encoding of the document.

extension AgreementDocument {
    /// The whole document, or only the root members named in `keys` (an item made of several members).
    func writeCanonical(to out: inout CanonicalWriter, only keys: Set<String>? = nil) {
        func include(_ key: String) -> Bool { out.key(key, ifIn: keys) }
        out.beginObject()
        if include("assistanceMeasures") { out.marked(.assistance) { $0.array(assistanceMeasures) { $1.writeCanonical(to: &$0) } } }
        if include("clauses") { out.array(clauses) { out, selection in out.marked(.clause) { selection.writeCanonical(to: &$0) } } }
        if include("commercial") { commercial.writeCanonical(to: &out) }
        if include("consumerObligations") { out.marked(.obligations) { consumerObligations.writeCanonical(to: &$0) } }
        if let effectiveDate, include("effectiveDate") { out.string(effectiveDate) }
        if include("format") { out.string(format) }
        if include("id") { out.string(id) }
        if include("mainAgreement") { out.string(mainAgreement) }
        if include("measures") { out.array(measures) { out, measure in out.marked(.measure) { measure.writeCanonical(to: &$0) } } }
        if include("parties") { parties.writeCanonical(to: &out) }
        if include("processing") { processing.writeCanonical(to: &out) }
        if include("subprocessors") { out.array(subprocessors) { out, sub in out.marked(.subprocessor) { sub.writeCanonical(to: &$0) } } }
        if include("title") { out.string(title) }
        out.endObject()
    }
}

extension Parties {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        out.key("controller")
        out.marked(.controller) { controller.writeCanonical(to: &$0) }
        out.key("processor")
        out.marked(.processor) { processor.writeCanonical(to: &$0) }
        out.endObject()
    }
}

extension Party {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        out.key("address")
        out.string(address)
        out.key("contact")
        contact.writeCanonical(to: &out)
        out.key("country")
        out.string(country)
        if let dpo {
            out.key("dpo")
            dpo.writeCanonical(to: &out)
        }
        if let euRepresentative {
            out.key("euRepresentative")
            euRepresentative.writeCanonical(to: &out)
        }
        out.key("name")
        out.string(name)
        if let registration {
            out.key("registration")
            out.string(registration)
        }
        if let signatory {
            out.key("signatory")
            signatory.writeCanonical(to: &out)
        }
        if let timeZone {
            out.key("timeZone")
            out.string(timeZone)
        }
        out.endObject()
    }
}

extension Contact {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        if let email {
            out.key("email")
            out.string(email)
        }
        out.key("name")
        out.string(name)
        if let phone {
            out.key("phone")
            out.string(phone)
        }
        if let position {
            out.key("position")
            out.string(position)
        }
        out.endObject()
    }
}

extension Signatory {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        if let email {
            out.key("email")
            out.string(email)
        }
        out.key("name")
        out.string(name)
        out.key("position")
        out.string(position)
        out.endObject()
    }
}

extension ClauseSelection {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        out.key("clause")
        out.string(clause.rawValue)
        if let handoverNotes {
            out.key("handoverNotes")
            out.beginObject()
            for name in handoverNotes.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                out.key(name)
                out.string(handoverNotes[name] ?? "")
            }
            out.endObject()
        }
        // Both optional: a selection without wording of its own is written, and hashed, as before they existed.
        if let ownWording {
            out.key("ownWording")
            out.string(ownWording)
        }
        out.key("parameters")
        out.parameters(parameters)
        if let rider {
            out.key("rider")
            out.string(rider)
        }
        out.key("variant")
        out.string(variant)
        out.endObject()
    }
}

extension MeasureEntry {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        if let description {
            out.key("description")
            out.string(description)
        }
        if let heading {
            out.key("heading")
            out.integer(heading)
        }
        out.key("id")
        out.string(id)
        if let title {
            out.key("title")
            out.string(title)
        }
        out.endObject()
    }
}

extension AssistanceMeasure {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        out.key("area")
        out.string(area.rawValue)
        out.key("description")
        out.string(description)
        out.endObject()
    }
}

extension Subprocessor {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        out.key("address")
        out.string(address)
        // Both optional, absent in documents written before they existed, so those keep their hashes; when present they
        // are part of what is signed.
        if let adequacyConfirmed {
            out.key("adequacyConfirmed")
            out.bool(adequacyConfirmed)
        }
        if let backupFor {
            out.key("backupFor")
            out.string(backupFor)
        }
        if let contact {
            out.key("contact")
            contact.writeCanonical(to: &out)
        }
        out.key("country")
        out.string(country)
        out.key("dataCategories")
        out.strings(dataCategories)
        out.key("id")
        out.string(id)
        out.key("locations")
        out.strings(locations)
        out.key("name")
        out.string(name)
        if let onwardSubprocessors {
            out.key("onwardSubprocessors")
            out.array(onwardSubprocessors) { $1.writeCanonical(to: &$0) }
        }
        out.key("service")
        out.string(service)
        if let tiaReference {
            out.key("tiaReference")
            out.string(tiaReference)
        }
        out.key("transferMechanism")
        out.string(transferMechanism)
        out.endObject()
    }
}

extension OnwardSubprocessor {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        out.key("country")
        out.string(country)
        if let locations {
            out.key("locations")
            out.strings(locations)
        }
        out.key("name")
        out.string(name)
        out.key("service")
        out.string(service)
        out.endObject()
    }
}

extension CommercialTerms {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        if let assistanceFees {
            out.key("assistanceFees")
            out.string(assistanceFees)
        }
        if let notes {
            out.key("notes")
            out.string(notes)
        }
        out.endObject()
    }
}

extension Processing {
    /// The whole of Annex II's data, or only the members named in `keys` (the description item).
    func writeCanonical(to out: inout CanonicalWriter, only keys: Set<String>? = nil) {
        func include(_ key: String) -> Bool { out.key(key, ifIn: keys) }
        out.beginObject()
        if include("callRecording") { out.bool(callRecording) }
        if include("cardPayments") { out.bool(cardPayments) }
        if include("channels") { out.strings(channels) }
        if include("dataCategories") { out.marked(.dataCategories) { $0.array(dataCategories) { $1.writeCanonical(to: &$0) } } }
        if include("dataSubjects") { out.marked(.dataSubjects) { $0.strings(dataSubjects) } }
        if include("deliveryLocations") { out.marked(.deliveryLocations) { $0.array(deliveryLocations) { $1.writeCanonical(to: &$0) } } }
        if include("duration") { out.string(duration) }
        if include("frequency") { out.string(frequency) }
        if include("nature") { out.string(nature) }
        if include("operations") { out.strings(operations) }
        if include("purposes") { out.marked(.purposes) { $0.array(purposes) { $1.writeCanonical(to: &$0) } } }
        if include("retention") { out.string(retention) }
        if let services, include("services") { out.strings(services) }
        if include("specialCategories") { out.marked(.specialCategories) { $0.array(specialCategories) { $1.writeCanonical(to: &$0) } } }
        if include("subjectMatter") { out.string(subjectMatter) }
        out.endObject()
    }
}

extension PurposeEntry {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        out.key("dataCategories")
        out.strings(dataCategories)
        if let description {
            out.key("description")
            out.string(description)
        }
        if let disclosureBasis {
            out.key("disclosureBasis")
            out.string(disclosureBasis.rawValue)
        }
        if let disclosureCondition {
            out.key("disclosureCondition")
            out.string(disclosureCondition.rawValue)
        }
        if let lawfulBasis {
            out.key("lawfulBasis")
            out.string(lawfulBasis.rawValue)
        }
        out.key("purpose")
        out.string(purpose)
        if let recipient {
            out.key("recipient")
            out.string(recipient.rawValue)
        }
        if let role {
            out.key("role")
            out.string(role.rawValue)
        }
        if let specialCondition {
            out.key("specialCondition")
            out.string(specialCondition.rawValue)
        }
        out.endObject()
    }
}

extension DataCategoryEntry {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        out.key("category")
        out.string(category)
        if let note {
            out.key("note")
            out.string(note)
        }
        out.endObject()
    }
}

extension SpecialCategoryEntry {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        out.key("category")
        out.string(category)
        out.key("safeguards")
        out.string(safeguards)
        out.endObject()
    }
}

extension DeliveryLocation {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        if let adequacyConfirmed {
            out.key("adequacyConfirmed")
            out.bool(adequacyConfirmed)
        }
        out.key("country")
        out.string(country)
        if let entity {
            out.key("entity")
            out.string(entity)
        }
        out.key("homeWorking")
        out.bool(homeWorking)
        out.key("id")
        out.string(id)
        out.key("site")
        out.string(site)
        if let tiaReference {
            out.key("tiaReference")
            out.string(tiaReference)
        }
        if let transferMechanism {
            out.key("transferMechanism")
            out.string(transferMechanism)
        }
        out.endObject()
    }
}

extension ConsumerObligations {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        if let callRecordingAnnouncement {
            out.key("callRecordingAnnouncement")
            out.string(callRecordingAnnouncement)
        }
        out.key("complaintRoute")
        out.string(complaintRoute)
        out.key("identityVerification")
        out.string(identityVerification)
        out.key("privacyNotice")
        out.string(privacyNotice)
        out.key("rights")
        out.array(rights) { $1.writeCanonical(to: &$0) }
        out.endObject()
    }
}

extension RightAssignment {
    func writeCanonical(to out: inout CanonicalWriter) {
        out.beginObject()
        out.key("answeredBy")
        out.string(answeredBy.rawValue)
        if let handling {
            out.key("handling")
            out.string(handling)
        }
        out.key("right")
        out.string(right.rawValue)
        out.endObject()
    }
}
