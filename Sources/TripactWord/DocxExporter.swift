public import Foundation
public import TripactCore

/// An agreement version as a Word document: what the HTML export prints (cover, clauses with their numbers, Annexes
/// I–IV, signatures and status), in Word's own styles and numbering, Annex IV in a landscape section.
public enum DocxExporter {
    /// The DOCX's bytes. `reference` is the agreement's reference for the header (the document's id when nil).
    public static func export(_ facts: AgreementFacts, context: RenderContext = RenderContext(), contentHash: String? = nil) throws(WordExportError) -> Data {
        let document = facts.document
        let hash = contentHash ?? DocumentCodec.contentHash(document)
        var xml = WordXMLWriter(capacity: 64 * 1024 + facts.included.count * 3_000 + document.measures.count * 600 + document.subprocessors.count * 900)
        xml.raw(WordNamespaces.declaration + "<w:document \(WordNamespaces.wordRoot)><w:body>")
        writeCover(&xml, facts: facts, context: context, hash: hash)
        // The parts once, not once per clause (`partOpened` builds them all each time it is asked).
        let opened = Dictionary(facts.printedParts.compactMap { part in part.clauses.first.map { ($0.clause.id, part) } }, uniquingKeysWith: { first, _ in first })
        for item in facts.included {
            if let part = opened[item.clause.id] {
                // Unnumbered, like an annex heading, so the clauses' Heading 1 numbering runs on through the parts.
                xml.raw("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:keepNext/><w:jc w:val=\"center\"/></w:pPr>")
                xml.run(part.heading)
                xml.raw("</w:p>")
            }
            writeClause(&xml, item, facts: facts)
        }
        for annex in facts.printedAnnexes() {
            if annex.wide {
                // The section so far ends portrait; the wide annex gets a landscape section of its own.
                xml.raw("<w:p><w:pPr>\(DocxParts.sectionProperties(landscape: false))</w:pPr></w:p>")
                DocxTables.writeAnnex(&xml, annex, landscape: true, pageBreak: false)
                xml.raw("<w:p><w:pPr>\(DocxParts.sectionProperties(landscape: true))</w:pPr></w:p>")
            } else {
                DocxTables.writeAnnex(&xml, annex, landscape: false, pageBreak: true)
            }
        }
        writeSignatures(&xml, document: document, context: context)
        DocxCertificate.write(&xml, document: document, context: context)
        xml.raw(DocxParts.sectionProperties(landscape: false))
        xml.raw("</w:body></w:document>")
        if let refused = xml.refused { throw .unwritableCharacter(in: refused) }
        let identity = DocxIdentity(
            reference: document.id, title: facts.printedTitle, version: context.version, contentHash: hash, statusLabel: context.standing,
            watermark: context.status != .signed
        )
        return try DocxParts.package(identity: identity, body: xml.output)
    }

    private static func writeCover(_ xml: inout WordXMLWriter, facts: AgreementFacts, context: RenderContext, hash: String) {
        let document = facts.document
        xml.paragraph(facts.printedTitle, style: "Title")
        xml.raw("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>")
        xml.run("between ")
        xml.run(document.parties.controller.name, properties: "<w:b/>")
        xml.run(" (the \u{201C}Controller\u{201D}) and ")
        xml.run(document.parties.processor.name, properties: "<w:b/>")
        xml.run(" (the \u{201C}Processor\u{201D})")
        xml.raw("</w:p>")
        var rows: [[String]] = [["Agreement", document.id], ["Version", context.version.map { String($0) } ?? "unnumbered (file)"], ["Status", context.standing]]
        if let signed = context.signedVersion { rows.append(["Signed version", "version \(signed.version), sha256:\(signed.contentHash)"]) }
        rows.append(["Content hash", "sha256:\(hash)"])
        rows.append(["Main Agreement", document.mainAgreement])
        if let date = document.effectiveDate { rows.append(["Effective date", CalendarDate(date)?.longForm ?? date]) }
        DocxTables.writeTable(&xml, PrintedTable(caption: nil, header: nil, rows: rows), landscape: false)
        let printed = Set(facts.included.map(\.selectionIndex))
        let leftOut = document.clauses.indices.filter { !printed.contains($0) }
        if !leftOut.isEmpty {
            xml.raw("<w:p>")
            xml.run(
                "Not printed: this document selects clauses that cannot be printed (clauses[\(leftOut.map { String($0) }.joined(separator: "], clauses["))]). It must not be signed until they are corrected.",
                properties: "<w:b/>"
            )
            xml.raw("</w:p>")
        }
    }

