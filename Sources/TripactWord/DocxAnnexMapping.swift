import TripactCore

/// Changed cells of the annex tables read back into their rows: in Annex III a measure's title or description and an
/// assistance measure's description; in Annex IV a subprocessor's name or service. A cell is mapped only when the
/// table has the shape the export wrote (same header, same rows) and the row, edited, prints exactly the new text;
/// every other change is left for the report.
enum AnnexRowMapping {
    /// The cells mapped, as `Placed.cellKey`.
    static func map(old: [DocxImporter.Placed], new: [DocxImporter.Placed], into result: inout DocxImporter.Result, base: AgreementFacts) -> Set<String> {
        let before = tables(old)
        let after = tables(new)
        var mapped: Set<String> = []
        for (index, rows) in before.sorted(by: { $0.key < $1.key }) {
            guard let edited = after[index], edited.count == rows.count, rows.count > 1, edited[0] == rows[0],
                  zip(rows, edited).allSatisfy({ $0.count == $1.count }), let kind = Kind(header: rows[0]) else { continue }
            for row in 1..<rows.count {
                for column in rows[row].indices where DocxImporter.normal(rows[row][column]) != DocxImporter.normal(edited[row][column]) {
                    let text = DocxImporter.normal(edited[row][column])
                    guard !text.isEmpty else { continue }
                    if apply(kind, row: rows[row], dataRow: row - 1, column: column, header: rows[0][column], text: text, into: &result, base: base) {
                        mapped.insert("\(index).\(row + 1).\(column + 1)")
                    }
                }
            }
        }
        return mapped
    }

    enum Kind {
        case measures, assistance, subprocessors

        init?(header: [String]) {
            switch header.map(DocxImporter.normal) {
            case ["No.", "Measure", "What is done"]: self = .measures
            case ["Duty", "How the Processor assists"]: self = .assistance
            case let cells where cells.first == "Subprocessor" && cells.count == 7: self = .subprocessors
            default: return nil
            }
        }
    }

    /// Table → rows → cells' text, from the paragraphs' places (one paragraph a cell, as the export writes them).
    static func tables(_ paragraphs: [DocxImporter.Placed]) -> [Int: [[String]]] {
        var cells: [Int: [Int: [Int: String]]] = [:]
        for paragraph in paragraphs {
            guard let table = paragraph.table, let cell = paragraph.cell else { continue }
            let text = cells[table]?[cell.row]?[cell.column].map { $0 + " " + paragraph.text } ?? paragraph.text
            cells[table, default: [:]][cell.row, default: [:]][cell.column] = text
        }
        return cells.mapValues { rows in
            rows.keys.sorted().map { row in
                let columns = rows[row] ?? [:]
                return (1...(columns.keys.max() ?? 0)).map { columns[$0] ?? "" }
            }
        }
    }

    /// Writes the cell's new text into its row of `result.document`; false (nothing changed) when the row would not
    /// print the text exactly.
    private static func apply(
        _ kind: Kind, row: [String], dataRow: Int, column: Int, header: String, text: String, into result: inout DocxImporter.Result, base: AgreementFacts
    ) -> Bool {
        var document = result.document
        let item: ItemKey
        let label: String
        switch (kind, column) {
        case (.measures, 1), (.measures, 2):
            // "M7": the seventh measure as printed, grouped under its heading.
            guard let number = Int(DocxImporter.normal(row[0]).dropFirst()), let index = printedMeasureOrder(document, base.library).dropFirst(number - 1).first else { return false }
            if column == 1 { document.measures[index].title = text } else { document.measures[index].description = text }
            item = ItemKey(rawValue: "measure:\(document.measures[index].id)")
            label = DocxImporter.normal(row[0])
        case (.assistance, 1):
            guard dataRow < document.assistanceMeasures.count else { return false }
            document.assistanceMeasures[dataRow].description = text
            item = ItemKey(rawValue: "annex3:assistance")
            label = DocxImporter.normal(row[0])
        case (.subprocessors, 0), (.subprocessors, 2):
            guard dataRow < document.subprocessors.count else { return false }
            if column == 0 { document.subprocessors[dataRow].name = text } else { document.subprocessors[dataRow].service = text }
            item = ItemKey(rawValue: "subprocessor:\(document.subprocessors[dataRow].id)")
            label = DocxImporter.normal(row[0])
        default:
            return false
        }
        guard printedCell(kind, facts: AgreementFacts(document: document, library: base.library), label: kind == .subprocessors && column == 0 ? text : label, dataRow: dataRow, column: column) == text else {
            return false
        }
        result.document = document
        let annex = kind == .subprocessors ? "Annex IV" : "Annex III"
        result.rowEdits.append(.init(item: item, annex: annex, row: label, field: DocxImporter.normal(header), old: DocxImporter.normal(row[column]), new: text))
        return true
    }

    /// The measures' indices in the order Annex III prints them: grouped by heading, headings in order.
    static func printedMeasureOrder(_ document: AgreementDocument, _ library: ClauseLibrary) -> [Int] {
        var byHeading: [Int: [Int]] = [:]
        for (index, entry) in document.measures.enumerated() { byHeading[entry.heading ?? library.measure(entry.id)?.heading ?? 0, default: []].append(index) }
        return byHeading.keys.sorted().flatMap { byHeading[$0] ?? [] }
    }

    /// The cell as the edited document prints it.
    private static func printedCell(_ kind: Kind, facts: AgreementFacts, label: String, dataRow: Int, column: Int) -> String? {
        let annexes = facts.printedAnnexes()
        let tables = annexes[kind == .subprocessors ? 3 : 2].blocks.compactMap { block -> PrintedTable? in if case .table(let table) = block { table } else { nil } }
        switch kind {
        case .measures:
            let row = tables.filter { $0.header?.first == "No." }.flatMap(\.rows).first { DocxImporter.normal($0[0]) == label }
            return row.map { DocxImporter.normal($0[column]) }
        case .assistance:
            guard let rows = tables.first(where: { $0.header?.first == "Duty" })?.rows, dataRow < rows.count else { return nil }
            return DocxImporter.normal(rows[dataRow][column])
        case .subprocessors:
            guard let rows = tables.first?.rows, dataRow < rows.count else { return nil }
            return DocxImporter.normal(rows[dataRow][column])
        }
    }
}
