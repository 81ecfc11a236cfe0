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

    /// What the wording form shows: the text typed (nil: prefilled from the version), the message and the problems.
    struct WordingEntry {
        var ownWording: String?
        var rider: String?
        var message = ""
        var errors: [String: String] = [:]
    }

    func saveWording(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference, party, clause) = try load(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(WordingForm.self, request: request, context: context)
        let baseVersion = try Proposals.start(store: store, session: session, reference: reference, csrf: form._csrf, base: form.base)
        let typedOwn = form.ownWording ?? ""
        let typedRider = form.rider ?? ""
        var entry = WordingEntry(
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
        let state = try store.itemStates(reference).first { $0.key.rawValue == "clause:\(clause.id)" }
        func page(base: Int, status: HTTPResponse.Status) -> Response {
            let values = Dictionary(uniqueKeysWithValues: clause.parameters.map { spec in
                (spec.name, (stored?.parameters[spec.name] ?? spec.defaultValue).map(Self.formValue) ?? "")
            })
            return self.form(
                session: session, reference: reference, party: party, clause: clause, base: base, variant: stored?.variant ?? clause.defaultVariant.key,
                values: values, message: "", errors: [:], state: state, status: status, wording: entry
            )
        }
        guard entry.errors.isEmpty, let index, let stored else { return page(base: baseVersion.number, status: .unprocessableContent) }
        document.clauses[index] = ClauseSelection(clause: stored.clause, variant: stored.variant, parameters: stored.parameters, ownWording: own, rider: rider)
        return try Proposals.saveDraft(store: store, working: baseVersion, edited: document, reference: reference, session: session, note: entry.message)
    }

    /// Above a clause in the parties' own wording: what is not standard, and its words against the library's text of
    /// its variant with the same values, marked as a redline.
    static func writeNonStandardNote(_ page: inout Page, _ item: AgreementFacts.IncludedClause, facts: AgreementFacts) {
        guard item.hasCustomWording else { return }
        let what = item.customParts == [.rider] ? "the library's text with a rider of the parties' own" : item.customParts.count == 2
            ? "the parties' own wording, with a rider" : "the parties' own wording"
        page.raw("<div class=\"non-standard\" role=\"note\"><p><strong>Non-standard wording.</strong> ")
        page.text("This clause prints \(what), not the library's text of the variant \u{201C}\(item.variant.label)\u{201D}. Check it against what the clause must cover: \(item.clause.articleLine).")
        page.raw("</p><details class=\"wording-redline\"><summary>")
        page.text("Compared with the library's text (words taken out struck through, words put in underlined)")
        // Escaped by the redline renderer: every word goes through its writer.
        page.raw("</summary>")
        page.raw(DiffHTMLRenderer.wordsFragment(facts.wordingRedline(of: item)))
        page.raw("</details></div>")
    }

    /// The form: the clause's text to edit (its own wording, else the library's text it would start from) and a rider, as
    /// the side's working copy (its draft, else the head) has them.
    func writeWordingForm(
        _ page: inout Page, session: TripactStore.Session, reference: String, clause: Clause, base: Int, document: AgreementDocument?,
        entry: WordingEntry
    ) {
        // The side's draft when it has one: saving the form writes into it.
        let selection = document?.clauses.first { $0.clause == clause.id }
        guard let selection, let variant = clause.variant(selection.variant) else { return }
        let own = entry.ownWording ?? selection.ownWording ?? variant.text.source
        let rider = entry.rider ?? selection.rider ?? ""
        let open = !entry.errors.isEmpty || selection.hasCustomWording
        page.raw("<section class=\"own-wording\" aria-labelledby=\"own-wording-heading\"><h2 id=\"own-wording-heading\">Your own wording</h2>")
        page.raw("<details class=\"own-wording\"\(open ? " open" : "")><summary>Use your own wording or add a rider</summary>")
        if !entry.errors.isEmpty {
            page.raw("<p class=\"error\" role=\"alert\">The wording form has \(entry.errors.count) problem\(entry.errors.count == 1 ? "" : "s"); see the fields below. Nothing was saved.</p>")
        }
        page.raw("<form method=\"post\" action=\"/agreements/\(AgreementController.path(reference))/clauses/\(AgreementController.path(clause.id.rawValue))/wording\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"base\" value=\"\(base)\">")
        page.raw("<p class=\"hint\" id=\"wording-hint\">")
        page.text(Self.syntaxHint(clause))
        page.raw("</p>")
        textarea(&page, name: "ownWording", label: "Use your own wording (replaces the text of the variant \u{201C}\(variant.label)\u{201D})", value: own, rows: 14,
                 maximum: ClauseWording.maximumOwnWordingLength, error: entry.errors["ownWording"])
        if selection.ownWording != nil {
            page.raw("<div class=\"choice\"><input type=\"checkbox\" id=\"restore\" name=\"restore\" value=\"yes\"><label for=\"restore\">Go back to the library's text of the variant</label></div>")
        }
        textarea(&page, name: "rider", label: "Add a rider (paragraphs printed after the clause's text; leave empty for none)", value: rider, rows: 5,
                 maximum: ClauseWording.maximumRiderLength, error: entry.errors["rider"])
        textarea(&page, name: "message", id: "wording-message", label: "Message for the other side", value: entry.message, rows: 3, maximum: Self.maximumMessageLength,
                 error: entry.errors["wording-message"], required: true)
        page.proposeButton(base: base, session: session)
        page.raw("</form></details></section>")
    }

    private func textarea(
        _ page: inout Page, name: String, id: String? = nil, label: String, value: String, rows: Int, maximum: Int, error: String?, required: Bool = false
    ) {
        let id = id ?? name
        page.raw("<label for=\"\(id)\">")
        page.text(label)
        let described = error != nil ? "\(id)-error wording-hint" : "wording-hint"
        page.raw("</label><textarea id=\"\(id)\" name=\"\(name)\" rows=\"\(rows)\" cols=\"80\" maxlength=\"\(maximum)\" aria-describedby=\"\(described)\"\(required ? " required" : "")\(error != nil ? " aria-invalid=\"true\"" : "")>")
        page.text(value)
        page.raw("</textarea>")
        Self.error(&page, error, id: "\(id)-error")
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
