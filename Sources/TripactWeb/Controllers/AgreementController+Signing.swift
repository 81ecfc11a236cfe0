import Foundation
import HTTPTypes
import NIOCore
import Hummingbird
import TripactCore
import TripactStore

/// Signing takes two steps: the agreement page's button opens a confirmation page (GET) that names the version, its
/// hash, the parties and what signing means; only its form (POST with `confirm=yes`) signs.
extension AgreementController {
    struct SignForm: Decodable {
        let _csrf: String?
        let version: Int?
        let confirm: String?
    }

    func confirmSigning(request: Request, context: TripactRequestContext) throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        guard let access = try AgreementAccess.check(context, store: store) else { throw StoreError.notAParty(user: session.user.email, agreement: "") }
        let (reference, party) = (access.reference, access.party)
        let summary = try store.agreement(reference)
        let head = try store.version(reference)
        let signatures = try store.signatures(reference, version: head.number)
        let agreement = "/agreements/\(Self.path(reference))"
        var page = Page(title: "Sign version \(head.number) for the \(party.rawValue)")
        page.raw("<p><a href=\"\(agreement)\">Back to the agreement</a></p>")
        if let asked = request.uri.queryParameters.get("version", as: Int.self), asked != head.number {
            page.raw("<p class=\"warning\" role=\"alert\">")
            page.text("You opened this from version \(asked); the latest version is now \(head.number). Read it before you sign.")
            page.raw("</p>")
        }
        let named = head.document.parties[party].signatory.flatMap { $0.name.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        page.raw("<dl class=\"facts\"><dt>Agreement</dt><dd>")
        // The title the signer reads is the one the version prints (it names joint and data-sharing terms).
        page.text(AgreementFacts(document: head.document, library: configuration.library).printedTitle)
        page.raw("</dd><dt>Version</dt><dd>\(head.number) (<a href=\"\(agreement)/versions/\(head.number)\">read the version as it prints</a>)</dd>")
        page.raw("<dt>Content hash (sha256)</dt><dd><code class=\"hash\">\(head.contentHash)</code></dd><dt>Controller</dt><dd>")
        page.text(summary.controller)
        page.raw("</dd><dt>Processor</dt><dd>")
        page.text(summary.processor)
        page.raw("</dd><dt>Signatory named in Annex I for the \(party.rawValue)</dt><dd>")
        page.text(named.map { signatory in AgreementRenderer.signatoryLine(signatory) + (signatory.email.map { email in " (\(email))" } ?? "") } ?? "none")
        page.raw("</dd><dt>Time printed with the signature</dt><dd>")
        page.text(head.document.parties[party].timeZone.map { "the \(party.rawValue)'s time zone, \($0)" } ?? "UTC (Annex I gives no time zone for the \(party.rawValue))")
        page.raw("</dd></dl>")
        let isSignatory = named?.email.map { $0.trimmingCharacters(in: .whitespaces).lowercased() == session.user.email.lowercased() } ?? false
        if !isSignatory {
            writeWhoSigns(&page, named: named, party: party, session: session, agreement: agreement, reference: reference)
            writeOpenSignatoryLinks(&page, session: session, agreement: agreement, reference: reference)
            return page.response(session: session)
        }
        page.raw("<h2>What signing means</h2><ul>")
        page.raw("<li>You sign version \(head.number) as it stands, identified by its content hash: any later change needs a new version and new signatures.</li>")
        page.raw("<li>Tripact records your name, the time, the address your browser connects from and the hash in the agreement's audit log; ")
        page.raw("a signature cannot be withdrawn here.</li>")
        page.raw("<li>The agreement is signed once both parties have signed the same version [Art. 28(9): in writing, including in electronic form].</li></ul>")
        if let refusal = Self.signingRefusal(session: session, party: party, status: summary.status, signatures: signatures) {
            page.raw("<p class=\"error\">")
            page.text(refusal)
            page.raw("</p>")
            return page.response(session: session)
        }
        let pending = try store.approvals(of: session.user.email, pendingOnly: true).filter { $0.agreement == reference && $0.kind == .signing && $0.base == head.number }
        if let waiting = pending.first {
            page.raw("<p class=\"warning\" role=\"status\">")
            page.text("Your organisation's signature waits for the approval of \(waiting.approverName) (request \(waiting.id)); you can sign once they approve.")
            page.raw("</p>")
        }
        page.raw("<form method=\"post\" action=\"\(agreement)/sign\" class=\"actions\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head.number)\"><input type=\"hidden\" name=\"confirm\" value=\"yes\">")
        page.raw("<button type=\"submit\">Sign version \(head.number) for the \(party.rawValue)</button> <a href=\"\(agreement)\">Cancel</a></form>")
        return page.response(session: session)
    }

