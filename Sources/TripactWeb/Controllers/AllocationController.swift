import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// The joint controllers' allocation table as one form (issue 16, item 5): for each responsibility the Party
/// responsible, beside the hand-over the clause prints for it, and the hand-over deadlines (the page is
/// `AllocationPage`). Saving goes through
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
        router.get(.allocation) { _, context, session in
            let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
            let model = try AllocationPage.Model.load(store: store, library: configuration.library, session: session, reference: reference)
            return AllocationPage.View(model: model).page(session: session).response(session: session)
        }
        router.post(.allocation) { request, context, session in try await save(request: request, context: context, session: session) }
    }

    private func save(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
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
            let model = AllocationPage.Model.make(
                library: library, reference: reference, document: baseVersion.document, base: baseVersion.number, values: values, message: message, errors: errors
            )
            return AllocationPage.View(model: model).page(session: session).response(status: .unprocessableContent, session: session)
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
}
