import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The clause page (`ClausePage`) and its forms: variant and parameters, each with its bounds and the reader's
/// organisation's playbook positions. Saving proposes a new version on top of the version the form was loaded from; if
/// the head moved meanwhile, the answer is 409 with the changes since and the user's edits kept.
struct ClauseController {
    let store: TripactStore
    let configuration: WebConfiguration
    static let maximumTextLength = 2_000
    static let maximumMessageLength = 500

    struct ClauseForm: Decodable {
        let _csrf: String?
        let base: Int?
        let variant: String?
        let message: String?
        let parameters: [String: String]?
        let clear: [String: String]?
        /// "send": save into the draft and send the whole draft at once, this form's message its cover message.
        let then: String?
    }

    struct CommentForm: Decodable {
        let _csrf: String?
        let body: String?
        /// "yes": an internal comment, visible only to the author's organisation.
        let `internal`: String?
    }

    func register(on router: Routes) {
        router.get(.clause) { request, context, session in try show(request: request, context: context, session: session) }
        router.post(.clause) { request, context, session in try await save(request: request, context: context, session: session) }
        router.post(.clauseComments) { request, context, session in try await comment(request: request, context: context, session: session) }
        router.post(.clauseWording) { request, context, session in try await saveWording(request: request, context: context, session: session) }
    }

