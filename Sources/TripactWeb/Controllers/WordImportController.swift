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
/// where, and lists every edit that could not be placed, with its text and place.
struct WordImportController {
    let store: TripactStore
    let configuration: WebConfiguration

    func register(on router: Routes) {
        router.get("agreements/:reference/word") { request, context in try form(context: context) }
        router.post("agreements/:reference/word") { request, context in try await upload(request: request, context: context) }
    }

    private func form(context: TripactRequestContext) throws -> Response {
        guard let (session, reference, _) = try AgreementAccess.check(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let head = try store.agreement(reference).head
        return page(session: session, reference: reference, base: head, message: "", errors: [:], status: .ok)
    }

    private func upload(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference, _) = try AgreementAccess.check(context, store: store) else { return .redirect(to: "/login", type: .normal) }
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
            return page(session: session, reference: reference, base: base.number, message: message, errors: errors, status: .badRequest)
        }
        guard errors.isEmpty else { return page(session: session, reference: reference, base: base.number, message: message, errors: errors, status: .unprocessableContent) }
        let mapped: WordImport.Mapped
        do {
            mapped = try WordImport.map(file.data, store: store, reference: reference, base: base.number, library: configuration.library)
        } catch let refusal as WordImport.Refusal {
            errors["file"] = "\(file.fileName ?? "the file"): \(refusal)"
            return page(session: session, reference: reference, base: base.number, message: message, errors: errors, status: .unprocessableContent)
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

    private func page(session: TripactStore.Session, reference: String, base: Int, message: String, errors: [String: String], status: HTTPResponse.Status) -> Response {
        let path = AgreementController.path(reference)
        var page = Page(title: "Bring back a Word document")
        page.raw("<p><a href=\"/agreements/\(path)\">Back to the agreement</a></p>")
        if !errors.isEmpty {
            page.raw("<p class=\"error\" role=\"alert\">The upload has \(errors.count) problem\(errors.count == 1 ? "" : "s"); see below. Nothing was saved.</p>")
        }
        page.raw("<p>Upload a Word document that Tripact exported and the other side returned with tracked changes, edits or comments. ")
        page.raw("Changed values become the parameter's new value, other changed wording the clause's own wording, Word comments comments on their clause. ")
        page.raw("The document is read against the version it was exported from; its edits go into your side's draft and its comments wait there, ")
        page.raw("seen by your organisation only, until you send the turn from the draft's review page. Whatever cannot be placed is listed, never dropped.</p>")
        guard session.user.role.mayPropose else {
            page.raw("<p>Only admin and legal users bring back Word documents.</p>")
            return page.response(status: status, session: session)
        }
        page.raw("<form method=\"post\" action=\"/agreements/\(path)/word\" enctype=\"multipart/form-data\">")
        page.csrf(session)
        page.raw("<label for=\"base\">Exported from version</label><input id=\"base\" name=\"base\" type=\"number\" min=\"1\" value=\"\(base)\">")
        page.raw("<label for=\"file\">Returned Word document (.docx, at most 4 MiB)</label>")
        page.raw("<input id=\"file\" name=\"file\" type=\"file\" accept=\".docx,\(WordDownloads.contentType)\"\(errors["file"] != nil ? " aria-invalid=\"true\"" : "")>")
        if let error = errors["file"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
        page.raw("<label for=\"message\">What the other side changed (optional; the version's message)</label>")
        page.raw("<input id=\"message\" name=\"message\" maxlength=\"500\" size=\"70\" value=\"")
        page.text(message)
        page.raw("\"\(errors["message"] != nil ? " aria-invalid=\"true\"" : "")>")
        if let error = errors["message"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
        page.raw("<div class=\"choice\"><input type=\"checkbox\" id=\"propose\" name=\"propose\" value=\"yes\"><label for=\"propose\">")
        page.raw("Propose the edits to the other side at once as a new version, with the comments, instead of saving them into your side's draft</label></div>")
        page.raw("<p><button type=\"submit\">Import</button></p></form>")
        return page.response(status: status, session: session)
    }
}
