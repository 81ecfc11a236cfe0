import Foundation
import TripactCore
import TripactStore

/// The agreement page (`/agreements/:reference`): what needs the reader's side, the agreement as printed with each
/// item's margin, the ways to accept many items, validation, notices, signatures and versions.
///
/// The page is built once per agreement, side, kind of user, day and database generation and served from the
/// controller's cache (`AgreementController.overview`); everything read here is covered by that key.
enum AgreementPage {
    /// What the page shows, read from the store and put in words; the view only writes it.
    struct Model {
        /// A validation finding by the item it is about and in words; its code and path stay in the JSON and the CLI.
        struct FindingLine {
            let isError: Bool
            let severity: String
            let href: String
            let place: String
            let message: String
            let article: String
        }

        let reference: String
        let party: PartyRole
        let summary: AgreementSummary
        let head: Version
        /// The title as the document prints it: with joint or independent purposes it says what the agreement is.
        let title: String
        let needs: NeedsYouPanel
        let document: AgreementDocumentView
        /// Accept, reject and edit offered (admins and legal users, agreement not signed).
        let mayNegotiate: Bool
        /// The parts of the agreement with an item still open for the reader's side, for the selection form.
        let selectionGroups: [(name: String, label: String)]
        /// "Edit" or "Read" before each form's name.
        let editVerb: String
        let findings: [FindingLine]
        /// Titles of the mandatory clauses the head lacks, offered to be added (only to those who negotiate).
        let missingClauses: [String]
        let notices: [NoticeEntry]
        /// Each signature as a sentence, Annex I's signatory said apart when someone else signed.
        let signatures: [String]
        /// The head's render context when the agreement's own procedures made it (signed version and updates since).
        let signedUpdates: RenderContext?
        /// Versions that carry the signatures of the signed version they update.
        let carried: Set<Int>
        let offersSigning: Bool
        let log: [VersionEntry]

        static func load(
            store: TripactStore, library: ClauseLibrary, findingsCache: ResultCache<[Finding]>, reference: String, party: PartyRole,
            session: TripactStore.Session, reviewed: Int?, draft: Draft?
        ) throws -> Model {
            let summary = try store.agreement(reference)
            let head = try store.version(reference)
            let states = try store.itemStates(reference)
            // The document's own findings are cached by its hash; the register's change by the day, so they are added fresh.
            let registers = try store.registerSnapshot(forAgreement: reference)
            let findings = findingsCache.value(head.contentHash) { Validator.validate(head.document, library: library) }
                + RegisterFindings.check(head.document, library: library, registers: registers)
            let notices = try store.notices(visibleTo: session.user.organisationID, agreement: reference)
            let signatures = try store.signatures(reference, version: head.number)
            // The rejections that stand, so a disputed item says who disputes it and why where the items are listed.
            let standing = try store.disputes(reference)
            let labels = ItemLabels(document: head.document, library: library)
            let mayNegotiate = session.user.role.mayPropose && summary.status != .signed
            let maySign = session.user.role.maySign || session.user.signingOnly != nil
            let facts = AgreementFacts(document: head.document, library: library)

            // What needs this side depends on the side and the kind of user, both in the cache key.
            var needs = NeedsYouPanel(
                reference: reference, party: party, summary: summary, head: head, states: states, disputes: standing, notices: notices, registers: registers,
                findings: findings, signatures: signatures, labels: labels, maySign: maySign
            )
            if let draft, !draft.changes.isEmpty || !draft.conflicts.isEmpty || !draft.comments.isEmpty {
                let count = draft.changes.count
                let held = draft.comments.isEmpty ? "" : (draft.comments.count == 1 ? ", 1 Word comment" : ", \(draft.comments.count) Word comments")
                needs.draft = NeedsYouPanel.Entry(
                    title: "Your draft: \(count == 1 ? "1 change" : "\(count) changes")\(held) — review and send", href: SiteRoute.draft.link(reference),
                    detail: draft.conflicts.isEmpty ? nil : "\(draft.conflicts.count) to settle with the other side's new version"
                )
            }
            let reviewedVersion = try reviewed.flatMap { $0 < head.number ? try store.version(reference, number: $0) : nil }
            let document = AgreementDocumentView(
                reference: reference, party: party, head: head, facts: facts, states: states,
                disputes: standing, comments: try store.comments(reference, visibleTo: session.user.organisationID), labels: labels, reviewed: reviewed,
                sinceReviewed: reviewedVersion.map {
                    AgreementDiffer.diff($0.document, head.document, library: library, oldLabel: "version \($0.number)", newLabel: "version \(head.number)")
                },
                reviewedLabels: reviewedVersion.map { ItemLabels(document: $0.document, library: library) }, mayNegotiate: mayNegotiate,
                draftChanges: Set(draft?.changes ?? [])
            )
            let openKinds = Set(states.filter { !$0.acceptedBy.contains(party) }.map(\.key.kind))
            let words = FindingWords(document: head.document, library: library, labels: labels)
            // A head made by the agreement's own procedures carries the signatures of the version it updates.
            let headContext = summary.headUpdate != nil ? try store.renderContext(reference, version: head.number) : nil
            return Model(
                reference: reference, party: party, summary: summary, head: head, title: facts.printedTitle, needs: needs, document: document,
                mayNegotiate: mayNegotiate,
                selectionGroups: AcceptanceSelection.groups.filter { !$0.kinds.isDisjoint(with: openKinds) }.map { (name: $0.name, label: $0.label) },
                editVerb: Page.editVerb(session),
                findings: findings.map { finding in
                    FindingLine(
                        isError: finding.severity == .error, severity: finding.severity.rawValue,
                        href: NeedsYouPanel.place(of: finding.path, in: head.document, reference: reference), place: words.place(finding),
                        message: words.message(finding), article: finding.article
                    )
                },
                missingClauses: mayNegotiate ? MissingClauses.missing(in: head.document, library: library).map(\.title) : [],
                notices: notices, signatures: signatures.map { signatureSentence($0, document: head.document) }, signedUpdates: headContext,
                carried: Set(headContext.map { context in context.signedVersion == nil ? [] : context.updates.map(\.version) } ?? []),
                offersSigning: maySign && summary.status == .agreed && !signatures.contains(where: { $0.party == party }),
                log: try store.log(reference)
            )
        }

        /// "Signed in Tripact for the controller by Alex Martin (alex@…) on 30 November 2026, 09:14 UTC.", and Annex I's
        /// signatory said apart when it is someone else, so the page never implies that the signatory signed.
        static func signatureSentence(_ signature: SignatureEntry, document: AgreementDocument) -> String {
            var sentence = "Signed in Tripact for the \(signature.party.rawValue) by \(signature.name) (\(signature.user)) on \(SignatureTime.written(signature.signedAt))."
            if let named = document.parties[signature.party].signatory, !named.name.trimmingCharacters(in: .whitespaces).isEmpty,
                !AgreementRenderer.sameName(named.name, signature.name)
            {
                sentence += " Annex I names \(named.name) as the \(signature.party.rawValue)'s signatory; \(named.name) did not sign in Tripact."
            }
            return sentence
        }
    }
}