    /// "5. Title" as a numbered Heading 1, the articles line, then "5.1", "5.2"… as numbered paragraphs; a list as its
    /// number followed by bullets, as the HTML prints it. The words come from `AgreementFacts.printedParagraphs`.
    private static func writeClause(_ xml: inout WordXMLWriter, _ item: AgreementFacts.IncludedClause, facts: AgreementFacts) {
        xml.raw("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/>\(WordStyles.numbered(level: 0))</w:pPr>")
        xml.raw("<w:bookmarkStart w:id=\"\(item.number)\" w:name=\"clause_\(item.number)\"/>")
        xml.run(item.clause.title)
        xml.raw("<w:bookmarkEnd w:id=\"\(item.number)\"/></w:p>")
        xml.paragraph(item.clause.articleLine, style: "Articles")
        for paragraph in facts.printedParagraphs(of: item) {
            if paragraph.isTable {
                xml.raw("<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:keepNext/>\(WordStyles.numbered(level: 1))<w:spacing w:after=\"0\"/></w:pPr></w:p>")
                DocxTables.writeClauseTable(&xml, paragraph)
            } else if paragraph.isList {
                xml.raw("<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:keepNext/>\(WordStyles.numbered(level: 1))<w:spacing w:after=\"0\"/></w:pPr></w:p>")
                for line in paragraph.lines {
                    xml.raw("<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/>\(WordStyles.numbered(level: 2))<w:spacing w:after=\"40\"/></w:pPr>")
                    writeSpans(&xml, line)
                    xml.raw("</w:p>")
                }
            } else {
                xml.raw("<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/>\(WordStyles.numbered(level: 1))</w:pPr>")
                writeSpans(&xml, paragraph.lines[0])
                xml.raw("</w:p>")
            }
        }
    }

    /// Library text plain; values as printed; an unfilled placeholder highlighted so nobody signs it unnoticed.
    static func writeSpans(_ xml: inout WordXMLWriter, _ spans: [PrintedSpan]) {
        for span in spans {
            switch span {
            case .text(let text, _), .value(let text), .reference(_, let text): xml.run(text)
            case .unfilled(let written, _): xml.run(written, properties: "<w:highlight w:val=\"yellow\"/>")
            }
        }
    }

    private static func writeSignatures(_ xml: inout WordXMLWriter, document: AgreementDocument, context: RenderContext) {
        xml.raw("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:pageBreakBefore/></w:pPr>")
        xml.run("Signatures")
        xml.raw("</w:p>")
        xml.paragraph("Each party signs this agreement in writing, which includes electronic form [Art. 28(9)].")
        var rows: [[String]] = []
        for role in PartyRole.allCases {
            let party = document.parties[role]
            let side = role == .controller ? "Controller" : "Processor"
            let named = party.signatory.flatMap { $0.name.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            var lines = ["For the \(side)", party.name]
            if let signature = context.signatures[role], let named, AgreementRenderer.isSignatory(named, signature) {
                lines += ["Signed by \(named.name)", "Position: \(named.position)", "Signed on \(SignatureTime.written(signature.signedAt, timeZone: party.timeZone))"]
            } else if let signature = context.signatures[role] {
                lines.append("Signed in Tripact by \(signature.name), for the \(side)")
                lines.append("Signed on \(SignatureTime.written(signature.signedAt, timeZone: party.timeZone))")
                lines.append("Signatory named in Annex I: " + (named.map { $0.position.trimmingCharacters(in: .whitespaces).isEmpty ? $0.name : "\($0.name), \($0.position)" } ?? "none"))
                if let named, !AgreementRenderer.sameName(named.name, signature.name) {
                    lines.append("\(named.name), whom Annex I names as the \(side)'s signatory, did not sign in Tripact: \(signature.name) signed for the \(side).")
                }
            } else {
                lines += ["Name: \(named?.name ?? "")", "Position: \(named?.position ?? "")", "Signature: ______________________", "Date: ______________________"]
            }
            rows.append(lines)
        }
        // Side by side, one cell per party, a line per fact.
        DocxTables.writeTable(&xml, PrintedTable(caption: nil, header: nil, rows: [rows.map { $0.joined(separator: "\n") }]), landscape: false, labelled: false)
        xml.paragraph("Status: " + context.standing, properties: "<w:spacing w:before=\"240\"/>")
    }
}
