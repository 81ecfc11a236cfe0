/// Annex V: what each data subject is owed and who provides it.
enum ConsumerAnnexRenderer {
    /// Who answers each right and what the processor does: in Annex V and in the agent script.
    static func writeRightsTable(_ html: inout HTMLWriter, facts: AgreementFacts, tableClass: StaticString, lastColumn: StaticString) {
        html.raw("<table class=\"")
        html.raw(tableClass)
        html.raw("\">\n<thead><tr><th scope=\"col\">Right</th><th scope=\"col\">Answered by</th><th scope=\"col\">")
        html.raw(lastColumn)
        html.raw("</th></tr></thead>\n<tbody>\n")
        for assignment in facts.document.consumerObligations.rights {
            html.raw("<tr><td>")
            html.trusted(assignment.right.label)
            html.raw(assignment.answeredBy == .controller ? "</td><td>Controller</td><td>" : "</td><td>Processor</td><td>")
            html.text(facts.handling(of: assignment))
            html.raw("</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n")
    }

    static func write(_ html: inout HTMLWriter, facts: AgreementFacts, margin: ItemAnnotation? = nil) {
        let obligations = facts.document.consumerObligations
        AnnexRenderer.open(&html, 4)
        AgreementRenderer.writeMargin(&html, margin)
        html.raw("<p>The Controller answers every request within one month of receipt; it may extend that by two further months for complex or numerous requests, telling the person why within the first month [Art. 12(3)].")
        if let deadline = facts.forwardingDeadline {
            html.raw(" The Processor forwards each request it receives ")
            html.text(deadline)
            html.raw(" of receipt.")
        }
        html.raw("</p>\n")
        writeRightsTable(&html, facts: facts, tableClass: "grid", lastColumn: "What the Processor does")
        html.raw("<h3>Identity verification before disclosure [Art. 12(6)]</h3>\n")
        html.element("<p>", obligations.identityVerification, "</p>\n")
        html.raw("<h3>Information given to consumers [Art. 13, 14]</h3>\n")
        html.element("<p>", obligations.privacyNotice, "</p>\n")
        if facts.document.processing.callRecording {
            html.raw("<h3>Call-recording announcement</h3>\n")
            html.element("<blockquote>", obligations.callRecordingAnnouncement ?? "", "</blockquote>\n")
        }
        html.raw("<h3>Complaints</h3>\n")
        html.element("<p>", obligations.complaintRoute, "</p>\n")
        html.raw("<p>Nothing in this agreement limits a consumer's right to complain to a supervisory authority [Art. 77].</p>\n</section>\n")
    }
}
