import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// "Mark version N as reviewed": the agreement page then marks in the text only what later versions change.
///
/// Explicit, not on opening the page: a lawyer marks a version reviewed once they have read it, and the marks must
/// survive the page's own reloads (every accept and every comment returns to it), or they would vanish before being read.
extension AgreementController {
    struct ReviewedForm: Decodable {
        let _csrf: String?
        let version: String?
    }

    func markReviewed(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(ReviewedForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        guard let text = form.version, let version = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw HTTPError(.badRequest, message: "version: say which version you reviewed, as a number")
        }
        try store.markReviewed(reference, version: version, by: session.user.email)
        return .redirect(to: SiteRoute.agreement.link(reference, fragment: "review"), type: .normal)
    }
}
