/// The last page of a signed version's export: who signed which hash, when (in the party's named time zone), from
/// which client address, and the audit chain's head at that moment; then the updates the agreement's own procedures
/// made since, each with its hash. It is drawn only from the render context, so `tripact verify` re-renders it.
enum CompletionCertificate {
    static func write(_ html: inout HTMLWriter, document: AgreementDocument, context: RenderContext) {
        guard context.certificate, context.status == .signed, !context.signatures.isEmpty else { return }
        // Its own page in print; an inline style, so the shared print style (and older exports' bytes) stay as they were.
        html.raw("<section class=\"certificate\" id=\"certificate\" style=\"break-before: page\">\n<h2>Certificate of completion</h2>\n<p>")
        html.text("\(document.title): ")
        if let signed = context.signedVersion {
            html.raw("the parties signed version ")
            html.number(signed.version)
            html.raw("; this file prints a later version made by the agreement's own procedures, listed below.</p>\n")
        } else {
            html.raw("the parties signed version ")
            html.number(context.version ?? 0)
            html.raw(" as printed in this file.</p>\n")
        }
        html.raw("<table class=\"certificate-signatures\">\n<thead><tr><th scope=\"col\">Party</th><th scope=\"col\">Signed by</th>")
        html.raw("<th scope=\"col\">Signed on</th><th scope=\"col\">Content hash signed</th><th scope=\"col\">Client address</th>")
        html.raw("<th scope=\"col\">Audit chain head</th></tr></thead>\n<tbody>\n")
        for signature in CompletionFacts(document: document, context: context)?.signatures ?? [] {
            html.element("<tr><td>", signature.party, "</td>")
            html.element("<td>", signature.signer, "</td>")
            html.element("<td>", signature.signedOn, "</td>")
            // The cell has always read "sha256:" followed by the hash, or by "not recorded".
            let hash = signature.contentHash.hasPrefix("sha256:") ? String(signature.contentHash.dropFirst("sha256:".count)) : signature.contentHash
            html.element("<td class=\"hash\">sha256:", hash, "</td>")
            html.element("<td>", signature.address, "</td>")
            html.element("<td class=\"hash\">", signature.chainHead, "</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n")
        if context.updates.isEmpty {
            html.raw("<p>No version was made by the agreement's own procedures after the signature.</p>\n")
        } else {
            html.raw("<h3>Updates after the signature</h3>\n<ul class=\"certificate-updates\">\n")
            for update in context.updates {
                html.raw("<li>Version ")
                html.number(update.version)
                html.element(": ", "\(update.sentence). \(update.summary). sha256:\(update.contentHash)", "</li>\n")
            }
            html.raw("</ul>\n")
        }
        html.raw("<p>Each signature is recorded in Tripact's audit log, whose events are chained by SHA-256; the chain head above is the hash of ")
        html.raw("the event that recorded the signature. <code>tripact verify</code> checks this file against the document it embeds.</p>\n</section>\n")
    }
}
