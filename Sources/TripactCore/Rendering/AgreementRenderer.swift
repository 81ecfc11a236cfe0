import Foundation

/// Renders an agreement as one self-contained, print-ready HTML file (A4, running footer, annexes I–V, signature blocks).
///
/// Library text is copied pre-escaped; every value from the document goes through `HTMLWriter.text`.
public enum AgreementRenderer {
    public static func render(_ facts: AgreementFacts, context: RenderContext = RenderContext(), contentHash: String? = nil) -> String {
        String(decoding: renderUTF8(facts, context: context, contentHash: contentHash), as: UTF8.self)
    }

    /// The same HTML as UTF-8 bytes, ready to write to a file or a response without re-validating it as a `String`.
    public static func renderUTF8(_ facts: AgreementFacts, context: RenderContext = RenderContext(), contentHash: String? = nil) -> [UInt8] {
        let document = facts.document
        let hash = contentHash ?? DocumentCodec.contentHash(document)
        var html = HTMLWriter(capacity: 64 * 1024 + facts.included.count * 2_048 + document.measures.count * 400 + document.subprocessors.count * 500)
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        html.element("<title>", facts.printedTitle, "</title>\n")
        html.raw("<meta name=\"tripact-agreement\" content=\"")
        html.text(document.id)
        html.raw("\">\n<meta name=\"tripact-content-hash\" content=\"")
        html.text(hash)
        html.raw("\">\n")
        if context.embedForVerification {
            html.raw("<meta name=\"tripact-document\" content=\"")
            html.trusted(DocumentCodec.canonicalJSON(document).base64EncodedString())
            html.raw("\">\n<meta name=\"tripact-render-context\" content=\"")
            html.trusted(DocumentCodec.canonicalJSON(context).base64EncodedString())
            html.raw("\">\n")
        }
        html.raw("<style>\n")
        html.trusted(PrintStyle.css)
        writePageRules(&html, document: document, context: context, hash: hash)
        html.raw("</style>\n</head>\n")
        html.raw(context.status == .signed ? "<body class=\"signed\">\n" : "<body class=\"draft\">\n<div class=\"draft-mark\" aria-hidden=\"true\">DRAFT</div>\n")
        writeCover(&html, facts: facts, context: context, hash: hash)
        writeContents(&html, facts: facts)
        html.raw("<main>\n")
        for item in facts.included {
            if let part = facts.partOpened(by: item) { writePartHeading(&html, part) }
            writeClause(&html, item, facts: facts)
        }
        AnnexRenderer.writeAnnexes(&html, facts: facts)
        writeSignatures(&html, document: document, context: context)
        html.raw("</main>\n</body>\n</html>\n")
        return html.bytes
    }

    private static func writePageRules(_ html: inout HTMLWriter, document: AgreementDocument, context: RenderContext, hash: String) {
        var footer = document.id
        if let version = context.version { footer += " · version \(version)" }
        footer += " · sha256 " + String(hash.prefix(12)) + " · " + context.status.label
        if context.signedVersion != nil, let last = context.updates.last { footer += " · Annex IV updated " + last.day }
        html.raw("@page {\n  @bottom-left { content: ")
        html.trusted(cssString(footer))
        html.raw("; }\n  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); }\n")
        if context.status != .signed {
            html.raw("  @top-center { content: ")
            html.trusted(cssString(context.status.label + " · not signed"))
            html.raw("; }\n")
        }
        html.raw("}\n")
    }

