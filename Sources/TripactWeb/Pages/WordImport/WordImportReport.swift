import TripactCore
import TripactStore
import TripactWord

/// The page after a Word upload: what became of the document, then each edit mapped to the item it went to, each
/// comment, and every edit that could not be placed with its text and its place in the document.
enum WordImportReport {
    enum Outcome {
        /// Saved into the side's draft, which now changes `changes` items, `conflicts` of them to settle.
        case drafted(changes: Int, conflicts: Int)
        case proposed(Int)
        case noChange
        /// The head moved past the version the document was exported from; nothing was written.
        case stale(head: Int)

        var isStale: Bool { if case .stale = self { true } else { false } }
    }

    static func write(_ page: inout Page, reference: String, base: Int, fileName: String, mapped: WordImport.Mapped, outcome: Outcome, library: ClauseLibrary) {
        let result = mapped.result
        page.raw("<p><a href=\"\(SiteRoute.agreement.link(reference))\">Back to the agreement</a></p><p>")
        page.text(fileName.isEmpty ? "The Word document" : fileName)
        page.raw(", exported from version \(base): ")
        switch outcome {
        case .drafted(let changes, let conflicts):
            page.raw("<strong class=\"ok\">saved into your side's draft</strong>")
            page.text(
                "\(mapped.comments.isEmpty ? "" : ", its Word comments held with it"). Only your organisation sees the draft, which now changes "
                    + "\(changes == 1 ? "1 item" : "\(changes) items")\(conflicts == 0 ? "" : " (\(conflicts) also changed by the other side since version \(base), to settle)"). "
            )
            page.raw("<a href=\"\(SiteRoute.draft.link(reference))\">Review and send your turn</a>.</p>")
        case .proposed(let number):
            page.raw("<strong class=\"ok\">proposed as version \(number)</strong>")
            if !mapped.comments.isEmpty { page.raw(" with its Word comments") }
            page.raw(".</p>")
        case .noChange:
            page.raw("<strong>no change to the document; nothing was proposed</strong>")
            if !mapped.comments.isEmpty { page.raw(" (its Word comments were added)") }
            page.raw(".</p>")
        case .stale(let head):
            page.raw("<strong class=\"error\" role=\"alert\">not imported: version \(head) was proposed since version \(base)</strong>. Nothing was saved. ")
            page.raw("Download <a href=\"\(SiteRoute.versionDocx.link(reference, String(head)))\">version \(head) as Word</a>, carry the edits over and upload it again.</p>")
        }
        let title: (ClauseID) -> String = { id in library.clause(id).map { "Clause \(Self.number(of: id, in: result)) — \($0.title)" } ?? id.rawValue }

        page.raw("<h2>Mapped to the agreement</h2>")
        if result.parameterChanges.isEmpty, result.ownWordings.isEmpty, result.rowEdits.isEmpty {
            page.raw("<p>No edit was mapped.</p>")
        } else {
            page.raw("<ul>")
            for change in result.parameterChanges {
                let label = library.clause(change.clause)?.parameter(change.parameter)?.label ?? change.parameter
                page.raw("<li>")
                page.text("\(title(change.clause)): \(label) changed from \(change.old) to \(change.new)")
                page.raw("</li>")
            }
            for clause in result.ownWordings {
                page.raw("<li>")
                page.text("\(title(clause)): the changed wording becomes the clause's own wording")
                page.raw("</li>")
            }
            for edit in result.rowEdits {
                page.raw("<li>")
                page.text("\(edit.annex), \(edit.row): \(edit.field) changed from \u{201C}\(edit.old)\u{201D} to \u{201C}\(edit.new)\u{201D}")
                page.raw("</li>")
            }
            page.raw("</ul>")
        }
        if !result.comments.isEmpty {
            if case .drafted = outcome {
                page.raw("<h2>Word comments</h2><p>Held with your side's draft: posted on their items when you send it, dropped if you discard it.</p><ul>")
            } else {
                page.raw("<h2>Word comments</h2><ul>")
            }
            for comment in result.comments {
                page.raw("<li>")
                let on = comment.item.flatMap { key in key.kind == "clause" ? title(ClauseID(key.name)) : nil } ?? "the agreement"
                page.text("On \(on), by \(comment.author.isEmpty ? "an unnamed author" : comment.author): \(comment.text)")
                page.raw("</li>")
            }
            page.raw("</ul>")
        }
        page.raw("<h2>Not imported</h2>")
        if result.unmapped.isEmpty {
            page.raw("<p>Every edit was mapped.</p>")
        } else {
            page.raw("<p class=\"warning\">\(result.unmapped.count) edit\(result.unmapped.count == 1 ? "" : "s") could not be placed in the agreement. They are not lost: here is each with its place; make them in Tripact or answer them in a comment.</p>")
            page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Where</th><th scope=\"col\">Text</th><th scope=\"col\">Why not</th></tr></thead><tbody>")
            for item in result.unmapped {
                page.raw("<tr><td>")
                page.text(item.place)
                page.raw("</td><td>")
                page.text(item.text)
                if let was = item.was {
                    page.raw("<br><small class=\"was\">was: ")
                    page.text(was)
                    page.raw("</small>")
                }
                page.raw("</td><td>")
                page.text(item.reason)
                page.raw("</td></tr>")
            }
            page.raw("</tbody></table></div>")
        }
    }

    /// The clause's number in the mapped document, as the DOCX printed it.
    private static func number(of id: ClauseID, in result: DocxImporter.Result) -> String {
        result.clauseNumbers[id].map(String.init) ?? "?"
    }
}
