import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The dashboard and everything done on one agreement: overview, item acceptance, signing, comparison, print preview.
/// Every route checks that the user's organisation is a party; otherwise it answers 404.
struct AgreementController {
    let store: TripactStore
    let configuration: WebConfiguration
    /// Findings by content hash: validation is a pure function of the version and the library.
    let findings = ResultCache<[Finding]>(capacity: 256)
    /// Exports by content hash and render context (status and signatures change; the document does not).
    let exports = ResultCache<[UInt8]>(capacity: 64)
    /// Overview bodies by agreement, side, kind of user, day and database generation (see `overview`).
    let overviews = ResultCache<PreparedPage>(capacity: 256)
    /// Export responses (plain and gzip) by agreement, version and database generation.
    let exportResponses = ResultCache<ExportBytes>(capacity: 64)

    struct ExportBytes: Sendable {
        let plain: ByteBuffer
        let gzip: ByteBuffer?
    }

    struct AcceptForm: Decodable {
        let _csrf: String?
        let version: Int?
        let item: String?
        let all: String?
        /// The items confirmed on the review page.
        let items: [String]?
    }

    func register(on router: Routes) {
        router.get("/") { _, context in try dashboard(context: context) }
        router.get("agreements/:reference") { request, context in try overview(request: request, context: context) }
        router.get("agreements/:reference/compare") { request, context in try compare(request: request, context: context) }
        router.get("agreements/:reference/versions/:number") { request, context in try printPreview(request: request, context: context) }
        router.post("agreements/:reference/accept") { request, context in try await accept(request: request, context: context) }
        router.post("agreements/:reference/accept/review") { request, context in try await reviewAcceptance(request: request, context: context) }
        router.get("agreements/:reference/sign") { request, context in try confirmSigning(request: request, context: context) }
        router.post("agreements/:reference/sign") { request, context in try await sign(request: request, context: context) }
        router.post("agreements/:reference/reviewed") { request, context in try await markReviewed(request: request, context: context) }
        router.post("agreements/:reference/signatory-invitation") { request, context in try await inviteSignatory(request: request, context: context) }
        router.post("agreements/:reference/signatory-links/withdraw") { request, context in try await withdrawSignatoryLink(request: request, context: context) }
        router.post("agreements/:reference/add-missing-clauses") { request, context in try await addMissingClauses(request: request, context: context) }
    }

    /// The signed-in session, or nil (the caller redirects to the log-in page).
    private func session(_ context: TripactRequestContext) -> TripactStore.Session? { context.session }

    /// The agreement's reference from the path, after checking the user may see it.
    private func visibleAgreement(_ context: TripactRequestContext, session: TripactStore.Session) throws -> (String, PartyRole) {
        guard let access = try AgreementAccess.check(context, store: store) else { throw StoreError.notAParty(user: session.user.email, agreement: "") }
        return (access.reference, access.party)
    }