    /// For anyone but the signatory: who must sign, and, to the side's admins and legal users, how to invite them.
    private func writeWhoSigns(_ page: inout Page, named: Signatory?, party: PartyRole, session: TripactStore.Session, agreement: String, reference: String) {
        page.raw("<h2>Who signs</h2><p class=\"warning\">")
        guard let named else {
            page.text("Annex I names no signatory for the \(party.rawValue). Name them, with their position and e-mail, in Annex I, then they sign.")
            page.raw("</p>")
            return
        }
        guard let email = named.email?.trimmingCharacters(in: .whitespaces), !email.isEmpty else {
            page.text("Annex I gives no e-mail for \(named.name), the \(party.rawValue)'s signatory. Add it in Annex I (a new version): Tripact lets only the person with that address sign.")
            page.raw("</p>")
            return
        }
        page.text("Only \(named.name) (\(email)), whom Annex I names as the \(party.rawValue)'s signatory, signs for the \(party.rawValue). You cannot sign in their place.")
        page.raw("</p>")
        guard session.user.role.mayPropose, session.user.signingOnly == nil else { return }
        let colleague = (try? store.user(email: email))?.organisationID == session.user.organisationID
        if colleague {
            page.raw("<p>")
            page.text("\(named.name) already has an account: ask them to log in and open this page.")
            page.raw("</p>")
            return
        }
        page.raw("<p>")
        page.text("\(named.name) has no Tripact account. Invite them: the link creates an account that can only read and sign this agreement.")
        page.raw("</p><form method=\"post\" action=\"\(agreement)/signatory-invitation\" class=\"actions\">")
        page.csrf(session)
        page.raw("<button type=\"submit\">")
        page.text("Create an invitation link for \(named.name)")
        page.raw("</button></form>")
    }

    /// Creates the signatory's link and shows it once, in this response (only its fingerprint is stored).
    func inviteSignatory(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(SignForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let access = try AgreementAccess.check(context, store: store) else { throw StoreError.notAParty(user: session.user.email, agreement: "") }
        let (token, link) = try store.inviteSignatory(on: access.reference, by: session.user.email, lifetime: InvitationController.lifetime)
        let path = InvitationController.absolute("/signatory/\(token)", request: request, configuration: configuration)
        var page = Page(title: "Invite \(link.name) to sign")
        page.raw("<p><a href=\"/agreements/\(Self.path(access.reference))/sign\">Back to signing</a></p>")
        page.raw("<section class=\"ok\" role=\"status\" aria-labelledby=\"signatory-link-label\"><h2>Invitation created</h2><p>")
        page.text("Send this link to \(link.name) at \(link.email) by your own means. It works once, until \(AccountForm.utc(link.expiresAt)), ")
        page.text("and is shown only now. The account it creates can read and sign this agreement only.")
        page.raw("</p><label id=\"signatory-link-label\" for=\"signatory-link\">Invitation link (select it and copy it, or use the button)</label>")
        page.raw("<input id=\"signatory-link\" type=\"text\" readonly data-copy=\"Copy the link\" size=\"80\" value=\"")
        page.text(path)
        page.raw("\"></section>")
        page.raw(CopyButton.element)
        return page.response(status: .created, session: session)
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

    func sign(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(SignForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let access = try AgreementAccess.check(context, store: store) else { throw StoreError.notAParty(user: session.user.email, agreement: "") }
        let reference = access.reference
        // Only the confirmation page's form signs; anything else is sent to that page.
        guard form.confirm == "yes" else {
            return .redirect(to: "/agreements/\(Self.path(reference))/sign" + (form.version.map { "?version=\($0)" } ?? ""), type: .normal)
        }
        guard let version = form.version else { throw HTTPError(.badRequest, message: "the form does not say which version you reviewed") }
        try store.sign(reference, by: session.user.email, library: configuration.library, expectedHead: version, clientAddress: ClientAddress.of(request, context, trusting: configuration.trustedProxies))
        return .redirect(to: "/agreements/\(Self.path(reference))", type: .normal)
    }
}
