import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import TripactCore
import TripactStore

/// Signing takes two steps: the agreement page's button opens a confirmation page (GET, `SignConfirmationPage`) that
/// names the version, its hash, the parties and what signing means; only its form (POST with `confirm=yes`) signs.
extension AgreementController {
    struct SignForm: Decodable {
        let _csrf: String?
        let version: Int?
        let confirm: String?
    }

    func confirmSigning(request: Request, context: TripactRequestContext, session: TripactStore.Session) throws -> Response {
        let (reference, party) = try AgreementAccess.check(context, session: session, store: store)
        let model = try SignConfirmationPage.Model.load(
            store: store, library: configuration.library, session: session, reference: reference, party: party,
            askedVersion: request.uri.queryParameters.get("version", as: Int.self)
        )
        return SignConfirmationPage.View(model: model).page(session: session).response(session: session)
    }

    /// Creates the signatory's link and shows it once, in this response (only its fingerprint is stored).
    func inviteSignatory(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(SignForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        let (token, link) = try store.inviteSignatory(on: reference, by: session.user.email, lifetime: InvitationController.lifetime)
        let path = InvitationController.absolute(SiteRoute.signatory.link(token), request: request, configuration: configuration)
        let model = SignatoryInvitationPage.Model(reference: reference, name: link.name, email: link.email, expiresAt: link.expiresAt, link: path)
        return SignatoryInvitationPage.View(model: model).page().response(status: .created, session: session)
    }

    /// Why this user cannot sign now, or nil.
    static func signingRefusal(session: TripactStore.Session, party: PartyRole, status: AgreementStatus, signatures: [SignatureEntry]) -> String? {
        if !session.user.role.maySign, session.user.signingOnly == nil { return "You read this agreement as \(session.user.role.rawValue): only admin and legal users sign." }
        if let own = signatures.first(where: { $0.party == party }) {
            return "\(own.name) already signed this version for the \(party.rawValue) on \(SignatureTime.written(own.signedAt))."
        }
        switch status {
        case .agreed: return nil
        case .signed: return "This agreement is already signed."
        case .draft: return "This version cannot be signed yet: both parties sign once every item is accepted by both and no validation error stands."
        }
    }

    func sign(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(SignForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        // Only the confirmation page's form signs; anything else is sent to that page.
        guard form.confirm == "yes" else {
            return .redirect(to: form.version.map { SiteRoute.sign.link(reference, query: ["version": String($0)]) } ?? SiteRoute.sign.link(reference), type: .normal)
        }
        guard let version = form.version else { throw HTTPError(.badRequest, message: "the form does not say which version you reviewed") }
        try store.sign(reference, by: session.user.email, library: configuration.library, expectedHead: version, clientAddress: ClientAddress.of(request, context, trusting: configuration.trustedProxies))
        return .redirect(to: SiteRoute.agreement.link(reference), type: .normal)
    }
}
