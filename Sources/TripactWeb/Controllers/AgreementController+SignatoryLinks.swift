import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// Withdrawing one of the side's open signatory links (listed on the signing page, `SignConfirmationPage`). A withdrawn
/// link answers like an expired one and creates no account.
extension AgreementController {
    struct WithdrawLinkForm: Decodable {
        let _csrf: String?
        let link: Int?
    }

    func withdrawSignatoryLink(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(WithdrawLinkForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        guard let id = form.link else { throw HTTPError(.badRequest, message: "link: the form does not say which link to withdraw") }
        do {
            try store.withdrawSignatoryLink(id, on: reference, by: session.user.email)
        } catch {
            // The other side's links, and links no longer open, are as unknown as links that never existed.
            if case .invalid(_) = error { throw HTTPError(.notFound, message: "no open signatory link \(id) of your side for this agreement; nothing was withdrawn") }
            throw error
        }
        return .redirect(to: SiteRoute.sign.link(reference, fragment: "signatory-links"), type: .normal)
    }
}
