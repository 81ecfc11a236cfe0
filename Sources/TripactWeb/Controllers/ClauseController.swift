import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The form for one clause: variant and parameters, each with its bounds and the reader's organisation's playbook positions. Saving
/// proposes a new version on top of the version the form was loaded from; if the head moved meanwhile, the answer is 409
/// with the changes since and the user's edits kept.
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
        router.get("agreements/:reference/clauses/:clause") { request, context in try show(request: request, context: context) }
        router.post("agreements/:reference/clauses/:clause") { request, context in try await save(request: request, context: context) }
        router.post("agreements/:reference/clauses/:clause/comments") { request, context in try await comment(request: request, context: context) }
        router.post("agreements/:reference/clauses/:clause/wording") { request, context in try await saveWording(request: request, context: context) }
    }

    /// Any user of either party but a viewer may comment; the thread stays with the item.
    private func comment(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference, _, clause) = try load(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(CommentForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let body = (form.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, !TextLimit.exceeds(body, Self.maximumTextLength) else {
            throw HTTPError(.unprocessableContent, message: "a comment needs between 1 and \(Self.maximumTextLength) characters; nothing was saved")
        }
        try store.comment(on: reference, item: ItemKey(rawValue: "clause:\(clause.id)"), body: body, by: session.user.email, isInternal: form.internal == "yes")
        return .redirect(to: "/agreements/\(AgreementController.path(reference))/clauses/\(AgreementController.path(clause.id.rawValue))#comments", type: .normal)
    }

    func load(_ context: TripactRequestContext) throws -> (TripactStore.Session, String, PartyRole, Clause)? {
        guard let (session, reference, party) = try AgreementAccess.check(context, store: store) else { return nil }
        let id = try context.pathParameter("clause")
        guard let clause = configuration.library.clause(ClauseID(id)) else { throw HTTPError(.notFound, message: "the library has no clause '\(id)'") }
        return (session, reference, party, clause)
    }

    private func show(request: Request, context: TripactRequestContext) throws -> Response {
        guard let (session, reference, party, clause) = try load(context) else { return .redirect(to: "/login", type: .normal) }
        let against = request.uri.queryParameters.get("against").map { String($0) }
        if let against, clause.variant(against) == nil {
            throw HTTPError(.badRequest, message: "against: the clause \u{201C}\(clause.title)\u{201D} has no such variant; choose one from the list")
        }
        let head = try Proposals.working(store: store, session: session, reference: reference)
        let selection = head.document.clauses.first { $0.clause == clause.id }
        let values = Dictionary(uniqueKeysWithValues: clause.parameters.map { spec in
            (spec.name, (selection?.parameters[spec.name] ?? spec.defaultValue).map(Self.formValue) ?? "")
        })
        let state = try store.itemStates(reference).first { $0.key.rawValue == "clause:\(clause.id)" }
        return form(
            session: session, reference: reference, party: party, clause: clause, base: head.number, variant: selection?.variant ?? clause.defaultVariant.key,
            values: values, message: "", errors: [:], state: state, status: .ok, against: against
        )
    }

    private func save(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference, party, clause) = try load(context) else { return .redirect(to: "/login", type: .normal) }
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
        let state = try store.itemStates(reference).first { $0.key.rawValue == "clause:\(clause.id)" }
        guard errors.isEmpty else {
            return self.form(
                session: session, reference: reference, party: party, clause: clause, base: base, variant: variant, values: entered, message: message,
                errors: errors, state: state, status: .unprocessableContent
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

    func form(
        session: TripactStore.Session, reference: String, party: PartyRole, clause: Clause, base: Int, variant: String, values: [String: String],
        message: String, errors: [String: String], state: ItemState?, status: HTTPResponse.Status, wording: WordingEntry = WordingEntry(),
        against: String? = nil
    ) -> Response {
        // Only the reader's organisation's own positions: the other side's are its private negotiating limits.
        let playbook = (try? store.playbook(organisationID: session.user.organisationID, side: party, library: configuration.library))
            ?? Playbook.library(configuration.library, side: party)
        var page = Page(title: "Clause: \(clause.title)")
        page.raw("<p><a href=\"/agreements/\(AgreementController.path(reference))\">Back to the agreement</a></p>")
        if clause.id == JointAllocation.clause {
            // The allocation table's rows are items of their own, edited together with their notes on one form.
            page.raw("<p><a href=\"/agreements/\(AgreementController.path(reference))/allocation\">Edit who is responsible for what (the allocation table)</a></p>")
        }
        page.raw("<p>")
        page.text(clause.summary)
        page.raw(" <small>[")
        page.text(clause.articleLine)
        page.raw("]</small></p><p>State: ")
        page.text(state?.label ?? "not in this version")
        page.raw("</p>")
        // The wording as the agreement's current version prints it, values filled, before the form that changes it; the
        // side's own draft's wording instead when its draft changes the clause (only this side ever reads its draft).
        let head = try? store.version(reference)
        let draft = session.user.signingOnly == nil ? ((try? store.draft(reference, for: session.user.email)) ?? nil) : nil
        if let head {
            writeWording(&page, reference: reference, clause: clause, head: head, draft: draft, playbook: playbook, against: against)
        }
        if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); see the fields below. Nothing was saved.</p>") }
        page.raw("<form method=\"post\" action=\"/agreements/\(AgreementController.path(reference))/clauses/\(AgreementController.path(clause.id.rawValue))\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"base\" value=\"\(base)\">")
        page.raw("<label for=\"variant\">Variant</label><select id=\"variant\" name=\"variant\"\(errors["variant"] != nil ? " aria-invalid=\"true\" aria-describedby=\"variant-error\"" : "")>")
        for option in clause.variants {
            page.option(option.key, "\(option.label) (leans \(option.stance.rawValue))", selected: option.key == variant)
        }
        page.raw("</select>")
        Self.error(&page, errors["variant"], id: "variant-error")
        if let positions = playbook.variantPositions(clause.id) {
            page.raw("<p><small>Your playbook: ")
            page.text(Playbook.sentence(positions, of: clause))
            page.raw("</small></p>")
        }
        for spec in clause.parameters {
            let id = "parameter-\(spec.name)"
            page.raw("<label for=\"\(HTMLEscaping.escape(id))\">")
            page.text(spec.label + Self.bounds(spec))
            page.raw("</label>")
            let invalid = errors[spec.name] != nil ? " aria-invalid=\"true\" aria-describedby=\"\(HTMLEscaping.escape(id))-error\"" : ""
            let value = values[spec.name] ?? ""
            switch spec.kind {
            case .integer(_, let min, let max):
                page.raw("<input id=\"\(HTMLEscaping.escape(id))\" name=\"parameters[\(HTMLEscaping.escape(spec.name))]\" type=\"number\" min=\"\(min)\" max=\"\(max)\" step=\"1\" value=\"")
                page.text(value)
                page.raw("\"\(invalid)>")
            case .enumeration(let options):
                page.raw("<select id=\"\(HTMLEscaping.escape(id))\" name=\"parameters[\(HTMLEscaping.escape(spec.name))]\"\(invalid)>")
                for option in options {
                    page.option(option.key, option.text, selected: option.key == value)
                }
                page.raw("</select>")
            case .boolean:
                page.raw("<select id=\"\(HTMLEscaping.escape(id))\" name=\"parameters[\(HTMLEscaping.escape(spec.name))]\"\(invalid)>")
                for option in ["yes", "no"] { page.raw("<option value=\"\(option)\"\(option == value ? " selected" : "")>\(option)</option>") }
                page.raw("</select>")
            case .text, .date:
                let type = spec.kind == .date ? "date" : "text"
                page.raw("<input id=\"\(HTMLEscaping.escape(id))\" name=\"parameters[\(HTMLEscaping.escape(spec.name))]\" type=\"\(type)\" maxlength=\"\(Self.maximumTextLength)\" value=\"")
                page.text(value)
                page.raw("\"\(invalid)> <label class=\"inline\"><input type=\"checkbox\" name=\"clear[\(HTMLEscaping.escape(spec.name))]\" value=\"yes\"> clear this value</label>")
            }
            Self.error(&page, errors[spec.name], id: "\(id)-error")
            // Only the user's own side's positions: the other side's are its private negotiating limits.
            if let positions = playbook.parameterPositions(clause.id, spec.name) {
                page.raw("<p><small>")
                page.text("Your playbook: \(Playbook.sentence(positions, of: spec)).")
                page.raw("</small></p>")
            }
        }
        page.raw("<label for=\"message\">Message for the other side</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"\(Self.maximumMessageLength)\" required\(errors["message"] != nil ? " aria-invalid=\"true\" aria-describedby=\"message-error\"" : "")>")
        page.text(message)
        page.raw("</textarea>")
        Self.error(&page, errors["message"], id: "message-error")
        page.proposeButton(base: base, session: session, offerSending: true)
        page.raw("</form>")
        writeWordingForm(&page, session: session, reference: reference, clause: clause, base: base, document: draft?.document ?? head?.document, entry: wording)
        let key = ItemKey(rawValue: "clause:\(clause.id)")
        // Accept and reject name the head the user sees now, which is the form's base unless the form is being re-shown.
        let summary = try? store.agreement(reference)
        let view = ItemNegotiationView(
            session: session, reference: reference, party: party, key: key, state: state, head: summary?.head ?? base, status: summary?.status ?? .draft,
            comments: (try? store.comments(reference, item: key, visibleTo: session.user.organisationID)) ?? [],
            disputes: ((try? store.disputes(reference)) ?? []).filter { $0.item == key },
            commentAction: "/agreements/\(AgreementController.path(reference))/clauses/\(AgreementController.path(clause.id.rawValue))/comments", back: "clause"
        )
        view.render(into: &page)
        return page.response(status: status, session: session)
    }

    static func error(_ page: inout Page, _ message: String?, id: String) {
        guard let message else { return }
        page.raw("<p class=\"error\" id=\"\(HTMLEscaping.escape(id))\">")
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