    private static func writeCover(_ html: inout HTMLWriter, facts: AgreementFacts, context: RenderContext, hash: String) {
        let document = facts.document
        html.raw("<header class=\"cover\">\n")
        html.element("<h1>", facts.printedTitle, "</h1>\n")
        html.raw("<p class=\"between\">between <strong>")
        html.text(document.parties.controller.name)
        html.raw("</strong> (the &#8220;Controller&#8221;) and <strong>")
        html.text(document.parties.processor.name)
        html.raw("</strong> (the &#8220;Processor&#8221;)</p>\n<dl class=\"facts\">\n")
        html.element("<dt>Agreement</dt><dd>", document.id, "</dd>\n")
        html.raw("<dt>Version</dt><dd>")
        if let version = context.version { html.number(version) } else { html.raw("unnumbered (file)") }
        html.raw("</dd>\n")
        html.element("<dt>Status</dt><dd class=\"status\">", context.standing, "</dd>\n")
        if let signed = context.signedVersion {
            html.raw("<dt>Signed version</dt><dd>version ")
            html.number(signed.version)
            html.element(", sha256:", signed.contentHash, "</dd>\n")
        }
        html.element("<dt>Content hash</dt><dd class=\"hash\">sha256:", hash, "</dd>\n")
        html.element("<dt>Main Agreement</dt><dd>", document.mainAgreement, "</dd>\n")
        if let date = document.effectiveDate {
            html.element("<dt>Effective date</dt><dd>", CalendarDate(date)?.longForm ?? date, "</dd>\n")
        }
        html.raw("</dl>\n")
        writeLeftOut(&html, facts: facts)
        html.raw("</header>\n")
    }

    /// Selections the renderer cannot print (unknown clause or variant, a clause selected twice), said on the cover
    /// instead of being dropped silently; the validator reports each as an error.
    private static func writeLeftOut(_ html: inout HTMLWriter, facts: AgreementFacts) {
        let printed = Set(facts.included.map(\.selectionIndex))
        let leftOut = facts.document.clauses.enumerated().filter { !printed.contains($0.offset) }
        guard !leftOut.isEmpty else { return }
        html.raw("<div class=\"left-out\" role=\"note\">\n<p><strong>Not printed:</strong> this document selects clauses that cannot be printed. It must not be signed until they are corrected.</p>\n<ul>\n")
        for (index, selection) in leftOut {
            html.raw("<li>clauses[")
            html.number(index)
            html.raw("]: ")
            if let clause = facts.library.clause(selection.clause) {
                if clause.variant(selection.variant) == nil {
                    html.text("clause '\(clause.id)' has no variant '\(selection.variant)'")
                } else {
                    html.text("clause '\(clause.id)' is selected more than once")
                }
            } else {
                html.text("unknown clause '\(selection.clause)'")
            }
            html.raw("</li>\n")
        }
        html.raw("</ul>\n</div>\n")
    }

    private static func writeContents(_ html: inout HTMLWriter, facts: AgreementFacts) {
        html.raw("<nav class=\"contents\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n")
        for item in facts.included {
            if let part = facts.partOpened(by: item) {
                html.raw("<li class=\"part-entry\"><a href=\"#part-")
                html.number(part.number)
                html.raw("\">")
                html.text(part.heading)
                html.raw("</a></li>\n")
            }
            html.raw("<li><a href=\"#clause-")
            html.text(item.clause.id.rawValue)
            html.raw("\">")
            html.number(item.number)
            html.raw(". ")
            html.text(item.clause.title)
            html.raw("</a></li>\n")
        }
        for annex in AnnexRenderer.titles {
            html.raw("<li class=\"annex-entry\"><a href=\"#")
            html.trusted(annex.anchor)
            html.raw("\">")
            html.trusted(annex.title)
            html.raw("</a></li>\n")
        }
        html.raw("<li class=\"annex-entry\"><a href=\"#signatures\">Signatures</a></li>\n</ol>\n</nav>\n")
    }

    /// "Part 2 — Joint controllers (Art. 26)" above the first clause of a part.
    private static func writePartHeading(_ html: inout HTMLWriter, _ part: AgreementFacts.PrintedPart) {
        html.raw("<h2 class=\"part\" id=\"part-")
        html.number(part.number)
        html.raw("\" data-part=\"")
        html.text(part.part.rawValue)
        html.raw("\">")
        html.text(part.heading)
        html.raw("</h2>\n")
    }

    /// One clause as the agreement prints it (number, title, articles and paragraphs with every value filled), for a
    /// page that shows a clause's wording beside its form.
    /// `anchored: false` leaves out the section's id, for a page that shows several variants of one clause.
    public static func clauseFragment(_ item: AgreementFacts.IncludedClause, facts: AgreementFacts, anchored: Bool = true) -> String {
        var html = HTMLWriter(capacity: 4_096)
        writeClause(&html, item, facts: facts, anchored: anchored)
        return String(decoding: html.bytes, as: UTF8.self)
    }

