import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The dashboard and everything done on one agreement: overview, item acceptance, signing, comparison, print preview.
/// Every route checks that the user's organisation is a party; otherwise it answers 404. The pages themselves are
/// built in `Pages/` (a model loaded from the store, a view that writes it); this file keeps routes, checks and caching.
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
        router.get(.dashboard) { _, _, session in try dashboard(session: session) }
        router.get(.agreement) { request, context, session in try overview(request: request, context: context, session: session) }
        router.get(.compare) { request, context, session in try compare(request: request, context: context, session: session) }
        router.get(.version) { request, context, session in try printPreview(request: request, context: context, session: session) }
        router.post(.accept) { request, context, session in try await accept(request: request, context: context, session: session) }
        router.post(.acceptReview) { request, context, session in try await reviewAcceptance(request: request, context: context, session: session) }
        router.get(.sign) { request, context, session in try confirmSigning(request: request, context: context, session: session) }
        router.post(.sign) { request, context, session in try await sign(request: request, context: context, session: session) }
        router.post(.reviewed) { request, context, session in try await markReviewed(request: request, context: context, session: session) }
        router.post(.signatoryInvitation) { request, context, session in try await inviteSignatory(request: request, context: context, session: session) }
        router.post(.signatoryLinkWithdraw) { request, context, session in try await withdrawSignatoryLink(request: request, context: context, session: session) }
        router.post(.addMissingClauses) { request, context, session in try await addMissingClauses(request: request, context: context, session: session) }
    }

    private func dashboard(session: TripactStore.Session) throws -> Response {
        let model = try DashboardPage.Model.load(store: store, library: configuration.library, session: session)
        return DashboardPage.View(model: model).page().response(session: session)
    }

    /// The overview is the page read most. It is built once per agreement, side, kind of user and state of the whole
    /// database (every change appends to the audit log, so its last id is the database's generation) and day (register
    /// warnings depend on it); each user's CSRF token goes in when the response is written.
    private func overview(request: Request, context: TripactRequestContext, session: TripactStore.Session) throws -> Response {
        // The version this user reviewed: the page marks what changed since, so it is part of the key (marking a version
        // reviewed is not audited and leaves the generation as it is). The side's draft is written without an audit
        // event (it is private), so its stamp is part of the key too; the draft itself is read only when the page is built.
        let (reference, party, stamp) = try AgreementAccess.checkForAgreementPage(context, session: session, store: store)
        let (generation, reviewed, draft) = (stamp.generation, stamp.reviewed, stamp.draft)
        let key = "\(reference)\u{0}\(session.user.organisationID)\u{0}\(session.user.role.mayPropose)\(session.user.role.maySign)\(session.user.signingOnly != nil)\u{0}\(store.today().daysSinceEpoch)\u{0}\(generation)\u{0}\(reviewed ?? 0)\u{0}\(draft?.base ?? 0).\(draft?.revision ?? 0)"
        let page = try overviews.value(key) {
            let draft = draft == nil ? nil : try store.draft(reference, for: session.user.email)
            let model = try AgreementPage.Model.load(
                store: store, library: configuration.library, findingsCache: findings, reference: reference, party: party, session: session, reviewed: reviewed,
                draft: draft
            )
            return AgreementPage.View(model: model).page(session: session).prepared()
        }
        return page.response(request, session: session)
    }

    private func compare(request: Request, context: TripactRequestContext, session: TripactStore.Session) throws -> Response {
        let (reference, party) = try AgreementAccess.check(context, session: session, store: store)
        guard let from = request.uri.queryParameters.get("from", as: Int.self), let to = request.uri.queryParameters.get("to", as: Int.self) else {
            throw HTTPError(.badRequest, message: "choose two versions to compare (from and to)")
        }
        let mode = request.uri.queryParameters.get("view").flatMap { RedlineView.Mode(rawValue: String($0)) } ?? .changes
        let model = try ComparePage.Model.load(
            store: store, library: configuration.library, session: session, reference: reference, party: party, from: from, to: to, mode: mode
        )
        return ComparePage.View(model: model).page().response(session: session)
    }

    private func printPreview(request: Request, context: TripactRequestContext, session: TripactStore.Session) throws -> Response {
        let (reference, _, generation) = try AgreementAccess.checkForCachedPage(context, session: session, store: store)
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

    private func accept(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(AcceptForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
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
        return .redirect(to: SiteRoute.agreement.link(reference), type: .normal)
    }

    static func fileName(_ reference: String) -> String {
        String(reference.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    }
}
