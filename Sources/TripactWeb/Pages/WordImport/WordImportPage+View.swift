import TripactStore

extension WordImportPage {
    /// Writes the upload form from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let errors = model.errors
            var page = Page(title: "Bring back a Word document")
            page.backToAgreement(model.reference)
            page.formProblems(errors.count, noun: "upload", tail: "see below. Nothing was saved.")
            page.raw("<p>Upload a Word document that Tripact exported and the other side returned with tracked changes, edits or comments. ")
            page.raw("Changed values become the parameter's new value, other changed wording the clause's own wording, Word comments comments on their clause. ")
            page.raw("The document is read against the version it was exported from; its edits go into your side's draft and its comments wait there, ")
            page.raw("seen by your organisation only, until you send the turn from the draft's review page. Whatever cannot be placed is listed, never dropped.</p>")
            guard model.mayUpload else {
                page.raw("<p>Only admin and legal users bring back Word documents.</p>")
                return page
            }
            page.raw("<form method=\"post\" action=\"\(SiteRoute.word.link(model.reference))\" enctype=\"multipart/form-data\">")
            page.csrf(session)
            page.raw("<label for=\"base\">Exported from version</label><input id=\"base\" name=\"base\" type=\"number\" min=\"1\" value=\"\(model.base)\">")
            page.raw("<label for=\"file\">Returned Word document (.docx, at most 4 MiB)</label>")
            page.raw("<input id=\"file\" name=\"file\" type=\"file\" accept=\".docx,\(WordDownloads.contentType)\"")
            page.invalid(errors["file"] != nil)
            page.raw(">")
            if let error = errors["file"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            page.raw("<label for=\"message\">What the other side changed (optional; the version's message)</label>")
            page.raw("<input id=\"message\" name=\"message\" maxlength=\"500\" size=\"70\" value=\"")
            page.text(model.message)
            page.raw("\"")
            page.invalid(errors["message"] != nil)
            page.raw(">")
            if let error = errors["message"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            page.raw("<div class=\"choice\"><input type=\"checkbox\" id=\"propose\" name=\"propose\" value=\"yes\"><label for=\"propose\">")
            page.raw("Propose the edits to the other side at once as a new version, with the comments, instead of saving them into your side's draft</label></div>")
            page.raw("<p><button type=\"submit\">Import</button></p></form>")
            return page
        }
    }
}