    static func writeClause(
        _ html: inout HTMLWriter, _ item: AgreementFacts.IncludedClause, facts: AgreementFacts, anchored: Bool = true, annotation: ItemAnnotation? = nil
    ) {
        html.raw("<section class=\"clause\"")
        if anchored {
            html.raw(" id=\"clause-")
            html.text(item.clause.id.rawValue)
            html.raw("\"")
        }
        html.raw(" data-variant=\"")
        html.text(item.variant.key)
        // Printed like any clause; the attribute only lets a page or a check find the parties' own wording.
        html.raw(item.hasCustomWording ? "\" data-wording=\"own\">\n<h2><span class=\"number\">" : "\">\n<h2><span class=\"number\">")
        html.number(item.number)
        html.raw(".</span> ")
        html.text(item.clause.title)
        html.raw("</h2>\n<p class=\"articles\">")
        html.text(item.clause.articleLine)
        html.raw("</p>\n")
        writeMargin(&html, annotation)
        if let replacement = annotation?.replacement {
            html.trusted(replacement)
            html.raw("</section>\n")
            return
        }
        html.raw("<ol class=\"paragraphs\">\n")
        for paragraph in facts.printedParagraphs(of: item) {
            html.raw(paragraph.isList ? "<li class=\"list\"><span class=\"number\">" : paragraph.isTable ? "<li class=\"table\"><span class=\"number\">" : "<li><span class=\"number\">")
            html.text(item.label(of: paragraph))
            html.raw("</span> ")
            if paragraph.isTable {
                writeTable(&html, paragraph)
            } else if paragraph.isList {
                html.raw("<ul>")
                for line in paragraph.lines {
                    html.raw("<li>")
                    writeSpans(&html, line)
                    html.raw("</li>")
                }
                html.raw("</ul>")
            } else {
                writeSpans(&html, paragraph.lines[0])
            }
            html.raw("</li>\n")
        }
        html.raw("</ol>\n</section>\n")
    }

    /// A table of clause text: the header row in `<thead>` (repeated on each printed page), each row kept whole.
    private static func writeTable(_ html: inout HTMLWriter, _ paragraph: PrintedParagraph) {
        let rows = paragraph.rows
        html.raw("<table class=\"clause-table\">\n<thead><tr>")
        for cell in rows[0] {
            html.raw("<th scope=\"col\">")
            writeSpans(&html, cell)
            html.raw("</th>")
        }
        html.raw("</tr></thead>\n<tbody>\n")
        for row in rows.dropFirst() {
            html.raw("<tr>")
            for cell in row {
                html.raw("<td>")
                writeSpans(&html, cell)
                html.raw("</td>")
            }
            html.raw("</tr>\n")
        }
        html.raw("</tbody>\n</table>")
    }

    private static func writeSpans(_ html: inout HTMLWriter, _ spans: [PrintedSpan]) {
        for span in spans {
            switch span {
            case .text(_, let escaped):
                html.trusted(escaped)
            case .reference(let id, let words):
                html.raw("<a class=\"ref\" href=\"#clause-")
                html.text(id.rawValue)
                html.raw("\">")
                html.text(words)
                html.raw("</a>")
            case .value(let value):
                html.raw("<span class=\"value\">")
                html.text(value)
                html.raw("</span>")
            case .unfilled(let written, _):
                html.raw("<mark class=\"unfilled\">")
                html.text(written)
                html.raw("</mark>")
            }
        }
    }

