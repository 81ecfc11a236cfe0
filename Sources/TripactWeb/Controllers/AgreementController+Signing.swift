import Foundation
import HTTPTypes
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
        page.raw("<dl class=\"facts\"><dt>Agreement</dt><dd>")
        page.text(summary.title)
        page.raw("</dd><dt>Version</dt><dd>\(head.number), sha256 <code>\(head.contentHash.prefix(12))</code> (")
        page.raw("<a href=\"\(agreement)/versions/\(head.number)\">read the version as it prints</a>)</dd><dt>Controller</dt><dd>")
        page.text(summary.controller)
        page.raw("</dd><dt>Processor</dt><dd>")
        page.text(summary.processor)
        page.raw("</dd><dt>You sign as</dt><dd>")
        page.text("\(session.user.name) (\(session.user.email)), for the \(party.rawValue)")
        page.raw("</dd><dt>Signatory named in Annex I</dt><dd>")
        let named = head.document.parties[party].signatory.flatMap { $0.name.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        page.text(named.map { $0.position.isEmpty ? $0.name : "\($0.name), \($0.position)" } ?? "none")
        page.raw("</dd></dl>")
        if let named, !AgreementRenderer.sameName(named.name, session.user.name) {
            page.raw("<p class=\"warning\">")
            page.text(
                "Annex I names \(named.name) as the \(party.rawValue)'s signatory, not you. If you sign, the agreement will say that you, "
                    + "\(session.user.name), signed in Tripact for the \(party.rawValue), and that \(named.name) did not."
            )
            page.raw("</p>")
        }
        page.raw("<h2>What signing means</h2><ul>")
        page.raw("<li>You sign version \(head.number) as it stands, identified by its content hash: any later change needs a new version and new signatures.</li>")
        page.raw("<li>Tripact records your name, the time (UTC) and the hash in the agreement's audit log; a signature cannot be withdrawn here.</li>")
        page.raw("<li>The agreement is signed once both parties have signed the same version [Art. 28(9): in writing, including in electronic form].</li></ul>")
        if let refusal = Self.signingRefusal(session: session, party: party, status: summary.status, signatures: signatures) {
            page.raw("<p class=\"error\">")
            page.text(refusal)
            page.raw("</p>")
            return page.response(session: session)
        }
        page.raw("<form method=\"post\" action=\"\(agreement)/sign\" class=\"actions\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head.number)\"><input type=\"hidden\" name=\"confirm\" value=\"yes\">")
        page.raw("<button type=\"submit\">Sign version \(head.number) for the \(party.rawValue)</button> <a href=\"\(agreement)\">Cancel</a></form>")
        return page.response(session: session)
    }

    /// Why this user cannot sign now, or nil.
    static func signingRefusal(session: TripactStore.Session, party: PartyRole, status: AgreementStatus, signatures: [SignatureEntry]) -> String? {
        if !session.user.role.maySign { return "You read this agreement as \(session.user.role.rawValue): only admin and legal users sign." }
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
        try store.sign(reference, by: session.user.email, library: configuration.library, expectedHead: version)
        return .redirect(to: "/agreements/\(Self.path(reference))", type: .normal)
    }
}
