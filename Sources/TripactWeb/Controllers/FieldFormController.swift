import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// One text field of a part of the agreement: how to read it from a document and write it back.
struct TextField: Sendable {
    let key: String
    let label: String
    let multiline: Bool
    let get: @Sendable (AgreementDocument) -> String
    let set: @Sendable (inout AgreementDocument, String) -> Void
    /// What is wrong with a value about to be saved (an empty string when the field is cleared), or nil.
    var problem: (@Sendable (String) -> String?)? = nil
}

/// Forms made of text fields (Annex I: the parties; Annex V: obligations towards data subjects; the terms; Annex III's
/// assistance), each registered at its own route. The page is `FieldFormPage`. Saving writes into the side's draft; a
/// blank field keeps what is stored unless its "clear" box is ticked.
struct FieldFormController {
    let store: TripactStore
    let configuration: WebConfiguration
    let route: SiteRoute
    let title: String
    let fields: [TextField]
    static let maximumLength = 4_000

    func register(on router: Routes) {
        router.get(route) { _, context, session in
            let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
            let model = try FieldFormPage.Model.load(store: store, session: session, reference: reference, route: route, title: title, fields: fields)
            return FieldFormPage.View(model: model).page(session: session).response(session: session)
        }
        router.post(route) { request, context, session in try await save(request: request, context: context, session: session) }
    }

    private func save(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        let form = try await FormDecoding.decode([String: String].self, request: request, context: context)
        let baseVersion = try Proposals.start(store: store, session: session, reference: reference, csrf: form["_csrf"], base: form["base"].flatMap(Int.init))
        var document = baseVersion.document
        var values: [String: String] = [:]
        var errors: [String: String] = [:]
        for field in fields {
            let entered = (form["field.\(field.key)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if TextLimit.exceeds(entered, Self.maximumLength) { errors[field.key] = "at most \(Self.maximumLength) characters" }
            if !entered.isEmpty || form["clear.\(field.key)"] == "yes" {
                if let problem = field.problem?(entered) { errors[field.key] = problem }
                field.set(&document, entered)
                values[field.key] = entered
            } else {
                values[field.key] = field.get(document)
            }
        }
        let message = (form["message"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if message.isEmpty { errors["message"] = "say what you changed and why" } else if TextLimit.exceeds(message, 500) { errors["message"] = "at most 500 characters" }
        guard errors.isEmpty else {
            let model = FieldFormPage.Model.submitted(
                reference: reference, route: route, title: title, fields: fields, base: baseVersion.number, values: values, message: message, errors: errors
            )
            return FieldFormPage.View(model: model).page(session: session).response(status: .unprocessableContent, session: session)
        }
        return try Proposals.saveDraft(store: store, working: baseVersion, edited: document, reference: reference, session: session, note: message)
    }
}

/// The text fields of Annex I (both parties) and Annex V.
enum PartForms {
    static func parties() -> [TextField] {
        PartyRole.allCases.flatMap { role -> [TextField] in
            let side = role == .controller ? "Controller" : "Processor"
            func party(_ key: String, _ label: String, _ get: @escaping @Sendable (Party) -> String, _ set: @escaping @Sendable (inout Party, String) -> Void) -> TextField {
                TextField(
                    key: "\(role.rawValue).\(key)", label: "\(side): \(label)", multiline: false,
                    get: { get($0.parties[role]) }, set: { document, value in set(&document.parties[role], value) }
                )
            }
            return [
                party("name", "name", { $0.name }, { $0.name = $1 }),
                party("registration", "registration number", { $0.registration ?? "" }, { $0.registration = $1.isEmpty ? nil : $1 }),
                party("address", "address", { $0.address }, { $0.address = $1 }),
                party("country", "country (ISO code, e.g. FR)", { $0.country }, { $0.country = $1.uppercased() }),
                party("contact.name", "contact person", { $0.contact.name }, { $0.contact.name = $1 }),
                party("contact.position", "contact's position", { $0.contact.position ?? "" }, { $0.contact.position = $1.isEmpty ? nil : $1 }),
                party("contact.email", "contact's e-mail", { $0.contact.email ?? "" }, { $0.contact.email = $1.isEmpty ? nil : $1 }),
                party("contact.phone", "contact's phone", { $0.contact.phone ?? "" }, { $0.contact.phone = $1.isEmpty ? nil : $1 }),
                party("dpo.name", "data protection officer", { $0.dpo?.name ?? "" }, { party, value in
                    party.dpo = value.isEmpty ? nil : Contact(name: value, position: party.dpo?.position, email: party.dpo?.email, phone: party.dpo?.phone)
                }),
                party("dpo.email", "DPO's e-mail", { $0.dpo?.email ?? "" }, { party, value in
                    if party.dpo != nil { party.dpo?.email = value.isEmpty ? nil : value }
                }),
                party("signatory.name", "signatory", { $0.signatory?.name ?? "" }, { party, value in
                    party.signatory = value.isEmpty ? nil : Signatory(name: value, position: party.signatory?.position ?? "", email: party.signatory?.email)
                }),
                party("signatory.position", "signatory's position", { $0.signatory?.position ?? "" }, { party, value in
                    if party.signatory != nil { party.signatory?.position = value }
                }),
                // Only the user with this address signs for the party.
                party("signatory.email", "signatory's e-mail (only they sign)", { $0.signatory?.email ?? "" }, { party, value in
                    if party.signatory != nil { party.signatory?.email = value.isEmpty ? nil : value }
                }),
                party("timeZone", "time zone of the signature (e.g. Europe/Paris; empty: UTC)", { $0.timeZone ?? "" }, { $0.timeZone = $1.isEmpty ? nil : $1 }),
            ]
        }
    }

    static func consumer() -> [TextField] {
        [
            TextField(key: "identityVerification", label: "Identity check before disclosing account data (Art. 12(6))", multiline: true,
                      get: { $0.consumerObligations.identityVerification }, set: { $0.consumerObligations.identityVerification = $1 }),
            TextField(key: "privacyNotice", label: "What agents tell consumers about the processing (Art. 13, 14)", multiline: true,
                      get: { $0.consumerObligations.privacyNotice }, set: { $0.consumerObligations.privacyNotice = $1 }),
            TextField(key: "callRecordingAnnouncement", label: "Call-recording announcement", multiline: true,
                      get: { $0.consumerObligations.callRecordingAnnouncement ?? "" }, set: { $0.consumerObligations.callRecordingAnnouncement = $1.isEmpty ? nil : $1 }),
            TextField(key: "complaintRoute", label: "Complaint route", multiline: true,
                      get: { $0.consumerObligations.complaintRoute }, set: { $0.consumerObligations.complaintRoute = $1 }),
        ]
    }
}