    private func dashboard(context: TripactRequestContext) throws -> Response {
        guard let session = session(context) else { return .redirect(to: "/login", type: .normal) }
        let agreements = try store.agreements(visibleTo: session.user.organisationID)
        var page = Page(title: "Agreements")
        page.raw("<p class=\"actions\">")
        if session.user.role.mayPropose { page.raw("<a href=\"/new-agreement\">Start a new agreement</a> ") }
        page.raw("<a href=\"/registers/subprocessors\">Subprocessor register</a> <a href=\"/registers/measures\">Measure register</a> <a href=\"/playbook\">Playbook</a></p>")
        let openNotices = try store.notices(visibleTo: session.user.organisationID, openOnly: true)
        if !openNotices.isEmpty {
            page.raw("<h2>Subprocessor notices awaiting a decision or a date</h2>")
            NoticeViews.table(&page, openNotices)
        }
        // Evidence behind a measure warns on every agreement relying on it, whichever side the reader is on.
        var snapshots: [String: RegisterSnapshot] = [:]
        var renewals: [(AgreementSummary, String)] = []
        // Each agreement by the title it prints (which says whether it is also a joint-controller or data-sharing
        // agreement), read from its head version.
        var titles: [String: String] = [:]
        for agreement in agreements {
            titles[agreement.reference] = (try? store.version(agreement.reference).document).map(AgreementFacts.printedTitle(of:)) ?? agreement.title
        }
        for agreement in agreements {
            let registers = try snapshots[agreement.processor] ?? store.registerSnapshot(forAgreement: agreement.reference)
            snapshots[agreement.processor] = registers
            guard !registers.evidence.isEmpty else { continue }
            let document = try store.version(agreement.reference).document
            let words = FindingWords(document: document, library: configuration.library)
            renewals += RegisterFindings.evidence(document, registers: registers).map { (agreement, words.message($0)) }
        }
        if !renewals.isEmpty {
            page.raw("<h2>Evidence to renew</h2><ul>")
            for (agreement, message) in renewals {
                page.raw("<li class=\"warning\"><a href=\"/agreements/\(Self.path(agreement.reference))\">")
                page.text(titles[agreement.reference] ?? agreement.title)
                page.raw("</a>: ")
                page.text(message)
                page.raw("</li>")
            }
            page.raw("</ul>")
        }
        if agreements.isEmpty {
            page.raw("<p>Your organisation is not a party to any agreement yet.</p>")
        } else {
            // The side of each agreement, from the organisation's name: one query for the page, none per row.
            let organisation = try store.organisations().first { $0.id == session.user.organisationID }?.name
            page.raw("<div class=\"table-wrap\"><table><caption>Agreements of your organisation</caption><thead><tr><th scope=\"col\">Agreement</th><th scope=\"col\">Status</th><th scope=\"col\">Version</th><th scope=\"col\">Awaiting your side</th><th scope=\"col\">Open for the controller</th><th scope=\"col\">Open for the processor</th><th scope=\"col\">Controller</th><th scope=\"col\">Processor</th></tr></thead><tbody>")
            for agreement in agreements {
                page.raw("<tr><td><a href=\"/agreements/\(Self.path(agreement.reference))\">")
                page.text(titles[agreement.reference] ?? agreement.title)
                page.raw("</a></td><td>")
                page.text(agreement.standing)
                let awaiting = agreement.controller == organisation ? agreement.openForController : agreement.processor == organisation ? agreement.openForProcessor : nil
                page.raw("</td><td>\(agreement.head)</td><td class=\"awaiting\">\(awaiting.map { $0 == 1 ? "1 item" : "\($0) items" } ?? "")</td><td>\(agreement.openForController)</td><td>\(agreement.openForProcessor)</td><td>")
                page.text(agreement.controller)
                page.raw("</td><td>")
                page.text(agreement.processor)
                page.raw("</td></tr>")
            }
            page.raw("</tbody></table></div>")
        }
        return page.response(session: session)
    }

    /// The overview is the page read most. It is built once per agreement, side, kind of user and state of the whole
    /// database (every change appends to the audit log, so its last id is the database's generation) and day (register
    /// warnings depend on it); each user's CSRF token goes in when the response is written.
    private func overview(request: Request, context: TripactRequestContext) throws -> Response {
        // The version this user reviewed: the page marks what changed since, so it is part of the key (marking a version
        // reviewed is not audited and leaves the generation as it is). The side's draft is written without an audit
        // event (it is private), so its stamp is part of the key too; the draft itself is read only when the page is built.
        guard let (session, reference, party, stamp) = try AgreementAccess.checkForAgreementPage(context, store: store) else {
            return .redirect(to: "/login", type: .normal)
        }
        let (generation, reviewed, draft) = (stamp.generation, stamp.reviewed, stamp.draft)
        let key = "\(reference)\u{0}\(session.user.organisationID)\u{0}\(session.user.role.mayPropose)\(session.user.role.maySign)\(session.user.signingOnly != nil)\u{0}\(store.today().daysSinceEpoch)\u{0}\(generation)\u{0}\(reviewed ?? 0)\u{0}\(draft?.base ?? 0).\(draft?.revision ?? 0)"
        let page = try overviews.value(key) {
            let draft = draft == nil ? nil : try store.draft(reference, for: session.user.email)
            return try overviewPage(reference: reference, party: party, session: session, reviewed: reviewed, draft: draft)
        }
        return page.response(request, session: session)
    }

