import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// Selective acceptance: the checked items, whole annexes, or everything except the checked items, confirmed on a
/// page that lists what will be accepted in words before anything changes (`AcceptanceReviewPage`).
extension AgreementController {
    struct AcceptReviewForm: Decodable {
        let _csrf: String?
        let version: Int?
        /// `only` (the checked items) or `except` (everything but them).
        let mode: String?
        let items: [String]?
    }

    func reviewAcceptance(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(AcceptReviewForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let (reference, party) = try AgreementAccess.check(context, session: session, store: store)
        try session.user.requireNegotiator("accept items")
        guard let version = form.version else { throw HTTPError(.badRequest, message: "the form does not say which version you reviewed") }
        let model = try AcceptanceReviewPage.Model.load(
            store: store, library: configuration.library, reference: reference, party: party, version: version, mode: form.mode, names: form.items ?? []
        )
        return AcceptanceReviewPage.View(model: model).page(session: session).response(status: model.problem == nil ? .ok : .unprocessableContent, session: session)
    }
}
