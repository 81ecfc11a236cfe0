import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// "Use your own wording" and "Add a rider" on the clause page: the parties' own text, written in the library's clause
/// syntax, proposed through the same flow as every other form (CSRF, the version it was loaded from, 409 on a moved head,
/// 422 with the text kept), and the non-standard wording marked with its redline against the library's text.
extension ClauseController {
    struct WordingForm: Decodable {
        let _csrf: String?
        let base: Int?
        let ownWording: String?
        let rider: String?
        /// "yes": print the variant's library text again.
        let restore: String?
        let message: String?
    }

    func saveWording(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, party, clause) = try load(context, session: session)
        let form = try await FormDecoding.decode(WordingForm.self, request: request, context: context)
        let baseVersion = try Proposals.start(store: store, session: session, reference: reference, csrf: form._csrf, base: form.base)
        let typedOwn = form.ownWording ?? ""
        let typedRider = form.rider ?? ""
        var entry = ClausePage.WordingEntry(
            ownWording: typedOwn, rider: typedRider, message: (form.message ?? "").trimmingCharacters(in: .whitespacesAndNewlines), errors: [:]
        )
        var document = baseVersion.document
        let index = document.clauses.firstIndex { $0.clause == clause.id }
        let stored = index.map { document.clauses[$0] }
        let variant = stored.flatMap { clause.variant($0.variant) }
        var own: String?
        var rider: String?
        if let index, let variant {
            if form.restore != "yes", TextLimit.exceeds(typedOwn, ClauseWording.maximumOwnWordingLength) {
                entry.errors["ownWording"] = "at most \(ClauseWording.maximumOwnWordingLength) characters"
            } else if form.restore != "yes" {
                own = ClauseWording.departure(typedOwn, from: variant, of: clause)
            }
            if TextLimit.exceeds(typedRider, ClauseWording.maximumRiderLength) {
                entry.errors["rider"] = "at most \(ClauseWording.maximumRiderLength) characters"
            } else {
                let normalised = WhitespaceNormalisation.normalised(typedRider)
                rider = normalised.isEmpty ? nil : normalised
            }
            // Checked as the library's text is: placeholders, paragraph conditions, references to other clauses.
            let parts: [(ClauseWording.Part, String?)] = [(.ownWording, own), (.rider, rider)]
            for (part, text) in parts {
                guard let text, entry.errors[part.rawValue] == nil else { continue }
                let problems = ClauseWording.parse(text, part: part, selectionIndex: index, clause: clause, library: configuration.library).problems
                if !problems.isEmpty { entry.errors[part.rawValue] = problems.map { ($0.line.map { "line \($0): " } ?? "") + $0.message }.joined(separator: "; ") }
            }
            if entry.errors.isEmpty, own == stored?.ownWording, rider == stored?.rider {
                entry.errors["ownWording"] = "this is the wording the clause has already; change the text or the rider, or leave the form"
            }
        } else {
            entry.errors["ownWording"] = "this clause is not in version \(baseVersion.number) with a variant of the library; choose its variant above first"
        }
        if entry.message.isEmpty { entry.errors["wording-message"] = "say what you changed and why" }
        if TextLimit.exceeds(entry.message, Self.maximumMessageLength) { entry.errors["wording-message"] = "at most \(Self.maximumMessageLength) characters" }
        guard entry.errors.isEmpty, let index, let stored else {
            let entered = ClausePage.Entered(
                base: baseVersion.number, variant: stored?.variant ?? clause.defaultVariant.key,
                values: ClausePage.Model.formValues(clause, stored?.parameters ?? [:])
            )
            return try answerWithProblems(session: session, reference: reference, party: party, clause: clause, entered: entered, wording: entry)
        }
        document.clauses[index] = ClauseSelection(clause: stored.clause, variant: stored.variant, parameters: stored.parameters, ownWording: own, rider: rider)
        return try Proposals.saveDraft(store: store, working: baseVersion, edited: document, reference: reference, session: session, note: entry.message)
    }

    /// How to write values and conditions into the text, with this clause's own parameters.
    static func syntaxHint(_ clause: Clause) -> String {
        var hint = "Separate paragraphs with an empty line; start each line of a list with \u{201C}- \u{201D}. "
        if !clause.parameters.isEmpty {
            hint += "The agreed values print where you write " + clause.parameters.map { "{{\($0.name)}} (\($0.label))" }.joined(separator: ", ") + ". "
        }
        hint += "The parties' names print as {{controller.name}} and {{processor.name}}; another clause's number as {{clause:ID}}. "
        hint += "A paragraph starting [if NAME] or [unless NAME] prints only when that yes-or-no value says so."
        return hint
    }
}
