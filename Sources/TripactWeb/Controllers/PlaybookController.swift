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
        router.get(.playbook) { request, _, session in try show(request: request, session: session) }
        router.get(.playbookExport) { request, _, session in try export(request: request, session: session) }
        router.post(.playbookClause) { request, context, session in try await save(request: request, context: context, session: session) }
        router.post(.playbookRoles) { request, context, session in try await saveRoles(request: request, context: context, session: session) }
    }

    typealias Entered = PlaybookPage.Entered

    /// The side asked for (`?side=`), else the side the organisation takes in its agreements (controller when both or none).
    private func side(_ request: Request, organisationID: Int) throws -> PartyRole {
        if let asked = request.uri.queryParameters.get("side") {
            guard let side = PartyRole(rawValue: asked) else { throw HTTPError(.badRequest, message: "side is controller or processor") }
            return side
        }
        return try store.sides(organisationID: organisationID).first ?? .controller
    }

    private func show(request: Request, session: TripactStore.Session) throws -> Response {
        let side = try side(request, organisationID: session.user.organisationID)
        return try page(session: session, side: side, entered: nil, status: .ok)
    }

    private func export(request: Request, session: TripactStore.Session) throws -> Response {
        let side = try side(request, organisationID: session.user.organisationID)
        let playbook = try store.playbook(organisationID: session.user.organisationID, side: side, library: configuration.library)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"playbook-\(side.rawValue).json\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: PlaybookCodec.prettyJSON(playbook))))
    }

    private func save(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
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
        return .redirect(to: SiteRoute.playbook.link(query: ["side": side.rawValue], fragment: PlaybookForm.anchor(clause)), type: .normal)
    }

    /// The positions on who decides a purpose, from the roles form.
    private func saveRoles(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
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
        return .redirect(to: SiteRoute.playbook.link(query: ["side": side.rawValue], fragment: PlaybookForm.rolesAnchor), type: .normal)
    }

    private func page(session: TripactStore.Session, side: PartyRole, entered: Entered?, status: HTTPResponse.Status) throws -> Response {
        let model = try PlaybookPage.Model.load(store: store, library: configuration.library, session: session, side: side, entered: entered)
        return PlaybookPage.View(model: model).page(session: session).response(status: status, session: session)
    }
}
