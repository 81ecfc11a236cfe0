import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The joint controllers' allocation table as one form (issue 16, item 5): for each responsibility the Party
/// responsible, beside the hand-over the clause prints for it, and the hand-over deadlines. Saving goes through
/// `Proposals` like every form: CSRF, the user's role, 422 naming the field, and the edit lands in the side's draft.
struct AllocationController {
    let store: TripactStore
    let configuration: WebConfiguration
    static let deadlines = ["handover-days", "assist-days", "breach-hours"]

    struct Form: Decodable {
        let _csrf: String?
        let base: Int?
        let message: String?
        /// The Party responsible for each row, by the row's parameter.
        let responsible: [String: String]?
        /// The hand-over deadlines, by parameter.
        let deadlines: [String: String]?
        /// Each row's hand-over note, by the row's parameter; blank removes it.
        let notes: [String: String]?
    }

    /// The form's key for a row's note among the values it shows.
    static func noteKey(_ parameter: String) -> String { "note:\(parameter)" }

    func register(on router: Routes) {
        router.get("agreements/:reference/allocation") { _, context in try show(context: context) }
        router.post("agreements/:reference/allocation") { request, context in try await save(request: request, context: context) }
    }

    private func show(context: TripactRequestContext) throws -> Response {
        guard let (session, reference) = try AgreementAccess.sessionAndReference(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let working = try Proposals.working(store: store, session: session, reference: reference)
        let values = Self.formValues(working.document.clauses.last { $0.clause == JointAllocation.clause }, library: configuration.library)
        return page(session: session, reference: reference, document: working.document, base: working.number, values: values, message: "", errors: [:], status: .ok)
    }

    private func save(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference) = try AgreementAccess.sessionAndReference(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(Form.self, request: request, context: context)
        let baseVersion = try Proposals.start(store: store, session: session, reference: reference, csrf: form._csrf, base: form.base)
        let library = configuration.library
        guard let clause = library.clause(JointAllocation.clause), let index = baseVersion.document.clauses.lastIndex(where: { $0.clause == JointAllocation.clause })
        else { throw HTTPError(.unprocessableContent, message: "this agreement has no joint controllers' arrangement to allocate") }
        var selection = baseVersion.document.clauses[index]
        var values = Self.formValues(selection, library: library)
        var errors: [String: String] = [:]
        let sent = JointAllocation.rows.map { ($0.parameter, form.responsible?[$0.parameter]) } + Self.deadlines.map { ($0, form.deadlines?[$0]) }
        for (name, raw) in sent {
            guard let spec = clause.parameter(name), let raw = raw?.trimmingCharacters(in: .whitespacesAndNewlines) else { continue }
            values[name] = raw
            guard let value = ClauseController.parse(raw, as: spec), spec.problem(with: value) == nil else {
                errors[name] = Self.problem(spec, raw: raw)
                continue
            }
            // A row left as it was stays as stored (absent while the library's default holds), so it keeps its hash.
            if value != (selection.parameters[name] ?? spec.defaultValue) { selection.parameters[name] = value }
        }
        var notes = selection.handoverNotes ?? [:]
        for row in JointAllocation.rows {
            guard let raw = form.notes?[row.parameter] else { continue }
            let note = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            values[Self.noteKey(row.parameter)] = note
            if let problem = Self.noteProblem(note) {
                errors[Self.noteKey(row.parameter)] = problem
            } else {
                notes[row.parameter] = note.isEmpty ? nil : note
            }
        }
        // No note at all is stored as no field, so an arrangement without notes keeps its hash.
        selection.handoverNotes = notes.isEmpty ? nil : notes
        let message = (form.message ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if message.isEmpty { errors["message"] = "say what you changed and why" }
        if TextLimit.exceeds(message, 500) { errors["message"] = "at most 500 characters" }
        guard errors.isEmpty else {
            return page(
                session: session, reference: reference, document: baseVersion.document, base: baseVersion.number, values: values, message: message, errors: errors,
                status: .unprocessableContent
            )
        }
        var document = baseVersion.document
        document.clauses[index] = selection
        return try Proposals.saveDraft(store: store, working: baseVersion, edited: document, reference: reference, session: session, note: message)
    }

    /// Why a typed note cannot be stored: too long in bytes, or a control character (one line of plain text).
    static func noteProblem(_ note: String) -> String? {
        if note.utf8.count > JointAllocation.maximumNoteBytes { return "a hand-over note takes at most \(JointAllocation.maximumNoteBytes) bytes; this one has \(note.utf8.count)" }
        do {
            try TextSafety.check(note, field: "note", lines: .singleLine)
            return nil
        } catch {
            return "the note \(error.problem)"
        }
    }

    /// What the user did wrong, in the words of the form.
    static func problem(_ spec: ParameterSpec, raw: String) -> String {
        switch spec.kind {
        case .integer(let unit, let min, let max): "enter a whole number from \(unit.format(min)) to \(unit.format(max))"
        default: "choose the party responsible from the list"
        }
    }

    /// The stored values (the library's default where none is stored) as the form shows them.
    static func formValues(_ selection: ClauseSelection?, library: ClauseLibrary) -> [String: String] {
        guard let clause = library.clause(JointAllocation.clause) else { return [:] }
        var values: [String: String] = [:]
        for name in JointAllocation.rows.map(\.parameter) + deadlines {
            guard let value = selection?.parameters[name] ?? clause.parameter(name)?.defaultValue else { continue }
            values[name] = ClauseController.formValue(value)
        }
        for (name, note) in selection?.handoverNotes ?? [:] { values[noteKey(name)] = note }
        return values
    }

    /// The hand-over column of the printed table, by row, as the version prints it (own wording included).
    static func handOvers(_ document: AgreementDocument, library: ClauseLibrary) -> [String: String] {
        let facts = AgreementFacts(document: document, library: library)
        guard let included = facts.included(JointAllocation.clause) else { return [:] }
        let lines = facts.plainParagraphs(of: included).filter { $0.contains(" | ") }.dropFirst()
        guard lines.count > JointAllocation.rows.count else { return [:] }
        var notes: [String: String] = [:]
        for (row, line) in zip(JointAllocation.rows, lines) {
            let cells = line.components(separatedBy: " | ")
            if cells.count >= 3 { notes[row.parameter] = cells[2...].joined(separator: " | ") }
        }
        return notes
    }

    private func page(
        session: TripactStore.Session, reference: String, document: AgreementDocument, base: Int, values: [String: String], message: String,
        errors: [String: String], status: HTTPResponse.Status
    ) -> Response {
        let library = configuration.library
        let agreementPath = "/agreements/\(AgreementController.path(reference))"
        var page = Page(title: "Joint controllers — who is responsible for what")
        page.raw("<p><a href=\"\(agreementPath)\">Back to the agreement</a></p>")
        guard let clause = library.clause(JointAllocation.clause), document.clauses.contains(where: { $0.clause == JointAllocation.clause }) else {
            page.raw("<p>This agreement has no joint controllers' arrangement. Mark a purpose as decided jointly in <a href=\"\(agreementPath)/annex2\">Annex II</a>, then add the arrangement from the agreement page.</p>")
            return page.response(status: status, session: session)
        }
        if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); see the fields below. Nothing was saved.</p>") }
        page.raw("<p>For each responsibility of the arrangement (Art. 26(1)), the Party that carries it out. The hand-over is what the other Party does, as the clause prints it.</p>")
        page.raw("<form method=\"post\" action=\"\(agreementPath)/allocation\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"base\" value=\"\(base)\">")
        let notes = Self.handOvers(document, library: library)
        for (index, row) in JointAllocation.rows.enumerated() {
            guard let spec = clause.parameter(row.parameter), case .enumeration(let options) = spec.kind else { continue }
            let id = "row-\(index)"
            let invalid = errors[row.parameter] != nil ? " aria-invalid=\"true\" aria-describedby=\"\(id)-error\"" : ""
            page.raw("<fieldset class=\"allocation-row\"><legend>")
            page.text(row.responsibility)
            page.raw("</legend><label for=\"\(id)\">Party responsible</label><select id=\"\(id)\" name=\"responsible[")
            page.text(row.parameter)
            page.raw("]\"\(invalid)>")
            for option in options { page.option(option.key, option.text.prefix(1).uppercased() + option.text.dropFirst(), selected: option.key == values[row.parameter]) }
            page.raw("</select>")
            ClauseController.error(&page, errors[row.parameter], id: "\(id)-error")
            if let handOver = notes[row.parameter] {
                page.raw("<p class=\"hint\">Hand-over: ")
                page.text(handOver)
                page.raw("</p>")
            }
            let noteKey = Self.noteKey(row.parameter)
            let noteInvalid = errors[noteKey] != nil ? " aria-invalid=\"true\" aria-describedby=\"\(id)-note-error\"" : ""
            page.raw("<label for=\"\(id)-note\">Hand-over note, printed in the table (optional, at most \(JointAllocation.maximumNoteBytes) bytes)</label>")
            page.raw("<input id=\"\(id)-note\" name=\"notes[")
            page.text(row.parameter)
            page.raw("]\" type=\"text\" maxlength=\"\(JointAllocation.maximumNoteBytes)\" value=\"")
            page.text(values[noteKey] ?? "")
            page.raw("\"\(noteInvalid)>")
            ClauseController.error(&page, errors[noteKey], id: "\(id)-note-error")
            page.raw("</fieldset>")
        }
        page.raw("<fieldset><legend>Hand-over deadlines</legend>")
        for name in Self.deadlines {
            guard let spec = clause.parameter(name), case .integer(_, let min, let max) = spec.kind else { continue }
            let id = "deadline-\(name)"
            page.raw("<label for=\"\(id)\">")
            page.text(spec.label)
            page.raw("</label><input id=\"\(id)\" name=\"deadlines[\(name)]\" type=\"number\" min=\"\(min)\" max=\"\(max)\" step=\"1\" value=\"")
            page.text(values[name] ?? "")
            page.raw("\"\(errors[name] != nil ? " aria-invalid=\"true\" aria-describedby=\"\(id)-error\"" : "")>")
            ClauseController.error(&page, errors[name], id: "\(id)-error")
        }
        page.raw("</fieldset>")
        page.raw("<label for=\"message\">Message for the other side</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"500\" required\(errors["message"] != nil ? " aria-invalid=\"true\" aria-describedby=\"message-error\"" : "")>")
        page.text(message)
        page.raw("</textarea>")
        ClauseController.error(&page, errors["message"], id: "message-error")
        page.proposeButton(base: base, session: session)
        page.raw("</form>")
        return page.response(status: status, session: session)
    }
}
