public import Foundation
public import TripactCore

/// A DOCX that Tripact exported for version N and the other side returned, mapped back onto version N's document:
/// a changed parameter value becomes the parameter's new value, other changed wording of a clause its own wording,
/// Word comments comments on their clause; whatever cannot be placed is listed, never dropped.
public enum DocxImporter {
    /// Something in the DOCX that was not carried into the document, with where it was and why.
    public struct Unmapped: Sendable, Hashable {
        public var place: String
        /// The text as the returned file has it (for text deleted, the text that was there).
        public var text: String
        public var reason: String
        /// For a table cell whose text changed: what the cell held before, so the cell is one line, not two.
        public var was: String? = nil
    }

    public struct ImportedComment: Sendable, Hashable {
        /// The clause's item; nil for a comment outside every clause (it goes on the agreement).
        public var item: ItemKey?
        public var author: String
        public var text: String

        public init(item: ItemKey?, author: String, text: String) {
            self.item = item
            self.author = author
            self.text = text
        }
    }

    public struct ParameterChange: Sendable, Hashable {
        public var clause: ClauseID
        public var parameter: String
        public var old: String
        public var new: String

        public init(clause: ClauseID, parameter: String, old: String, new: String) {
            self.clause = clause
            self.parameter = parameter
            self.old = old
            self.new = new
        }
    }

    /// A changed annex table cell carried into its row: a measure's title or description, a subprocessor's name or
    /// service, an assistance measure's description.
    public struct RowEdit: Sendable, Hashable {
        public var item: ItemKey
        /// "Annex III, M7" or "Annex IV, Acme Ltd": where the row prints.
        public var annex: String
        public var row: String
        /// The column's heading as printed.
        public var field: String
        public var old: String
        public var new: String
    }

    public struct Result: Sendable {
        public var identity: DocxIdentityRead
        /// Version N's document with every mapped edit applied.
        public var document: AgreementDocument
        public var parameterChanges: [ParameterChange] = []
        /// Clauses whose changed wording became their own wording.
        public var ownWordings: [ClauseID] = []
        public var rowEdits: [RowEdit] = []
        public var comments: [ImportedComment] = []
        public var unmapped: [Unmapped] = []
        /// Each clause's number as the DOCX prints it, for the report.
        public var clauseNumbers: [ClauseID: Int] = [:]

