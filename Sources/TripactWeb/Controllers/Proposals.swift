import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// Saving a web form: every form that changes the agreement writes into the side's private draft (issue 10, item 1),
/// never straight to the other side; the draft is proposed as one turn from its review page (`DraftController`).
enum Proposals {
    /// What a form edits: the side's draft when it has one, else the head. `number` is the head's number (the draft is
    /// always carried onto the head), so a form's hidden `base` reads the same either way.
    struct WorkingCopy {
        let number: Int
        let document: AgreementDocument
        /// Whether the document is the side's draft rather than the head.
        let isDraft: Bool
    }

    /// The token, the user's role and the form's version field; returns the document the form changes.
    static func start(store: TripactStore, session: TripactStore.Session, reference: String, csrf: String?, base: Int?) throws -> WorkingCopy {
        try FormDecoding.requireCSRF(csrf, session: session)
        try session.user.requireNegotiator()
        guard base != nil else { throw HTTPError(.badRequest, message: "the form does not say which version it was loaded from") }
        return try working(store: store, session: session, reference: reference)
    }

    /// The document a form shows and changes for this user's side.
    static func working(store: TripactStore, session: TripactStore.Session, reference: String) throws -> WorkingCopy {
        let head = try store.version(reference)
        guard session.user.signingOnly == nil, let draft = try store.draft(reference, for: session.user.email) else {
            return WorkingCopy(number: head.number, document: head.document, isDraft: false)
        }
        return WorkingCopy(number: draft.base, document: draft.document, isDraft: true)
    }

    /// Writes the items the form changed into the draft and answers with the review page. The head moving meanwhile
    /// is no conflict here: the draft is carried onto it, and only sending can meet items to settle.
    static func saveDraft(store: TripactStore, working: WorkingCopy, edited: AgreementDocument, reference: String, session: TripactStore.Session, note: String) throws
        -> Response
    {
        try store.editDraft(reference, from: working.document, to: edited, by: session.user.email, note: note)
        return .redirect(to: SiteRoute.draft.link(reference), type: .normal)
    }

    /// "Save and send now": saves as above, then sends the whole draft with the form's message as its cover message,
    /// under the same rules as the review page's Send; a refusal answers with the review page and its reason.
    static func saveAndSend(
        store: TripactStore, configuration: WebConfiguration, working: WorkingCopy, edited: AgreementDocument, reference: String, party: PartyRole,
        session: TripactStore.Session, note: String
    ) throws -> Response {
        try store.editDraft(reference, from: working.document, to: edited, by: session.user.email, note: note)
        return try DraftController(store: store, configuration: configuration).sendOrExplain(session: session, reference: reference, party: party, message: note)
    }
}
