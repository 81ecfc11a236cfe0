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
        // Each column's cell opening written once for the table, not once per cell.
        let openings = widths.map { cellOpening(width: $0, shaded: false) }
        if let header = table.header {
            xml.raw("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
            for (index, cell) in header.enumerated() { writeCell(&xml, cell, opening: cellOpening(width: widths[index], shaded: true), bold: true) }
            xml.raw("</w:tr>")
        }
        for row in table.rows {
            xml.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for index in 0..<columns {
                let bold = table.header == nil && labelled && index == 0
                writeCell(&xml, index < row.count ? row[index] : "", opening: openings[index], bold: bold)
            }
            xml.raw("</w:tr>")
        }
        xml.raw("</w:tbl>")
        // Word needs a paragraph between a table and whatever follows it.
        xml.raw("<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p>")
    }

    /// A table of clause text (such as the joint controllers' allocation): a repeated, shaded header row, then one
    /// row per responsibility, the first column wider, the values printed as the clause's other values are.
    static func writeClauseTable(_ xml: inout WordXMLWriter, _ paragraph: PrintedParagraph) {
        let rows = paragraph.rows
        let width = DocxParts.textWidth(landscape: false)
        let first = paragraph.columns > 2 ? width * 2 / 5 : width / 2
        let rest = (width - first) / max(paragraph.columns - 1, 1)
        let widths = [first] + Array(repeating: rest, count: paragraph.columns - 1)
        xml.raw("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"\(width)\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>")
        xml.raw("<w:tblLook w:firstRow=\"1\" w:firstColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>")
        for column in widths { xml.raw("<w:gridCol w:w=\"\(column)\"/>") }
        xml.raw("</w:tblGrid>")
        for (index, row) in rows.enumerated() {
            xml.raw(index == 0 ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for (column, cell) in row.enumerated() {
                xml.raw("<w:tc><w:tcPr><w:tcW w:w=\"\(widths[column])\" w:type=\"dxa\"/>\(index == 0 ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>" : "")</w:tcPr>")
                xml.raw("<w:p><w:pPr><w:spacing w:before=\"40\" w:after=\"40\"/></w:pPr>")
                if index == 0 {
                    xml.run(cell.map(\.plain).joined(), properties: "<w:b/>")
                } else {
                    DocxExporter.writeSpans(&xml, cell)
                }
                xml.raw("</w:p></w:tc>")
            }
            xml.raw("</w:tr>")
        }
        xml.raw("</w:tbl>")
        xml.raw("<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p>")
    }

    private static func cellOpening(width: Int, shaded: Bool) -> String {
        "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>\(shaded ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>" : "")</w:tcPr><w:p><w:pPr><w:spacing w:before=\"40\" w:after=\"40\"/></w:pPr>"
    }

    private static func writeCell(_ xml: inout WordXMLWriter, _ text: String, opening: String, bold: Bool) {
        xml.raw(opening)
        if !text.isEmpty { xml.run(text, properties: bold ? "<w:b/>" : "") }
        xml.raw("</w:p></w:tc>")
    }
}
