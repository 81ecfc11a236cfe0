import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore
import TripactWord

/// The agreement's Word page: upload a DOCX that Tripact exported and the other side returned. The edits are mapped
/// as `tripact import-docx` maps them, read against the version the file was exported from, and saved into the side's
/// private draft with the Word comments held beside it until the side sends its turn from the draft's review page (or,
/// when the user ticks the box, proposed at once with the comments in the same write). The page then says what went
/// where (`WordImportReport`), and lists every edit that could not be placed, with its text and place. The form is
/// `WordImportPage`.
struct WordImportController {
    let store: TripactStore
    let configuration: WebConfiguration

    func register(on router: Routes) {
        router.get(.word) { _, context, session in
            let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
            let model = try WordImportPage.Model.load(store: store, session: session, reference: reference)
            return WordImportPage.View(model: model).page(session: session).response(session: session)
        }
        router.post(.word) { request, context, session in try await upload(request: request, context: context, session: session) }
    }

    /// The upload form again, with what was typed and why the upload was refused.
    private func refused(session: TripactStore.Session, reference: String, base: Int, message: String, errors: [String: String], status: HTTPResponse.Status) -> Response {
        let model = WordImportPage.Model.submitted(session: session, reference: reference, base: base, message: message, errors: errors)
        return WordImportPage.View(model: model).page(session: session).response(status: status, session: session)
    }

    private func upload(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        let body: ByteBuffer
        do {
            var request = request
            body = try await request.collectBody(upTo: WordImport.maximumBytes + Self.formAllowance)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return ErrorPageMiddleware.page(
                status: .contentTooLarge,
                message: "file: the upload is larger than \(WordImport.maximumBytes) bytes (4 MiB), the largest Word document taken; nothing was saved", context: context
            )
        }
        let fields = try Self.fields(Data(body.readableBytesView), contentType: request.headers[.contentType])
        // The token and the role are checked before the file is opened.
        let requested = fields["base"].flatMap { Int($0.text.trimmingCharacters(in: .whitespaces)) }
        _ = try Proposals.start(store: store, session: session, reference: reference, csrf: fields["_csrf"]?.text, base: requested)
        // The file is read against the version it was exported from, which the user names (not the side's draft).
        let base = try store.version(reference, number: requested ?? 0)
        let message = (fields["message"]?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [String: String] = [:]
        if let scalar = TextSafety.firstForbidden(in: message) { errors["message"] = "the message contains a character that cannot be stored (\(TextSafety.visible(String(scalar))))" }
        if TextLimit.exceeds(message, 500) { errors["message"] = "at most 500 characters" }
        guard let file = fields["file"], file.fileName != nil, !file.data.isEmpty else {
            errors["file"] = "choose the returned Word document (.docx)"
            return refused(session: session, reference: reference, base: base.number, message: message, errors: errors, status: .badRequest)
        }
        guard errors.isEmpty else { return refused(session: session, reference: reference, base: base.number, message: message, errors: errors, status: .unprocessableContent) }
        let mapped: WordImport.Mapped
        do {
            mapped = try WordImport.map(file.data, store: store, reference: reference, base: base.number, library: configuration.library)
        } catch let refusal as WordImport.Refusal {
            errors["file"] = "\(file.fileName ?? "the file"): \(refusal)"
            return refused(session: session, reference: reference, base: base.number, message: message, errors: errors, status: .unprocessableContent)
        }
        let fileName = file.fileName ?? "DOCX"
        var outcome: WordImportReport.Outcome
        if fields["propose"] == nil {
            // The default: into the side's draft, where forms save too; nothing reaches the other side until it is sent.
            let note = "Returned in Word (\(fileName))" + (message.isEmpty ? "" : ": \(message)")
            let draft = try store.importIntoDraft(reference, base: base.number, edited: mapped.result.document, by: session.user.email, note: note, comments: mapped.comments)
            outcome = .drafted(changes: draft.changes.count, conflicts: draft.conflicts.count)
        } else if mapped.changesDocument {
            let proposalMessage = message.isEmpty ? "Edits returned in Word (\(fileName))" : message
            do {
                let version = try store.propose(mapped.result.document, on: reference, basedOn: base.number, by: session.user.email, message: proposalMessage, comments: mapped.comments)
                outcome = .proposed(version.number)
            } catch {
                guard case .staleBase(_, _, let head) = error else { throw error }
                outcome = .stale(head: head)
            }
        } else {
            try store.comment(on: reference, mapped.comments, by: session.user.email)
            outcome = .noChange
        }
        var page = Page(title: "Word document imported")
        WordImportReport.write(&page, reference: reference, base: base.number, fileName: file.fileName ?? "", mapped: mapped, outcome: outcome, library: configuration.library)
        return page.response(status: outcome.isStale ? .conflict : .ok, session: session)
    }

    /// Room for the other fields and the multipart framing around the file.
    static let formAllowance = 64 * 1024

    /// The fields of a multipart upload; a URL-encoded post (no file) is read too, so its token is checked like any form's.
    static func fields(_ body: Data, contentType: String?) throws -> [String: MultipartForm.Field] {
        if let boundary = MultipartForm.boundary(contentType: contentType) {
            guard let form = MultipartForm(body, boundary: boundary) else {
                throw HTTPError(.badRequest, message: "file: the upload could not be read (a malformed multipart body); nothing was saved")
            }
            return Dictionary(form.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
        var fields: [String: MultipartForm.Field] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            fields[parts[0]] = MultipartForm.Field(name: parts[0], fileName: nil, data: Data((parts.count > 1 ? parts[1] : "").utf8))
        }
        return fields
    }
}