    /// Any user of either party but a viewer may comment; the thread stays with the item.
    private func comment(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, _, clause) = try load(context, session: session)
        let form = try await FormDecoding.decode(CommentForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let body = (form.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, !TextLimit.exceeds(body, Self.maximumTextLength) else {
            throw HTTPError(.unprocessableContent, message: "a comment needs between 1 and \(Self.maximumTextLength) characters; nothing was saved")
        }
        try store.comment(on: reference, item: ItemKey(rawValue: "clause:\(clause.id)"), body: body, by: session.user.email, isInternal: form.internal == "yes")
        return .redirect(to: SiteRoute.clause.link(reference, clause.id.rawValue, fragment: "comments"), type: .normal)
    }

    /// The reference and party, after the access check, and the library's clause the path names.
    func load(_ context: TripactRequestContext, session: TripactStore.Session) throws -> (String, PartyRole, Clause) {
        let (reference, party) = try AgreementAccess.check(context, session: session, store: store)
        let id = try context.pathParameter("clause")
        guard let clause = configuration.library.clause(ClauseID(id)) else { throw HTTPError(.notFound, message: "the library has no clause '\(id)'") }
        return (reference, party, clause)
    }

    private func show(request: Request, context: TripactRequestContext, session: TripactStore.Session) throws -> Response {
        let (reference, party, clause) = try load(context, session: session)
        let against = request.uri.queryParameters.get("against").map { String($0) }
        if let against, clause.variant(against) == nil {
            throw HTTPError(.badRequest, message: "against: the clause \u{201C}\(clause.title)\u{201D} has no such variant; choose one from the list")
        }
        let model = try ClausePage.Model.load(
            store: store, library: configuration.library, session: session, reference: reference, party: party, clause: clause, against: against
        )
        return ClausePage.View(model: model).page(session: session).response(session: session)
    }

    /// The clause page again with what was entered and its problems.
    func answerWithProblems(
        session: TripactStore.Session, reference: String, party: PartyRole, clause: Clause, entered: ClausePage.Entered,
        wording: ClausePage.WordingEntry = ClausePage.WordingEntry()
    ) throws -> Response {
        let model = try ClausePage.Model.load(
            store: store, library: configuration.library, session: session, reference: reference, party: party, clause: clause, entered: entered, wording: wording
        )
        return ClausePage.View(model: model).page(session: session).response(status: .unprocessableContent, session: session)
    }

    private func save(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, party, clause) = try load(context, session: session)
        let form = try await FormDecoding.decode(ClauseForm.self, request: request, context: context)
        let baseVersion = try Proposals.start(store: store, session: session, reference: reference, csrf: form._csrf, base: form.base)
        let base = baseVersion.number
        let stored = baseVersion.document.clauses.first { $0.clause == clause.id }
        var errors: [String: String] = [:]
        var entered: [String: String] = [:]
        var parameters: [String: ParameterValue] = [:]
        let variant = form.variant ?? ""
        if clause.variant(variant) == nil { errors["variant"] = "choose one of the variants" }
        for spec in clause.parameters {
            let raw = (form.parameters?[spec.name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            entered[spec.name] = raw
            if raw.isEmpty, form.clear?[spec.name] != "yes", let kept = stored?.parameters[spec.name] ?? spec.defaultValue {
                // A blank field keeps what is stored; only the explicit "clear" box empties a value.
                parameters[spec.name] = kept
                entered[spec.name] = Self.formValue(kept)
                continue
            }
            if TextLimit.exceeds(raw, Self.maximumTextLength) {
                errors[spec.name] = "at most \(Self.maximumTextLength) characters"
                continue
            }
            guard let value = Self.parse(raw, as: spec) else {
                errors[spec.name] = "enter \(Self.expectation(spec))"
                continue
            }
            if let problem = spec.problem(with: value) {
                errors[spec.name] = "\(spec.name) \(problem)"
                continue
            }
            if case .string(let text) = value, text.isEmpty { continue }
            parameters[spec.name] = value
        }
        let message = (form.message ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if message.isEmpty { errors["message"] = "say what you changed and why" }
        if TextLimit.exceeds(message, Self.maximumMessageLength) { errors["message"] = "at most \(Self.maximumMessageLength) characters" }
        guard errors.isEmpty else {
            return try answerWithProblems(
                session: session, reference: reference, party: party, clause: clause,
                entered: ClausePage.Entered(base: base, variant: variant, values: entered, message: message, errors: errors)
            )
        }
        var document = baseVersion.document
        // The parties' own wording and rider stay as they are: this form changes the variant and the values only.
        let selection = ClauseSelection(clause: clause.id, variant: variant, parameters: parameters, ownWording: stored?.ownWording, rider: stored?.rider)
        if let index = document.clauses.firstIndex(where: { $0.clause == clause.id }) {
            document.clauses[index] = selection
        } else {
            document.clauses.append(selection)
        }
        if form.then == "send" {
            return try Proposals.saveAndSend(
                store: store, configuration: configuration, working: baseVersion, edited: document, reference: reference, party: party, session: session, note: message
            )
        }
        return try Proposals.saveDraft(store: store, working: baseVersion, edited: document, reference: reference, session: session, note: message)
    }

    static func error(_ page: inout Page, _ message: String?, id: String) {
        guard let message else { return }
        page.raw("<p class=\"error\" id=\"")
        page.text(id)
        page.raw("\">")
        page.text(message)
        page.raw("</p>")
    }

    static func bounds(_ spec: ParameterSpec) -> String {
        if case .integer(let unit, let min, let max) = spec.kind { return " (\(unit.format(min)) to \(unit.format(max)))" }
        return ""
    }

    static func formValue(_ value: ParameterValue) -> String {
        switch value {
        case .integer(let number): String(number)
        case .boolean(let flag): flag ? "yes" : "no"
        case .string(let text): text
        }
    }

    static func parse(_ raw: String, as spec: ParameterSpec) -> ParameterValue? {
        switch spec.kind {
        case .integer: Int(raw).map(ParameterValue.integer)
        case .boolean: raw == "yes" ? .boolean(true) : raw == "no" ? .boolean(false) : nil
        case .enumeration, .text, .date: .string(raw)
        }
    }

    static func expectation(_ spec: ParameterSpec) -> String {
        switch spec.kind {
        case .integer: "a whole number"
        case .boolean: "yes or no"
        case .enumeration: "one of the options"
        case .text: "text"
        case .date: "a date"
        }
    }
}
