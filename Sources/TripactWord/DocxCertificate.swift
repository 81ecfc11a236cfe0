import TripactCore

/// The certificate of completion as the Word export's last section, with the facts the HTML export ends with: who
/// signed which hash, when, from which client address, the audit chain's head, and the updates made since.
enum DocxCertificate {
    static func write(_ xml: inout WordXMLWriter, document: AgreementDocument, context: RenderContext) {
        guard let facts = CompletionFacts(document: document, context: context) else { return }
        xml.raw("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:pageBreakBefore/></w:pPr><w:bookmarkStart w:id=\"9000\" w:name=\"certificate\"/>")
        xml.run("Certificate of completion")
        xml.raw("<w:bookmarkEnd w:id=\"9000\"/></w:p>")
        xml.paragraph(
            facts.printsLaterVersion
                ? "\(document.title): the parties signed version \(facts.signedVersion); this file prints a later version made by the agreement's own procedures, listed below."
                : "\(document.title): the parties signed version \(facts.signedVersion) as printed in this file."
        )
        for signature in facts.signatures {
            DocxTables.writeTable(&xml, PrintedTable(caption: signature.party, header: nil, rows: [
                ["Signed by", signature.signer], ["Signed on", signature.signedOn], ["Content hash signed", signature.contentHash],
                ["Client address", signature.address], ["Audit chain head", signature.chainHead],
            ]), landscape: false)
        }
        if facts.updates.isEmpty {
            xml.paragraph("No version was made by the agreement's own procedures after the signature.")
        } else {
            xml.paragraph("Updates after the signature", style: "Heading2")
            for update in facts.updates { xml.paragraph(update) }
        }
        xml.paragraph(CompletionFacts.closingNote)
    }
}