        /// The report printed after an import, a line per fact.
        public var report: String {
            var lines: [String] = []
            for change in parameterChanges { lines.append("parameter \(change.clause).\(change.parameter): \(change.old) → \(change.new)") }
            for clause in ownWordings { lines.append("own wording on clause \(clause)") }
            for edit in rowEdits { lines.append("\(edit.annex), \(edit.row), \(edit.field): \(edit.old) → \(edit.new)") }
            for comment in comments { lines.append("comment on \(comment.item?.rawValue ?? "the agreement") by \(comment.author): \(comment.text)") }
            for item in unmapped { lines.append("NOT IMPORTED (\(item.place)): \(item.text)\(item.was.map { " (was: \($0))" } ?? "") — \(item.reason)") }
            if lines.isEmpty { lines.append("no change found") }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// Reads only the identity, to check the file before anything else is loaded.
    public static func identify(_ data: Data) throws(DocxImportError) -> DocxIdentityRead {
        try checked(DocxContainer(data).identity())
    }

    private static func checked(_ identity: DocxIdentityRead) throws(DocxImportError) -> DocxIdentityRead {
        if identity.status.hasPrefix("REDLINE") {
            throw .notTripact("it is a redline, not the export of a version; export the version and edit that")
        }
        return identity
    }

    /// Maps `returned` onto `base` (the facts of the version it was exported from). `original` is that version's export
    /// as Tripact writes it now: text outside the clauses (cover, annexes, signatures) is compared with it.
    public static func map(_ returned: Data, base: AgreementFacts, original: Data) throws(DocxImportError) -> Result {
        let container = try DocxContainer(returned)
        let identity = try checked(container.identity())
        let paragraphs = try container.bodyParagraphs()
        let commentTexts = try container.comments()
        let originalParagraphs = try DocxContainer(original).bodyParagraphs()
        var result = Result(identity: identity, document: base.document)
        result.clauseNumbers = Dictionary(base.included.map { ($0.clause.id, $0.number) }, uniquingKeysWith: { first, _ in first })
        let sections = sectioned(paragraphs, facts: base)
        let originalSections = sectioned(originalParagraphs, facts: base)

        // Clauses, one at a time on the document as mapped so far.
        var seen = Set<Int>()
        for case .clause(let number, let title, let body) in sections.map(\.kind) {
            seen.insert(number)
            guard let item = base.included.first(where: { $0.number == number }) else { continue }
            if normal(title) != normal(item.clause.title) {
                result.unmapped.append(Unmapped(place: "Clause \(number) heading", text: title, reason: "a clause's title is the library's and cannot be changed"))
            }
            ClauseMapping.map(body, clause: item.clause.id, number: number, into: &result, base: base)
        }
        for item in base.included where !seen.contains(item.number) {
            result.unmapped.append(Unmapped(place: "Clause \(item.number)", text: item.clause.title, reason: "its heading is missing from the DOCX, so its text cannot be placed"))
        }

        // Everything outside the clauses, compared with the export as written: changed annex cells become row edits
        // first, and what is left is listed.
        let outside = sections.filter { if case .outside = $0.kind { true } else { false } }.flatMap(\.paragraphs)
        let originalOutside = originalSections.filter { if case .outside = $0.kind { true } else { false } }.flatMap(\.paragraphs)
        let mappedCells = AnnexRowMapping.map(old: originalOutside, new: outside, into: &result, base: base)
        let changes = ParagraphLCS.changes(old: originalOutside, new: outside).filter { !mappedCells.contains($0.0.cellKey) }
        // A changed cell reads as its old paragraph deleted and its new one added: paired by cell, it is one line.
        var deletedInCell: [String: [String]] = [:]
        for (paragraph, change) in changes where change == .deleted && !paragraph.cellKey.isEmpty { deletedInCell[paragraph.cellKey, default: []].append(paragraph.text) }
        var paired: [String: Int] = [:]
        for (paragraph, change) in changes where change == .added && !paragraph.cellKey.isEmpty && deletedInCell[paragraph.cellKey] != nil {
            paired[paragraph.cellKey] = min((paired[paragraph.cellKey] ?? 0) + 1, deletedInCell[paragraph.cellKey]?.count ?? 0)
        }
        var usedOld: [String: Int] = [:]
        var usedNew: [String: Int] = [:]
        for (paragraph, change) in changes {
            let key = paragraph.cellKey
            let pairs = paired[key] ?? 0
            if change == .deleted, pairs > 0, (usedOld[key] ?? 0) < pairs {
                usedOld[key, default: 0] += 1
                continue
            }
            if change == .added, pairs > 0, (usedNew[key] ?? 0) < pairs {
                let index = usedNew[key, default: 0]
                usedNew[key] = index + 1
                result.unmapped.append(Unmapped(
                    place: paragraph.place, text: paragraph.text, reason: "a table cell changed outside the clauses that cannot be carried into its row; annexes are edited in Tripact",
                    was: deletedInCell[key]?[index]
                ))
                continue
            }
            result.unmapped.append(Unmapped(
                place: paragraph.place, text: paragraph.text,
                reason: change == .added ? "text added or changed outside the clauses; annexes and the cover are edited in Tripact" : "text deleted outside the clauses"
            ))
        }

        // Comments on the clause whose paragraph they start in.
        let owners = Dictionary(sections.flatMap { section in section.paragraphs.flatMap { p in p.commentIDs.map { ($0, section.kind) } } }, uniquingKeysWith: { first, _ in first })
        for (id, comment) in commentTexts.sorted(by: { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }) where !comment.text.isEmpty {
            var item: ItemKey?
            if case .clause(let number, _, _) = owners[id], let clause = base.included.first(where: { $0.number == number }) {
                item = ItemKey(rawValue: "clause:\(clause.clause.id)")
            }
            result.comments.append(ImportedComment(item: item, author: comment.author, text: comment.text))
        }
        return result
    }

    struct Placed {
        var text: String
        var place: String
        var level: Int?
        var style: String?
        var commentIDs: [String]
        /// The table row and cell when the paragraph sits in a table, so a clause's table reads back row by row.
        var cell: (row: Int, column: Int)? = nil
        var table: Int? = nil

        /// "table.row.column", or "" outside a table.
        var cellKey: String { if let table, let cell { "\(table).\(cell.row).\(cell.column)" } else { "" } }
    }

    struct Section {
        enum Kind { case clause(Int, title: String, body: [Placed]), outside }
        var kind: Kind
        var paragraphs: [Placed]
    }

    /// Splits the body at the clause headings the export writes: a Heading 1 carrying the bookmark `clause_N`, or,
    /// when a word processor dropped the bookmark, a numbered Heading 1 with a clause's title.
    static func sectioned(_ paragraphs: [ReadParagraph], facts: AgreementFacts) -> [Section] {
        var sections: [Section] = [Section(kind: .outside, paragraphs: [])]
        var heading = "the cover"
        for paragraph in paragraphs {
            var place = heading
            if let cell = paragraph.cell { place += ", table row \(cell.row), cell \(cell.column)" }
            var placed = Placed(text: paragraph.text, place: place, level: paragraph.level, style: paragraph.style, commentIDs: paragraph.commentIDs, cell: paragraph.cell, table: paragraph.table)
            if paragraph.style == "Heading1" {
                let marked = paragraph.bookmarks.compactMap { $0.hasPrefix("clause_") ? Int($0.dropFirst("clause_".count)) : nil }.first
                let titled = paragraph.level == 0 ? facts.included.first(where: { normal($0.clause.title) == normal(paragraph.text) })?.number : nil
                if let number = marked ?? titled {
                    heading = "Clause \(number)"
                    sections.append(Section(kind: .clause(number, title: paragraph.text, body: []), paragraphs: [placed]))
                    continue
                }
                heading = "under \u{201C}\(paragraph.text)\u{201D}"
                placed.place = heading
                sections.append(Section(kind: .outside, paragraphs: [placed]))
                continue
            }
            // Appended in place: a copy of the section per paragraph made this quadratic in a long annex.
            let last = sections.count - 1
            sections[last].paragraphs.append(placed)
            if case .clause(let number, let title, var body) = sections[last].kind {
                sections[last].kind = .outside  // drops the enum's reference, so the append below does not copy the body
                body.append(placed)
                sections[last].kind = .clause(number, title: title, body: body)
            }
        }
        return sections
    }

    /// Words joined by single spaces, as the word diff and the stored text (normalised white space) see them.
    static func normal(_ text: String) -> String { WordDiff.words(text).joined(separator: " ") }
}

/// Which paragraphs of `new` are not in `old` and which of `old` are not in `new`, by a longest common subsequence of
/// their words: the annexes have at most some hundreds of cells, so the quadratic table stays small.
enum ParagraphLCS {
    enum Change { case added, deleted }

    static func changes(old: [DocxImporter.Placed], new: [DocxImporter.Placed]) -> [(DocxImporter.Placed, Change)] {
        let allA = old.map { DocxImporter.normal($0.text) }.enumerated().filter { !$0.element.isEmpty }
        let allB = new.map { DocxImporter.normal($0.text) }.enumerated().filter { !$0.element.isEmpty }
        // The common beginning and end are matched as they stand, so the table covers only the stretch that changed
        // (a returned file changes a few cells of hundreds).
        var start = 0
        while start < allA.count, start < allB.count, allA[start].element == allB[start].element { start += 1 }
        var end = 0
        while end < allA.count - start, end < allB.count - start, allA[allA.count - 1 - end].element == allB[allB.count - 1 - end].element { end += 1 }
        let a = Array(allA[start..<(allA.count - end)])
        let b = Array(allB[start..<(allB.count - end)])
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i].element == b[j].element ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [(DocxImporter.Placed, Change)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i].element == b[j].element {
                i += 1
                j += 1
            } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
                result.append((new[b[j].offset], .added))
                j += 1
            } else {
                result.append((old[a[i].offset], .deleted))
                i += 1
            }
        }
        return result
    }
}
