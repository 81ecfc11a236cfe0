import Foundation

/// What the header, footer and properties say about the document.
struct DocxIdentity {
    var reference: String
    var title: String
    var version: Int?
    var contentHash: String
    var statusLabel: String
    /// A DRAFT watermark on every page while the version is not signed.
    var watermark: Bool
    /// Said in the header before the reference ("Redline of …").
    var headerPrefix: String = ""
}

/// The parts every Tripact DOCX has besides its body: content types, relationships, styles, numbering, settings,
/// header, footer and document properties.
enum DocxParts {
    static func package(identity: DocxIdentity, body: String, comments: String? = nil) throws(WordExportError) -> Data {
        var header = WordXMLWriter()
        writeHeader(&header, identity: identity)
        var footer = WordXMLWriter()
        writeFooter(&footer, identity: identity)
        var core = WordXMLWriter()
        writeCoreProperties(&core, identity: identity)
        var custom = WordXMLWriter()
        writeCustomProperties(&custom, identity: identity)
        for writer in [header, footer, core, custom] {
            if let refused = writer.refused { throw .unwritableCharacter(in: refused) }
        }
        var package = DocxPackage()
        package.add("[Content_Types].xml", contentTypes(comments: comments != nil))
        package.add("_rels/.rels", packageRelationships)
        package.add("docProps/core.xml", core.output)
        package.add("docProps/app.xml", WordNamespaces.declaration + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Tripact</Application></Properties>")
        package.add("docProps/custom.xml", custom.output)
        package.add("word/document.xml", body)
        package.add("word/_rels/document.xml.rels", documentRelationships(comments: comments != nil))
        package.add("word/styles.xml", WordStyles.styles)
        package.add("word/numbering.xml", WordStyles.numbering)
        package.add("word/settings.xml", WordStyles.settings)
        package.add("word/header1.xml", header.output)
        package.add("word/footer1.xml", footer.output)
        if let comments { package.add("word/comments.xml", comments) }
        return try package.zipped()
    }

    private static func contentTypes(comments: Bool) -> String {
        let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        var xml = WordNamespaces.declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/word/document.xml\" ContentType=\"\(wml).document.main+xml\"/>"
        xml += "<Override PartName=\"/word/styles.xml\" ContentType=\"\(wml).styles+xml\"/>"
        xml += "<Override PartName=\"/word/numbering.xml\" ContentType=\"\(wml).numbering+xml\"/>"
        xml += "<Override PartName=\"/word/settings.xml\" ContentType=\"\(wml).settings+xml\"/>"
        xml += "<Override PartName=\"/word/header1.xml\" ContentType=\"\(wml).header+xml\"/>"
        xml += "<Override PartName=\"/word/footer1.xml\" ContentType=\"\(wml).footer+xml\"/>"
        if comments { xml += "<Override PartName=\"/word/comments.xml\" ContentType=\"\(wml).comments+xml\"/>" }
        xml += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        xml += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        xml += "<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>"
        return xml + "</Types>"
    }

    private static let packageRelationships = WordNamespaces.declaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"/>"
        + "</Relationships>"

    /// The relationship ids the body refers to.
    static let headerID = "rIdHeader"
    static let footerID = "rIdFooter"

    private static func documentRelationships(comments: Bool) -> String {
        let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        var xml = WordNamespaces.declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        xml += "<Relationship Id=\"rIdStyles\" Type=\"\(base)styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rIdNumbering\" Type=\"\(base)numbering\" Target=\"numbering.xml\"/>"
        xml += "<Relationship Id=\"rIdSettings\" Type=\"\(base)settings\" Target=\"settings.xml\"/>"
        xml += "<Relationship Id=\"\(headerID)\" Type=\"\(base)header\" Target=\"header1.xml\"/>"
        xml += "<Relationship Id=\"\(footerID)\" Type=\"\(base)footer\" Target=\"footer1.xml\"/>"
        if comments { xml += "<Relationship Id=\"rIdComments\" Type=\"\(base)comments\" Target=\"comments.xml\"/>" }
        return xml + "</Relationships>"
    }

    /// A section's properties: A4, portrait or landscape, with the one header and footer.
    static func sectionProperties(landscape: Bool) -> String {
        let size = landscape ? "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>" : "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
        return "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"\(headerID)\"/><w:footerReference w:type=\"default\" r:id=\"\(footerID)\"/>"
            + size + "<w:pgMar w:top=\"1417\" w:right=\"1134\" w:bottom=\"1417\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
    }

    /// Text width in twentieths of a point: A4 less the margins.
    static func textWidth(landscape: Bool) -> Int { landscape ? 16838 - 2268 : 11906 - 2268 }

    private static func writeHeader(_ xml: inout WordXMLWriter, identity: DocxIdentity) {
        xml.raw(WordNamespaces.declaration + "<w:hdr \(WordNamespaces.wordRoot)><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>")
        if identity.watermark { xml.raw(watermarkRun) }
        var line = identity.headerPrefix + identity.reference
        if let version = identity.version { line += " · version \(version)" }
        line += " · sha256 " + String(identity.contentHash.prefix(12))
        xml.run(line)
        xml.raw("</w:p></w:hdr>")
    }

    /// "DRAFT" across the page behind the text: Word's own watermark shape (VML text path), anchored in the header.
    static let watermarkRun = [
        "<w:r><w:pict><v:shapetype id=\"_x0000_t136\" coordsize=\"21600,21600\" o:spt=\"136\" adj=\"10800\" path=\"m@7,l@8,m@5,21600l@6,21600e\">",
        "<v:formulas><v:f eqn=\"sum #0 0 10800\"/><v:f eqn=\"prod #0 2 1\"/><v:f eqn=\"sum 21600 0 @1\"/><v:f eqn=\"sum 0 0 @2\"/><v:f eqn=\"sum 21600 0 @3\"/>",
        "<v:f eqn=\"if @0 @3 0\"/><v:f eqn=\"if @0 21600 @1\"/><v:f eqn=\"if @0 0 @2\"/><v:f eqn=\"if @0 @4 21600\"/><v:f eqn=\"mid @5 @6\"/><v:f eqn=\"mid @8 @5\"/>",
        "<v:f eqn=\"mid @7 @8\"/><v:f eqn=\"mid @6 @7\"/><v:f eqn=\"sum @6 0 @5\"/></v:formulas>",
        "<v:path textpathok=\"t\" o:connecttype=\"custom\" o:connectlocs=\"@9,0;@10,10800;@11,21600;@12,10800\" o:connectangles=\"270,180,90,0\"/>",
        "<v:textpath on=\"t\" fitshape=\"t\"/><o:lock v:ext=\"edit\" text=\"t\" shapetype=\"t\"/></v:shapetype>",
        "<v:shape id=\"TripactDraftWatermark\" o:spid=\"_x0000_s2049\" type=\"#_x0000_t136\" style=\"position:absolute;margin-left:0;margin-top:0;width:440pt;height:150pt;rotation:315;z-index:-251657216;",
        "mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin\" o:allowincell=\"f\" fillcolor=\"#d9d9d9\" stroked=\"f\">",
        "<v:fill opacity=\".5\"/><v:textpath style=\"font-family:&quot;Liberation Sans&quot;;font-size:1pt\" string=\"DRAFT\"/><w10:wrap anchorx=\"margin\" anchory=\"margin\"/></v:shape></w:pict></w:r>",
    ].joined()

    private static func writeFooter(_ xml: inout WordXMLWriter, identity: DocxIdentity) {
        xml.raw(WordNamespaces.declaration + "<w:ftr \(WordNamespaces.wordRoot)><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:tabs><w:tab w:val=\"right\" w:pos=\"\(textWidth(landscape: false))\"/></w:tabs></w:pPr>")
        xml.run(identity.statusLabel + "\t")
        xml.run("Page ")
        field(&xml, "PAGE", shown: "1")
        xml.run(" of ")
        field(&xml, "NUMPAGES", shown: "1")
        xml.raw("</w:p></w:ftr>")
    }

    /// A Word field (`PAGE`, `NUMPAGES`) with the value shown until Word or LibreOffice updates it.
    static func field(_ xml: inout WordXMLWriter, _ instruction: String, shown: String) {
        xml.raw("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> \(instruction) </w:instrText></w:r>")
        xml.raw("<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>\(shown)</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")
    }

    private static func writeCoreProperties(_ xml: inout WordXMLWriter, identity: DocxIdentity) {
        xml.raw(WordNamespaces.declaration + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
        xml.element("dc:title", identity.title)
        xml.element("dc:subject", identity.headerPrefix + identity.reference)
        xml.element("dc:identifier", "sha256:" + identity.contentHash)
        xml.element("dc:creator", "Tripact")
        xml.element("cp:keywords", "sha256:" + identity.contentHash)
        if let version = identity.version { xml.element("cp:version", String(version)) }
        xml.element("cp:contentStatus", identity.statusLabel)
        xml.raw("</cp:coreProperties>")
    }

    private static func writeCustomProperties(_ xml: inout WordXMLWriter, identity: DocxIdentity) {
        xml.raw(WordNamespaces.declaration + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">")
        var values: [(String, String)] = [("TripactAgreement", identity.reference), ("TripactContentHash", identity.contentHash), ("TripactStatus", identity.statusLabel)]
        if let version = identity.version { values.insert(("TripactVersion", String(version)), at: 1) }
        for (index, (name, value)) in values.enumerated() {
            xml.raw("<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"\(index + 2)\" name=\"\(name)\">")
            xml.element("vt:lpwstr", value)
            xml.raw("</property>")
        }
        xml.raw("</Properties>")
    }
}
