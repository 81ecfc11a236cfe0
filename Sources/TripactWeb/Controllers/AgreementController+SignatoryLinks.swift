import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The side's open signatory links on the signing page, for the admins and legal users who may make them: who each is
/// for, until when it works and who made it, and a button that withdraws it. A withdrawn link answers like an expired
/// one and creates no account.
extension AgreementController {
    struct WithdrawLinkForm: Decodable {
        let _csrf: String?
        let link: Int?
    }

    func writeOpenSignatoryLinks(_ page: inout Page, session: TripactStore.Session, agreement: String, reference: String) {
        guard session.user.role.mayPropose, session.user.signingOnly == nil,
            let links = try? store.openSignatoryLinks(on: reference, for: session.user.email), !links.isEmpty
        else { return }
        page.raw("<section id=\"signatory-links\" aria-labelledby=\"signatory-links-heading\"><h2 id=\"signatory-links-heading\">Invitation links still open</h2>")
        page.raw("<p>Links your side made for its signatory that have not been used yet. Withdraw one that went to the wrong person or is no longer needed: it then answers as expired and creates no account.</p><ul>")
        for link in links {
            page.raw("<li><span id=\"signatory-link-\(link.id)\">")
            page.text("For \(link.name) (\(link.email)); works until \(AccountForm.utc(link.expiresAt)); made by \(link.createdByName) on \(link.createdAt.prefix(10)).")
            page.raw("</span><form method=\"post\" action=\"\(agreement)/signatory-links/withdraw\" class=\"actions\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"link\" value=\"\(link.id)\"><button type=\"submit\" aria-describedby=\"signatory-link-\(link.id)\">")
            page.text("Withdraw the link for \(link.name)")
            page.raw("</button></form></li>")
        }
        page.raw("</ul></section>")
    }

    func withdrawSignatoryLink(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(WithdrawLinkForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let access = try AgreementAccess.check(context, store: store) else { throw StoreError.notAParty(user: session.user.email, agreement: "") }
        guard let id = form.link else { throw HTTPError(.badRequest, message: "link: the form does not say which link to withdraw") }
        do {
            try store.withdrawSignatoryLink(id, on: access.reference, by: session.user.email)
        } catch {
            // The other side's links, and links no longer open, are as unknown as links that never existed.
            if case .invalid(_) = error { throw HTTPError(.notFound, message: "no open signatory link \(id) of your side for this agreement; nothing was withdrawn") }
            throw error
        }
        return .redirect(to: "/agreements/\(Self.path(access.reference))/sign#signatory-links", type: .normal)
    }
}
