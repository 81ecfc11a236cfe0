import Foundation
import TripactCore
import TripactStore

/// Signing's confirmation page (`GET /agreements/:reference/sign`): the version, its hash, the parties and what signing
/// means, with the form that signs for the signatory; for anyone else, who signs and, for the side's admins and legal
/// users, how to invite them and the invitation links still open.
enum SignConfirmationPage {
    /// What the page shows, read from the store and put in words; the view only writes it.
    struct Model {
        /// For anyone but the signatory: who signs, and what the reader can do about it.
        struct WhoSigns {
            let warning: String
            /// "… already has an account" or "… has no Tripact account …", for those who may invite.
            var note: String? = nil
            /// The invitation button's label, when the signatory has no account of the side.
            var invite: String? = nil
        }

        struct OpenLink {
            let id: Int
            let description: String
            let withdraw: String
        }

        let reference: String
        let party: PartyRole
        let head: Int
        let contentHash: String
        /// The title the signer reads is the one the version prints (it names joint and data-sharing terms).
        let title: String
        let controller: String
        let processor: String
        /// Set when the page was opened from an older version than the head.
        let staleWarning: String?
        let signatory: String
        let timeZone: String
        /// Nil for the signatory named in Annex I.
        let whoSigns: WhoSigns?
        let openLinks: [OpenLink]
        /// Why the signatory cannot sign now.
        let refusal: String?
        /// An approval of the organisation the signature waits for.
        let waitingApproval: String?

        static func load(store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, reference: String, party: PartyRole, askedVersion: Int?) throws -> Model {
            let summary = try store.agreement(reference)
            let head = try store.version(reference)
            let signatures = try store.signatures(reference, version: head.number)
            let named = head.document.parties[party].signatory.flatMap { $0.name.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let isSignatory = named?.email.map { $0.trimmingCharacters(in: .whitespaces).lowercased() == session.user.email.lowercased() } ?? false
            var refusal: String?
            var waiting: String?
            if isSignatory {
                refusal = AgreementController.signingRefusal(session: session, party: party, status: summary.status, signatures: signatures)
                if refusal == nil {
                    let pending = try store.approvals(of: session.user.email, pendingOnly: true)
                        .filter { $0.agreement == reference && $0.kind == .signing && $0.base == head.number }
                    waiting = pending.first.map {
                        "Your organisation's signature waits for the approval of \($0.approverName) (request \($0.id)); you can sign once they approve."
                    }
                }
            }
            let mayInvite = session.user.role.mayPropose && session.user.signingOnly == nil
            return Model(
                reference: reference, party: party, head: head.number, contentHash: head.contentHash,
                title: AgreementFacts(document: head.document, library: library).printedTitle, controller: summary.controller, processor: summary.processor,
                staleWarning: askedVersion.flatMap { asked in
                    asked == head.number ? nil : "You opened this from version \(asked); the latest version is now \(head.number). Read it before you sign."
                },
                signatory: named.map { signatory in AgreementRenderer.signatoryLine(signatory) + (signatory.email.map { email in " (\(email))" } ?? "") } ?? "none",
                timeZone: head.document.parties[party].timeZone.map { "the \(party.rawValue)'s time zone, \($0)" } ?? "UTC (Annex I gives no time zone for the \(party.rawValue))",
                whoSigns: isSignatory ? nil : whoSigns(store: store, named: named, party: party, session: session, mayInvite: mayInvite),
                openLinks: isSignatory || !mayInvite ? [] : ((try? store.openSignatoryLinks(on: reference, for: session.user.email)) ?? []).map { link in
                    OpenLink(
                        id: link.id,
                        description: "For \(link.name) (\(link.email)); works until \(AccountForm.utc(link.expiresAt)); made by \(link.createdByName) on \(link.createdAt.prefix(10)).",
                        withdraw: "Withdraw the link for \(link.name)"
                    )
                },
                refusal: refusal, waitingApproval: waiting
            )
        }

        private static func whoSigns(store: TripactStore, named: Signatory?, party: PartyRole, session: TripactStore.Session, mayInvite: Bool) -> WhoSigns {
            guard let named else {
                return WhoSigns(warning: "Annex I names no signatory for the \(party.rawValue). Name them, with their position and e-mail, in Annex I, then they sign.")
            }
            guard let email = named.email?.trimmingCharacters(in: .whitespaces), !email.isEmpty else {
                return WhoSigns(
                    warning: "Annex I gives no e-mail for \(named.name), the \(party.rawValue)'s signatory. Add it in Annex I (a new version): Tripact lets only the person with that address sign."
                )
            }
            var who = WhoSigns(
                warning: "Only \(named.name) (\(email)), whom Annex I names as the \(party.rawValue)'s signatory, signs for the \(party.rawValue). You cannot sign in their place."
            )
            guard mayInvite else { return who }
            if (try? store.user(email: email))?.organisationID == session.user.organisationID {
                who.note = "\(named.name) already has an account: ask them to log in and open this page."
            } else {
                who.note = "\(named.name) has no Tripact account. Invite them: the link creates an account that can only read and sign this agreement."
                who.invite = "Create an invitation link for \(named.name)"
            }
            return who
        }
    }
}
