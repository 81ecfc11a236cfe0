import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// A document stored before some clauses became mandatory fails validation until they are added. The agreement page
/// offers the way out (`AgreementPage.View`): one proposal, on the version the page showed, that adds every missing
/// mandatory clause in the library's default wording. Like every proposal it needs the CSRF token and a role that
/// proposes, and a stale base is refused without writing anything.
extension AgreementController {
    func addMissingClauses(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        let form = try await FormDecoding.decode([String: String].self, request: request, context: context)
        let base = try Proposals.start(store: store, session: session, reference: reference, csrf: form["_csrf"], base: form["base"].flatMap(Int.init))
        let (document, added) = MissingClauses.adding(to: base.document, library: configuration.library)
        guard !added.isEmpty else { return .redirect(to: SiteRoute.agreement.link(reference), type: .normal) }
        let message = "Adds the clauses now required, in their standard wording: " + added.map(\.title).joined(separator: ", ")
        return try Proposals.saveDraft(store: store, working: base, edited: document, reference: reference, session: session, note: message)
    }
}
