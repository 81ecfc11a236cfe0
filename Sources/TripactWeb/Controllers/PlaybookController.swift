import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The organisation's private playbook: for each clause the preferred, fallback and walk-away variant, and the same for
/// each parameter, in the library's words. Admins and legal users change it (one form per clause); everyone else in the
/// organisation reads it. Nothing here is ever shown to another organisation.
struct PlaybookController {
    let store: TripactStore
    let configuration: WebConfiguration

    func register(on router: Routes) {
        router.get("playbook") { request, context in try show(request: request, context: context) }
        router.get("playbook/export") { request, context in try export(request: request, context: context) }
        router.post("playbook/clauses/:clause") { request, context in try await save(request: request, context: context) }
        router.post("playbook/roles") { request, context in try await saveRoles(request: request, context: context) }
    }

    /// What the user typed into one clause's form (or, with no clause, the roles form), re-shown with the problems at
    /// their fields after a refusal.
    struct Entered {
        let clause: ClauseID?
        let values: [String: String]
        let errors: [String: String]
    }

    /// The side asked for (`?side=`), else the side the organisation takes in its agreements (controller when both or none).
    private func side(_ request: Request, organisationID: Int) throws -> PartyRole {
        if let asked = request.uri.queryParameters.get("side") {
            guard let side = PartyRole(rawValue: asked) else { throw HTTPError(.badRequest, message: "side is controller or processor") }
            return side
        }
        return try store.sides(organisationID: organisationID).first ?? .controller
    }

