import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// A document stored before some clauses became mandatory fails validation until they are added. The agreement page
/// offers the way out: one proposal, on the version the page showed, that adds every missing mandatory clause in the
/// library's default wording. Like every proposal it needs the CSRF token and a role that proposes, and a stale base
/// is refused without writing anything.
extension AgreementController {
    static func addMissingClausesPath(_ reference: String) -> String { "/agreements/\(path(reference))/add-missing-clauses" }

    /// The offer, under the validation findings, when clauses that must be there are missing.
    static func writeMissingClausesOffer(_ page: inout Page, reference: String, head: Version, library: ClauseLibrary, session: TripactStore.Session) {
        let missing = MissingClauses.missing(in: head.document, library: library)
        guard !missing.isEmpty else { return }
        page.raw("<form id=\"add-missing-clauses\" method=\"post\" action=\"\(addMissingClausesPath(reference))\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"base\" value=\"\(head.number)\"><p>")
        let titles = missing.map(\.title)
        page.text(
            "This agreement lacks \(titles.count == 1 ? "a clause" : "\(titles.count) clauses") that every agreement like it now needs: \(titles.joined(separator: ", ")). "
                + "You can propose them in one version, each in the library's standard wording with its usual values; the other side reviews them like any change."
        )
        page.raw("</p><p><button type=\"submit\">Add the missing clauses to your side's draft</button></p></form>")
    }

    func addMissingClauses(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let access = try AgreementAccess.check(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode([String: String].self, request: request, context: context)
        let base = try Proposals.start(store: store, session: access.session, reference: access.reference, csrf: form["_csrf"], base: form["base"].flatMap(Int.init))
        let (document, added) = MissingClauses.adding(to: base.document, library: configuration.library)
        let back = "/agreements/\(Self.path(access.reference))"
        guard !added.isEmpty else { return .redirect(to: back, type: .normal) }
        let message = "Adds the clauses now required, in their standard wording: " + added.map(\.title).joined(separator: ", ")
        return try Proposals.saveDraft(store: store, working: base, edited: document, reference: access.reference, session: access.session, note: message)
    }
}
