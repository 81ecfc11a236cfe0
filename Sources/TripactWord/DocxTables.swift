import TripactCore

/// Annexes and their tables in Word: Table Grid style, header rows that repeat on every page, label columns in bold.
enum DocxTables {
    static func writeAnnex(_ xml: inout WordXMLWriter, _ annex: PrintedAnnex, landscape: Bool, pageBreak: Bool) {
        xml.raw("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/>\(pageBreak ? "<w:pageBreakBefore/>" : "")</w:pPr>")
        xml.run(annex.title)
        xml.raw("</w:p>")
        for block in annex.blocks {
            switch block {
            case .heading(let text): xml.paragraph(text, style: "Heading2")
            case .paragraph(let text): xml.paragraph(text)
            case .table(let table): writeTable(&xml, table, landscape: landscape)
            }
        }
    }

    /// A table across the text width. With a header, its first row is marked `w:tblHeader` so Word and LibreOffice
    /// repeat it on each page; without one, the first column is the rows' labels, in bold, when `labelled`.
    static func writeTable(_ xml: inout WordXMLWriter, _ table: PrintedTable, landscape: Bool, labelled: Bool = true) {
        if let caption = table.caption { xml.paragraph(caption, style: "Heading2") }
        let columns = max(table.header?.count ?? 0, table.rows.map(\.count).max() ?? 0)
        guard columns > 0 else {
            xml.paragraph("None.")
            return
        }
        let width = DocxParts.textWidth(landscape: landscape)
        // Label/value tables give the label a third; grids share the width.
        let widths: [Int] = table.header == nil && labelled && columns == 2
            ? [width / 3, width - width / 3]
            : Array(repeating: width / columns, count: columns)
        xml.raw("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"\(width)\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>")
        xml.raw(table.header == nil ? "<w:tblLook w:firstRow=\"0\" w:firstColumn=\"1\" w:noHBand=\"1\" w:noVBand=\"1\"/>" : "<w:tblLook w:firstRow=\"1\" w:firstColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>")
        xml.raw("</w:tblPr><w:tblGrid>")
        for column in widths { xml.raw("<w:gridCol w:w=\"\(column)\"/>") }
        xml.raw("</w:tblGrid>")
        if let header = table.header {
            xml.raw("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
            for (index, cell) in header.enumerated() { writeCell(&xml, cell, width: widths[index], bold: true, shaded: true) }
            xml.raw("</w:tr>")
        }
        for row in table.rows {
            xml.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for index in 0..<columns {
                let bold = table.header == nil && labelled && index == 0
                writeCell(&xml, index < row.count ? row[index] : "", width: widths[index], bold: bold, shaded: false)
            }
            xml.raw("</w:tr>")
        }
        xml.raw("</w:tbl>")
        // Word needs a paragraph between a table and whatever follows it.
        xml.raw("<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p>")
    }

    private static func writeCell(_ xml: inout WordXMLWriter, _ text: String, width: Int, bold: Bool, shaded: Bool) {
        xml.raw("<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>\(shaded ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>" : "")</w:tcPr><w:p><w:pPr><w:spacing w:before=\"40\" w:after=\"40\"/></w:pPr>")
        if !text.isEmpty { xml.run(text, properties: bold ? "<w:b/>" : "") }
        xml.raw("</w:p></w:tc>")
    }
}