    private func overviewPage(reference: String, party: PartyRole, session: TripactStore.Session, reviewed: Int?, draft: Draft?) throws -> PreparedPage {
        let summary = try store.agreement(reference)
        let head = try store.version(reference)
        let states = try store.itemStates(reference)
        let log = try store.log(reference)
        // The document's own findings are cached by its hash; the register's change by the day, so they are added fresh.
        let registers = try store.registerSnapshot(forAgreement: reference)
        let findings = self.findings.value(head.contentHash) { Validator.validate(head.document, library: configuration.library) }
            + RegisterFindings.check(head.document, library: configuration.library, registers: registers)
        let notices = try store.notices(visibleTo: session.user.organisationID, agreement: reference)
        let signatures = try store.signatures(reference, version: head.number)
        // The rejections that stand, so a disputed item says who disputes it and why where the items are listed.
        let standing = try store.disputes(reference)
        let labels = ItemLabels(document: head.document, library: configuration.library)
        let mayNegotiate = session.user.role.mayPropose && summary.status != .signed
        let facts = AgreementFacts(document: head.document, library: configuration.library)
        // The title as the document prints it: with joint or independent purposes it says what the agreement is.
        var page = Page(title: facts.printedTitle)
        page.raw("<p>Controller: <strong>")
        page.text(summary.controller)
        page.raw("</strong>; processor: <strong>")
        page.text(summary.processor)
        page.raw("</strong>. You act for the \(party.rawValue).</p>")
        page.raw("<p>Status: <strong id=\"status\">")
        page.text(summary.standing)
        page.raw("</strong>; head version \(head.number) (sha256 <code>\(head.contentHash.prefix(12))</code>)")
        page.raw("; open items: \(summary.openForController) for the controller, \(summary.openForProcessor) for the processor.</p>")

        // What needs this side comes first. It depends on the side and the kind of user, both in the cache key.
        var needs = NeedsYouPanel(
            reference: reference, party: party, summary: summary, head: head, states: states, disputes: standing, notices: notices, registers: registers,
            findings: findings, signatures: signatures, labels: labels, maySign: session.user.role.maySign || session.user.signingOnly != nil
        )
        if let draft, !draft.changes.isEmpty || !draft.conflicts.isEmpty || !draft.comments.isEmpty {
            let count = draft.changes.count
            let held = draft.comments.isEmpty ? "" : (draft.comments.count == 1 ? ", 1 Word comment" : ", \(draft.comments.count) Word comments")
            needs.draft = NeedsYouPanel.Entry(
                title: "Your draft: \(count == 1 ? "1 change" : "\(count) changes")\(held) — review and send", href: DraftController.path(reference),
                detail: draft.conflicts.isEmpty ? nil : "\(draft.conflicts.count) to settle with the other side's new version"
            )
        }
        needs.write(&page, session: session, actions: mayNegotiate)

        // The agreement itself, as printed, right below what needs the reader, with each item's margin; then the ways to
        // accept many items at once, the parts' forms, the validation and the notices.
        let reviewedVersion = try reviewed.flatMap { $0 < head.number ? try store.version(reference, number: $0) : nil }
        AgreementDocumentView(
            reference: reference, party: party, head: head, facts: facts, states: states,
            disputes: standing, comments: try store.comments(reference, visibleTo: session.user.organisationID), labels: labels, reviewed: reviewed,
            sinceReviewed: reviewedVersion.map {
                AgreementDiffer.diff($0.document, head.document, library: configuration.library, oldLabel: "version \($0.number)", newLabel: "version \(head.number)")
            },
            reviewedLabels: reviewedVersion.map { ItemLabels(document: $0.document, library: configuration.library) }, mayNegotiate: mayNegotiate, session: session,
            draftChanges: Set(draft?.changes ?? [])
        ).write(&page)
        if mayNegotiate {
            page.raw("<h2 id=\"accept-many\">Accept many items at once</h2>")
            page.raw("<form method=\"post\" action=\"/agreements/\(Self.path(reference))/accept\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head.number)\"><input type=\"hidden\" name=\"all\" value=\"yes\">")
            page.raw("<button type=\"submit\">Accept every item of version \(head.number) for the \(party.rawValue)</button></form>")
            Self.writeSelectionForm(&page, reference: reference, head: head.number, states: states, party: party, session: session)
        }

        let verb = Page.editVerb(session)
        page.raw("<p class=\"actions\"><a href=\"/agreements/\(Self.path(reference))/parties\">\(verb) Annex I (parties)</a> <a href=\"/agreements/\(Self.path(reference))/annex2\">\(verb) Annex II (description of the processing)</a> <a href=\"/agreements/\(Self.path(reference))/measures\">\(verb) Annex III (measures)</a> <a href=\"/agreements/\(Self.path(reference))/subprocessors\">\(verb) Annex IV (subprocessors)</a> <a href=\"/agreements/\(Self.path(reference))/consumer\">\(verb) Annex V (obligations towards data subjects)</a></p>")
        page.raw("<p class=\"actions\"><a href=\"/agreements/\(Self.path(reference))/terms\">\(verb) the terms (title, effective date, main agreement, commercial terms)</a> <a href=\"/agreements/\(Self.path(reference))/locations\">\(verb) the delivery locations (Annex II)</a> <a href=\"/agreements/\(Self.path(reference))/assistance\">\(verb) the assistance measures (Annex III)</a></p>")
        page.raw("<h2 id=\"validation\">Validation against Article 28</h2>")
        if findings.isEmpty {
            page.raw("<p class=\"ok\">No findings.</p>")
        } else {
            // Each finding by the item it is about and in words; its code and path stay in the JSON and the CLI.
            let words = FindingWords(document: head.document, library: configuration.library, labels: labels)
            page.raw("<ul class=\"findings\">")
            for finding in findings {
                page.raw("<li class=\"\(finding.severity.rawValue)\"><strong>\(finding.severity == .error ? "Error" : "Warning")</strong>, <a href=\"")
                page.text(NeedsYouPanel.place(of: finding.path, in: head.document, reference: reference))
                page.raw("\">")
                page.text(words.place(finding))
                page.raw("</a>: ")
                page.text(words.message(finding))
                page.raw(" <small>(")
                page.text(finding.article)
                page.raw(")</small></li>")
            }
            page.raw("</ul>")
        }
        if mayNegotiate { Self.writeMissingClausesOffer(&page, reference: reference, head: head, library: configuration.library, session: session) }

        if !notices.isEmpty {
            page.raw("<h2>Subprocessor notices</h2>")
            NoticeViews.table(&page, notices, showAgreement: false)
        }

        page.raw("<h2 id=\"signatures\">Signatures</h2>")
        for signature in signatures { Self.writeSignature(&page, signature, document: head.document) }
        // A head made by the agreement's own procedures carries the signatures of the version it updates.
        let headContext = summary.headUpdate != nil ? try store.renderContext(reference, version: head.number) : nil
        if let headContext { Self.writeSignedUpdates(&page, reference: reference, context: headContext) }
        let carried = Set(headContext.map { context in context.signedVersion == nil ? [] : context.updates.map(\.version) } ?? [])
        if session.user.role.maySign || session.user.signingOnly != nil, summary.status == .agreed, !signatures.contains(where: { $0.party == party }) {
            // Signing is confirmed on its own page, which names the version, its hash and the parties.
            page.raw("<form method=\"get\" action=\"/agreements/\(Self.path(reference))/sign\">")
            page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head.number)\"><button type=\"submit\">Sign version \(head.number) for the \(party.rawValue)…</button></form>")
        } else if signatures.isEmpty, headContext?.signedVersion == nil {
            page.raw("<p>Both parties sign once every item is accepted by both and no validation error stands.</p>")
        }

        page.raw("<h2>Versions</h2><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">By</th><th scope=\"col\">When</th><th scope=\"col\">Message</th><th scope=\"col\">Signed</th><th scope=\"col\">Print</th></tr></thead><tbody>")
        for entry in log {
            page.raw("<tr><td>\(entry.number)</td><td>")
            page.text("\(entry.author) (\(entry.party.rawValue))")
            page.raw("</td><td>")
            page.text(entry.createdAt)
            page.raw("</td><td>")
            page.text(entry.message)
            page.raw("</td><td>\(entry.signedBy.map(\.rawValue).joined(separator: ", "))")
            if carried.contains(entry.number), let signed = headContext?.signedVersion { page.raw("signatures of version \(signed.version) (updated by procedure)") }
            page.raw("</td><td><a href=\"/agreements/\(Self.path(reference))/versions/\(entry.number)\">print preview</a> · <a href=\"/agreements/\(Self.path(reference))/versions/\(entry.number)/docx\">Word document</a></td></tr>")
        }
        page.raw("</tbody></table></div>")
        page.raw("<p><a href=\"/agreements/\(Self.path(reference))/word\">Bring back a Word document the other side returned</a> (its tracked changes, edits and comments are proposed as a new version)</p>")
        if log.count > 1 {
            page.raw("<form method=\"get\" action=\"/agreements/\(Self.path(reference))/compare\" class=\"actions\"><div><label for=\"from\">Compare version</label><select id=\"from\" name=\"from\">")
            for entry in log { page.raw("<option value=\"\(entry.number)\"\(entry.number == head.number - 1 ? " selected" : "")>\(entry.number)</option>") }
            page.raw("</select></div><div><label for=\"to\">with version</label><select id=\"to\" name=\"to\">")
            for entry in log { page.raw("<option value=\"\(entry.number)\"\(entry.number == head.number ? " selected" : "")>\(entry.number)</option>") }
            page.raw("</select></div><button type=\"submit\">Show the redline</button></form>")
        }
        return page.prepared()
    }

    /// "Signed in Tripact for the controller by Alex Martin (alex@…) on 30 November 2026, 09:14 UTC.", and Annex I's
    /// signatory said apart when it is someone else, so the page never implies that the signatory signed.
    static func writeSignature(_ page: inout Page, _ signature: SignatureEntry, document: AgreementDocument) {
        page.raw("<p class=\"signature\">")
        page.text("Signed in Tripact for the \(signature.party.rawValue) by \(signature.name) (\(signature.user)) on \(SignatureTime.written(signature.signedAt)).")
        if let named = document.parties[signature.party].signatory, !named.name.trimmingCharacters(in: .whitespaces).isEmpty,
            !AgreementRenderer.sameName(named.name, signature.name)
        {
            page.text(" Annex I names \(named.name) as the \(signature.party.rawValue)'s signatory; \(named.name) did not sign in Tripact.")
        }
        page.raw("</p>")
    }

    /// The signed version, the updates the agreement's own procedures made since, and the notices that made them.
    static func writeSignedUpdates(_ page: inout Page, reference: String, context: RenderContext) {
        guard let signed = context.signedVersion, !context.updates.isEmpty else { return }
        page.raw("<p>Version \(signed.version) (sha256 <code>\(signed.contentHash.prefix(12))</code>) was signed for ")
        page.text(context.signatures.sorted { $0.key.rawValue < $1.key.rawValue }.map { "the \($0.key.rawValue) by \($0.value.name) on \(SignatureTime.written($0.value.signedAt))" }.joined(separator: " and "))
        page.raw(". The versions since were made by the agreement's own procedure for changes of subprocessors, so the agreement stays signed; a negotiated change would need new signatures.</p>")
        page.raw("<div class=\"table-wrap\"><table id=\"signed-updates\"><caption>Signed version and later updates</caption><thead><tr><th scope=\"col\">Version</th><th scope=\"col\">How</th><th scope=\"col\">Change</th><th scope=\"col\">Notice</th></tr></thead><tbody>")
        page.raw("<tr><td>\(signed.version)</td><td>signed by both parties</td><td></td><td></td></tr>")
        for update in context.updates {
            page.raw("<tr><td>\(update.version)</td><td>")
            page.text(update.sentence)
            page.raw("</td><td>")
            page.text(update.summary)
            page.raw("</td><td><a href=\"/notices/\(update.notice)\">\(update.kind == .approval ? "approval" : "notice") \(update.notice)</a></td></tr>")
        }
        page.raw("</tbody></table></div>")
    }

    private func compare(request: Request, context: TripactRequestContext) throws -> Response {
        guard let session = session(context) else { return .redirect(to: "/login", type: .normal) }
        let (reference, party) = try visibleAgreement(context, session: session)
        guard let from = request.uri.queryParameters.get("from", as: Int.self), let to = request.uri.queryParameters.get("to", as: Int.self) else {
            throw HTTPError(.badRequest, message: "choose two versions to compare (from and to)")
        }
        let old = try store.version(reference, number: from)
        let new = try store.version(reference, number: to)
        let diff = AgreementDiffer.diff(
            old.document, new.document, library: configuration.library, oldLabel: "version \(from)", newLabel: "version \(to)",
            playbook: try store.playbook(organisationID: session.user.organisationID, side: party, library: configuration.library)
        )
        let view = request.uri.queryParameters.get("view").flatMap { RedlineView.Mode(rawValue: String($0)) } ?? .changes
        var page = Page(title: "Version \(from) compared with version \(to)")
        RedlineView(
            reference: reference, from: from, to: to, diff: diff, mode: view,
            newLabels: ItemLabels(document: new.document, library: configuration.library), oldLabels: ItemLabels(document: old.document, library: configuration.library)
        ).write(&page)
        return page.response(session: session)
    }

    private func printPreview(request: Request, context: TripactRequestContext) throws -> Response {
        guard let (_, reference, _, generation) = try AgreementAccess.checkForCachedPage(context, store: store) else {
            return .redirect(to: "/login", type: .normal)
        }
        guard let number = Int(try context.pathParameter("number")) else { throw StoreError.unknownVersion(agreement: reference, version: 0) }
        // A version's text never changes, but its status and signatures do: the database generation covers both.
        let cacheKey = "\(reference)\u{0}\(number)\u{0}\(generation)"
        let export = try exportResponses.value(cacheKey) {
            let version = try store.version(reference, number: number)
            var renderContext = try store.renderContext(reference, version: number)
            renderContext.embedForVerification = true
            let key = version.contentHash + String(decoding: DocumentCodec.canonicalJSON(renderContext), as: UTF8.self)
            let bytes = exports.value(key) {
                AgreementRenderer.renderUTF8(AgreementFacts(document: version.document, library: configuration.library), context: renderContext, contentHash: version.contentHash)
            }
            return ExportBytes(plain: ByteBuffer(bytes: bytes), gzip: Gzip.compress(bytes).map { ByteBuffer(bytes: $0) })
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.vary] = "Accept-Encoding"
        if request.uri.queryParameters.get("download") != nil {
            headers[.contentDisposition] = "attachment; filename=\"\(Self.fileName(reference))-v\(number).html\""
        }
        if let gzip = export.gzip, Gzip.accepted(request.headers[.acceptEncoding]) {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: gzip))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: export.plain))
    }

    private func accept(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = session(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(AcceptForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let (reference, _) = try visibleAgreement(context, session: session)
        guard let version = form.version else { throw HTTPError(.badRequest, message: "the form does not say which version you reviewed") }
        let keys: [ItemKey]?
        if form.all == "yes" {
            keys = nil
        } else if let item = form.item, !item.isEmpty {
            keys = [ItemKey(rawValue: item)]
        } else if let items = form.items, !items.isEmpty {
            keys = items.map { ItemKey(rawValue: $0) }
        } else {
            throw HTTPError(.badRequest, message: "choose an item to accept")
        }
        try store.accept(keys, on: reference, by: session.user.email, expectedHead: version)
        return .redirect(to: "/agreements/\(Self.path(reference))", type: .normal)
    }

    /// A reference as a path segment: everything but letters, digits, '-', '_' and '.' percent-encoded.
    static func path(_ reference: String) -> String {
        let plain = reference.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        return plain ? reference : reference.addingPercentEncoding(withAllowedCharacters: pathCharacters) ?? reference
    }

    private static let pathCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")

    static func fileName(_ reference: String) -> String {
        String(reference.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    }
}