    private static func writeSignatures(_ html: inout HTMLWriter, document: AgreementDocument, context: RenderContext) {
        html.raw("<section class=\"signatures\" id=\"signatures\">\n<h2>Signatures</h2>\n")
        html.raw("<p>Each party signs this agreement in writing, which includes electronic form [Art. 28(9)].</p>\n<div class=\"signature-row\">\n")
        for role in PartyRole.allCases {
            let party = document.parties[role]
            html.raw("<div class=\"signature-block\">\n<h3>For the ")
            html.raw(role == .controller ? "Controller" : "Processor")
            html.raw("</h3>\n")
            html.element("<p class=\"party\">", party.name, "</p>\n")
            let side = role == .controller ? "Controller" : "Processor"
            let named = party.signatory.flatMap { $0.name.isBlank ? nil : $0 }
            if let signature = context.signatures[role] {
                html.raw("<dl class=\"signed\">\n")
                if let named, Self.isSignatory(named, signature) {
                    // The signatory named in Annex I signed: their name and position, and the time in the party's zone.
                    html.element("<dt>Signed by</dt><dd class=\"signed-by\">", named.name, "</dd>\n")
                    html.element("<dt>Position</dt><dd class=\"position\">", named.position, "</dd>\n")
                    html.element("<dt>Signed on</dt><dd class=\"signed-at\">", SignatureTime.written(signature.signedAt, timeZone: party.timeZone), "</dd>\n")
                    html.raw("</dl>\n")
                } else {
                    // A signature given before only the signatory could sign: who signed is the user who signed in
                    // Tripact; Annex I's signatory is said apart, never implied.
                    html.element("<dt>Signed in Tripact by</dt><dd class=\"signed-by\">", "\(signature.name), for the \(side)", "</dd>\n")
                    html.element("<dt>Signed on</dt><dd class=\"signed-at\">", SignatureTime.written(signature.signedAt, timeZone: party.timeZone), "</dd>\n")
                    html.element("<dt>Signatory named in Annex I</dt><dd>", named.map(Self.signatoryLine) ?? "none", "</dd>\n")
                    html.raw("</dl>\n")
                    if let named, !Self.sameName(named.name, signature.name) {
                        html.element(
                            "<p class=\"signatory-note\">", "\(named.name), whom Annex I names as the \(side)'s signatory, did not sign in Tripact: "
                                + "\(signature.name) signed for the \(side).", "</p>\n"
                        )
                    }
                }
            } else {
                html.raw("<dl>\n")
                html.element("<dt>Name</dt><dd>", named?.name ?? "", "</dd>\n")
                html.element("<dt>Position</dt><dd>", named?.position ?? "", "</dd>\n")
                html.raw("<dt>Signature</dt><dd class=\"line\"></dd>\n<dt>Date</dt><dd class=\"line\"></dd>\n")
                html.raw("</dl>\n")
            }
            html.raw("</div>\n")
        }
        html.raw("</div>\n")
        writeUpdates(&html, context: context)
        html.raw("</section>\n")
        CompletionCertificate.write(&html, document: document, context: context)
    }

    /// Whether the record is the Annex I signatory's own signature: by e-mail when both carry one, else by name.
    public static func isSignatory(_ named: Signatory, _ signature: SignatureRecord) -> Bool {
        if let wanted = named.email, let email = signature.email { return wanted.lowercased() == email.lowercased() }
        return signature.email != nil && sameName(named.name, signature.name)
    }

    /// "Jeanne Roux, Chief Executive Officer".
    public static func signatoryLine(_ signatory: Signatory) -> String {
        signatory.position.isBlank ? signatory.name : "\(signatory.name), \(signatory.position)"
    }

    /// Names compared as people write them: case, accents' composition and runs of spaces aside.
    public static func sameName(_ a: String, _ b: String) -> Bool {
        func key(_ text: String) -> String { text.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        return key(a) == key(b)
    }

    /// Under the signatures of an updated version: the version they were given on, and each update made since by the
    /// agreement's own procedures, with the notice that made it.
    private static func writeUpdates(_ html: inout HTMLWriter, context: RenderContext) {
        guard let signed = context.signedVersion, !context.updates.isEmpty else { return }
        html.raw("<div class=\"signed-updates\">\n<h3>Signed version and later updates</h3>\n<p>The parties signed version ")
        html.number(signed.version)
        html.element(" (sha256:", signed.contentHash, ")")
        html.raw(". Each later version below was made by the procedure this agreement provides for changes of subprocessors, so it needs no new signature; a negotiated change would.</p>\n")
        html.raw("<table class=\"updates\">\n<thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Made by</th><th scope=\"col\">Change</th><th scope=\"col\">Content hash</th></tr></thead>\n<tbody>\n")
        for update in context.updates {
            html.raw("<tr><td>")
            html.number(update.version)
            html.element("</td><td>", update.sentence, "</td>")
            html.element("<td>", update.summary, "</td>")
            html.element("<td class=\"hash\">sha256:", String(update.contentHash.prefix(12)), "</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n</div>\n")
    }
}
