import Foundation
import TripactCore

/// One clause of a returned DOCX against the clause as the document prints it.
enum ClauseMapping {
    /// A clause's paragraphs as edited: prose, or a list of lines (the export writes a list as an empty numbered
    /// paragraph followed by its items one level down).
    struct Edited {
        var isList: Bool
        var lines: [String]
        /// A table: each line is a row, its cells joined by " | " as the clause text writes them.
        var isTable = false
    }

    /// `base` is the version's facts: a clause prints there as in the document mapped so far until this clause is
    /// mapped, so the facts are made again only for a clause that changed.
    static func map(_ body: [DocxImporter.Placed], clause id: ClauseID, number: Int, into result: inout DocxImporter.Result, base: AgreementFacts) {
        var paragraphs = body
        let library = base.library
        guard let baseItem = base.included.first(where: { $0.clause.id == id }) else { return }
        if let first = paragraphs.first, first.style == "Articles" {
            if DocxImporter.normal(first.text) != DocxImporter.normal(baseItem.clause.articleLine) {
                result.unmapped.append(.init(place: "Clause \(number), articles line", text: first.text, reason: "the articles a clause cites are the library's"))
            }
            paragraphs.removeFirst()
        }
        let edited = structure(paragraphs)
        let editedPlain = edited.flatMap(\.lines).map(DocxImporter.normal)
        guard editedPlain != base.plainParagraphs(of: baseItem).map(DocxImporter.normal) else { return }
        let facts = AgreementFacts(document: result.document, library: library)
        guard let item = facts.included.first(where: { $0.clause.id == id }) else { return }
        let printed = facts.plainParagraphs(of: item).map(DocxImporter.normal)
        guard editedPlain != printed else { return }
        guard !editedPlain.isEmpty else {
            result.unmapped.append(.init(place: "Clause \(number)", text: item.clause.title, reason: "all its text was deleted; a clause is removed in Tripact, not in Word"))
            return
        }
        if let change = parameterChange(item: item, facts: facts, wanted: editedPlain) {
            switch change {
            case .within(let name, let value, let old):
                result.document.clauses[item.selectionIndex].parameters[name] = value
                let spec = item.clause.parameter(name)
                result.parameterChanges.append(.init(clause: id, parameter: name, old: old, new: spec?.rendered(value) ?? value.description))
            case .outOfBounds(let name, let problem):
                result.unmapped.append(.init(place: "Clause \(number)", text: editedPlain.joined(separator: "\n"), reason: "the new value of \(name) \(problem)"))
            }
            return
        }
        if let problem = unwritable(edited) {
            result.unmapped.append(.init(place: "Clause \(number)", text: editedPlain.joined(separator: "\n"), reason: problem))
            return
        }
        var document = result.document
        // The whole edited text becomes the own wording; a rider is folded into it, since it was edited with the rest.
        document.clauses[item.selectionIndex].ownWording = wording(edited)
        document.clauses[item.selectionIndex].rider = nil
        let check = AgreementFacts(document: document, library: library)
        guard let after = check.included.first(where: { $0.clause.id == id }), check.plainParagraphs(of: after).map(DocxImporter.normal) == editedPlain else {
            result.unmapped.append(.init(place: "Clause \(number)", text: editedPlain.joined(separator: "\n"), reason: "the edited text cannot be written as the clause's own wording so that it prints the same"))
            return
        }
        result.document = document
        result.ownWordings.append(id)
    }

    static func structure(_ paragraphs: [DocxImporter.Placed]) -> [Edited] {
        var result: [Edited] = []
        var listOpen = false
        var tableRow: Int?
        for paragraph in paragraphs {
            let text = paragraph.text.trimmingCharacters(in: .whitespaces)
            if let cell = paragraph.cell {
                listOpen = false
                if let last = result.last, last.isTable, tableRow != nil {
                    if cell.row == tableRow {
                        result[result.count - 1].lines[last.lines.count - 1] += " | " + text
                    } else {
                        result[result.count - 1].lines.append(text)
                    }
                } else {
                    result.append(Edited(isList: false, lines: [text], isTable: true))
                }
                tableRow = cell.row
                continue
            }
            tableRow = nil
            if paragraph.level == 2 {
                if listOpen, let last = result.last, last.isList {
                    result[result.count - 1].lines.append(text)
                } else {
                    result.append(Edited(isList: true, lines: [text]))
                    listOpen = true
                }
                continue
            }
            if text.isEmpty {
                // The empty numbered paragraph that introduces a list, or an empty line someone typed.
                listOpen = false
                continue
            }
            listOpen = false
            result.append(Edited(isList: false, lines: [text]))
        }
        return result.map { Edited(isList: $0.isList, lines: $0.lines.filter { !$0.isEmpty }, isTable: $0.isTable) }.filter { !$0.lines.isEmpty }
    }

    /// Why the edited text cannot be own wording written literally: the clause-text syntax would read it otherwise.
    static func unwritable(_ edited: [Edited]) -> String? {
        for paragraph in edited {
            for line in paragraph.lines {
                if line.contains("{{") || line.contains("}}") { return "the text contains '{{' or '}}', which own wording reads as a placeholder" }
                if line.hasPrefix("[if ") || line.hasPrefix("[unless ") { return "a paragraph starts with '[if' or '[unless', which own wording reads as a condition" }
                if !paragraph.isList, line.hasPrefix("- ") { return "a paragraph starts with '- ', which own wording reads as a list" }
                if !paragraph.isTable, line.hasPrefix("|") { return "a paragraph starts with '|', which own wording reads as a table" }
            }
        }
        return nil
    }

    static func wording(_ edited: [Edited]) -> String {
        edited.map { paragraph in
            if paragraph.isTable { return paragraph.lines.map { "| " + $0 }.joined(separator: "\n") }
            return paragraph.isList ? paragraph.lines.map { "- " + $0 }.joined(separator: "\n") : paragraph.lines[0]
        }.joined(separator: "\n\n")
    }

    enum Found {
        case within(String, ParameterValue, old: String)
        case outOfBounds(String, String)
    }

    /// The one parameter whose new value makes the clause print exactly the edited text, if there is one.
    static func parameterChange(item: AgreementFacts.IncludedClause, facts: AgreementFacts, wanted: [String]) -> Found? {
        let numbers = Set(wanted.flatMap { line in line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) } } + [1, 2])
        for spec in item.clause.parameters {
            var candidates: [ParameterValue] = []
            switch spec.kind {
            case .integer: candidates = numbers.sorted().map(ParameterValue.integer)
            case .enumeration(let options): candidates = options.map { .string($0.key) }
            case .boolean: candidates = [.boolean(true), .boolean(false)]
            case .text, .date:
                let printed = facts.plainParagraphs(of: item).map(DocxImporter.normal)
                candidates = TextValueCandidates.values(spec: spec, current: item.parameters[spec.name], printed: printed, wanted: wanted)
            }
            let current = item.parameters[spec.name]
            for candidate in candidates where candidate != current {
                var document = facts.document
                document.clauses[item.selectionIndex].parameters[spec.name] = candidate
                let trial = AgreementFacts(document: document, library: facts.library)
                guard let after = trial.included.first(where: { $0.clause.id == item.clause.id }),
                      trial.plainParagraphs(of: after).map(DocxImporter.normal) == wanted else { continue }
                if let problem = spec.problem(with: candidate) { return .outOfBounds(spec.name, problem) }
                return .within(spec.name, candidate, old: current.map(spec.rendered) ?? "none")
            }
        }
        return nil
    }
}