    private func show(request: Request, context: TripactRequestContext) throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let side = try side(request, organisationID: session.user.organisationID)
        return try page(session: session, side: side, entered: nil, status: .ok)
    }

    private func export(request: Request, context: TripactRequestContext) throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let side = try side(request, organisationID: session.user.organisationID)
        let playbook = try store.playbook(organisationID: session.user.organisationID, side: side, library: configuration.library)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"playbook-\(side.rawValue).json\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: PlaybookCodec.prettyJSON(playbook))))
    }

    private func save(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode([String: String].self, request: request, context: context)
        try FormDecoding.requireCSRF(form["_csrf"], session: session)
        try session.user.requireNegotiator("change the organisation's playbook")
        let id = ClauseID(try context.pathParameter("clause"))
        let library = configuration.library
        guard let clause = library.clause(id) else { throw HTTPError(.notFound, message: "the library has no clause '\(id)'") }
        guard let side = PartyRole(rawValue: form["side"] ?? "") else { throw HTTPError(.badRequest, message: "the form does not say which side's playbook it changes") }
        var playbook = try store.playbook(organisationID: session.user.organisationID, side: side, library: library)
        var errors: [String: String] = [:]
        func values(_ prefix: String) -> PlaybookEdit.Values {
            // An empty field (the "—" of a clause without positions) keeps what is there.
            func typed(_ field: String) -> String? { form[prefix + field].flatMap { $0.isEmpty ? nil : $0 } }
            return PlaybookEdit.Values(preferred: typed("preferred"), fallback: typed("fallback"), walkAway: typed("walk-away"))
        }
        if PlaybookForm.hasVariantChoice(clause), !values(PlaybookForm.variantPrefix).isEmpty {
            do {
                playbook = try PlaybookEdit.settingVariant(playbook, clause: id, values(PlaybookForm.variantPrefix), library: library)
            } catch {
                for problem in error.problems { errors[PlaybookForm.variantPrefix + problem.field] = PlaybookForm.message(problem) }
            }
        }
        for spec in PlaybookForm.parameters(of: clause) where !values(PlaybookForm.parameterPrefix(spec)).isEmpty {
            do {
                playbook = try PlaybookEdit.settingParameter(playbook, clause: id, parameter: spec.name, values(PlaybookForm.parameterPrefix(spec)), library: library)
            } catch {
                for problem in error.problems { errors[PlaybookForm.parameterPrefix(spec) + problem.field] = PlaybookForm.message(problem) }
            }
        }
        guard errors.isEmpty else {
            return try page(session: session, side: side, entered: Entered(clause: id, values: form, errors: errors), status: .unprocessableContent)
        }
        try store.savePlaybook(playbook, by: session.user.email, library: library)
        return .redirect(to: "/playbook?side=\(side.rawValue)#\(PlaybookForm.anchor(clause))", type: .normal)
    }

    /// The positions on who decides a purpose, from the roles form.
    private func saveRoles(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode([String: String].self, request: request, context: context)
        try FormDecoding.requireCSRF(form["_csrf"], session: session)
        try session.user.requireNegotiator("change the organisation's playbook")
        guard let side = PartyRole(rawValue: form["side"] ?? "") else { throw HTTPError(.badRequest, message: "the form does not say which side's playbook it changes") }
        let library = configuration.library
        let current = try store.playbook(organisationID: session.user.organisationID, side: side, library: library)
        func typed(_ field: String) -> String? { form[PlaybookForm.rolesPrefix + field].flatMap { $0.isEmpty ? nil : $0 } }
        let values = PlaybookEdit.Values(preferred: typed("preferred"), fallback: typed("fallback"), walkAway: typed("walk-away"))
        do {
            let changed = try PlaybookEdit.settingRoles(current, values)
            try store.savePlaybook(changed, by: session.user.email, library: library)
        } catch let error as PlaybookEditError {
            let errors = Dictionary(error.problems.map { (PlaybookForm.rolesPrefix + $0.field, PlaybookForm.message($0)) }, uniquingKeysWith: { first, _ in first })
            return try page(session: session, side: side, entered: Entered(clause: nil, values: form, errors: errors), status: .unprocessableContent)
        }
        return .redirect(to: "/playbook?side=\(side.rawValue)#\(PlaybookForm.rolesAnchor)", type: .normal)
    }

    private func page(session: TripactStore.Session, side: PartyRole, entered: Entered?, status: HTTPResponse.Status) throws -> Response {
        let library = configuration.library
        let organisationID = session.user.organisationID
        let playbook = try store.playbook(organisationID: organisationID, side: side, library: library)
        let defaults = Playbook.library(library, side: side)
        let sideName = side == .controller ? "Controller" : "Processor"
        var page = Page(title: "Your playbook as \(sideName)")
        page.raw("<p>Your organisation's private negotiating positions when it is the \(sideName): for each clause the variant you prefer, the one you fall back to and the least you accept (walk-away), and the same for each number or option. Tripact judges every change you are shown against these positions. The other side never sees them.</p>")
        let other = side == .controller ? PartyRole.processor : .controller
        page.raw("<p class=\"actions\"><a href=\"/playbook?side=\(other.rawValue)\">Your playbook as \(other == .controller ? "Controller" : "Processor")</a> ")
        page.raw("<a href=\"/playbook/export?side=\(side.rawValue)\" download>Download as JSON</a> <a href=\"/\">Back to the agreements</a></p>")
        if let change = try store.playbookChange(organisationID: organisationID, side: side) {
            page.raw("<p>")
            page.text("Last changed by \(change.by) on \(String(change.at.prefix(10))). Positions marked “changed” differ from the clause library's.")
            page.raw("</p>")
        } else {
            page.raw("<p>Your organisation uses the clause library's positions for the \(sideName) unchanged.</p>")
        }
        let editable = session.user.role.mayPropose
        if !editable { page.raw("<p>Admins and legal users of your organisation change the playbook; you can read it.</p>") }
        if let entered {
            page.raw("<p class=\"error\" role=\"alert\">The form for <a href=\"#\(entered.clause.map { PlaybookForm.anchor($0) } ?? PlaybookForm.rolesAnchor)\">")
            page.text(entered.clause.map { library.clause($0)?.title ?? "" } ?? "who decides a purpose")
            page.raw("</a> has \(entered.errors.count) problem\(entered.errors.count == 1 ? "" : "s"). Nothing was saved.</p>")
        }
        let view = PlaybookForm(playbook: playbook, defaults: defaults, session: session, editable: editable)
        view.writeRoles(into: &page, entered: entered?.clause == nil ? entered : nil)
        for clause in library.clauses.sorted(by: { $0.order < $1.order }) where PlaybookForm.shows(clause, playbook: playbook) {
            view.write(clause, into: &page, entered: entered?.clause == clause.id ? entered : nil)
        }
        return page.response(status: status, session: session)
    }
}
