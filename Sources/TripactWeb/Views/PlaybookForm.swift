import TripactCore
import TripactStore

/// One clause of the playbook page: its variant positions and its parameters' positions, as a form for admins and
/// legal users or as a list for everyone else. Labels come from the library (clause titles, variant labels, parameter
/// labels, option texts); keys appear only in field names and values.
struct PlaybookForm {
    let playbook: Playbook
    let defaults: Playbook
    let session: TripactStore.Session
    let editable: Bool

    static let variantPrefix = "variant-"
    static func parameterPrefix(_ spec: ParameterSpec) -> String { "parameter-\(spec.name)-" }
    static let positions = [("preferred", "Preferred"), ("fallback", "Fallback"), ("walk-away", "Walk-away")]

    static func anchor(_ clause: Clause) -> String { "playbook-\(clause.id.rawValue)" }
    static func anchor(_ id: ClauseID) -> String { "playbook-\(id.rawValue)" }

    /// Whether the clause offers anything to hold a position on: a choice of variants or a parameter.
    static func hasVariantChoice(_ clause: Clause) -> Bool { clause.variants.count > 1 }
    static func parameters(of clause: Clause) -> [ParameterSpec] { clause.parameters }
    static func shows(_ clause: Clause, playbook: Playbook) -> Bool { hasVariantChoice(clause) || !parameters(of: clause).isEmpty }

    /// "Walk-away: Deadline for the Processor's breach notice is 96 hours, above its maximum 48 hours".
    static func message(_ problem: FieldProblem) -> String {
        let name = positions.first { $0.0 == problem.field }?.1 ?? "This position"
        return "\(name): \(problem.message)"
    }

    func write(_ clause: Clause, into page: inout Page, entered: PlaybookPage.Entered?) {
        page.raw("<section class=\"playbook-clause\" id=\"")
        page.text(Self.anchor(clause))
        page.raw("\"><h2>")
        page.text(clause.title)
        page.raw("</h2>")
        if editable {
            page.raw("<form method=\"post\" action=\"")
            page.text(SiteRoute.playbookClause.link(clause.id.rawValue))
            page.raw("\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"side\" value=\"\(playbook.side.rawValue)\">")
        }
        if Self.hasVariantChoice(clause) {
            let current = playbook.variantPositions(clause.id)
            legend(&page, "Which wording", changed: current != defaults.variantPositions(clause.id))
            let options = clause.variants.map { (key: $0.key, label: $0.label) }
            for (field, name) in Self.positions {
                let currentKey = current.map { position(of: $0, field) }
                if editable {
                    let value = entered?.values[Self.variantPrefix + field] ?? currentKey ?? ""
                    select(&page, clause: clause, name: Self.variantPrefix + field, label: name, options: options, selected: value, error: entered?.errors[Self.variantPrefix + field])
                } else {
                    fact(&page, name, currentKey.map { Playbook.words(variant: $0, of: clause) })
                }
            }
            page.raw(editable ? "</fieldset>" : "</dl>")
        }
        for spec in Self.parameters(of: clause) {
            let current = playbook.parameterPositions(clause.id, spec.name)
            legend(&page, spec.label + ClauseController.bounds(spec), changed: current != defaults.parameterPositions(clause.id, spec.name))
            let prefix = Self.parameterPrefix(spec)
            for (field, name) in Self.positions {
                let currentValue = current.map { position(of: $0, field) }
                guard editable else {
                    fact(&page, name, currentValue.map { Playbook.words($0, of: spec) })
                    continue
                }
                let value = entered?.values[prefix + field] ?? currentValue.map(ClauseController.formValue) ?? ""
                let error = entered?.errors[prefix + field]
                switch spec.kind {
                case .enumeration(let options):
                    select(&page, clause: clause, name: prefix + field, label: name, options: options.map { (key: $0.key, label: $0.text) }, selected: value, error: error)
                case .boolean:
                    select(&page, clause: clause, name: prefix + field, label: name, options: [(key: "yes", label: "yes"), (key: "no", label: "no")], selected: value, error: error)
                case .integer(_, let min, let max):
                    input(&page, clause: clause, name: prefix + field, label: name, type: "number", extra: " min=\"\(min)\" max=\"\(max)\" step=\"1\"", value: value, error: error)
                case .date:
                    input(&page, clause: clause, name: prefix + field, label: name, type: "date", extra: "", value: value, error: error)
                case .text:
                    input(&page, clause: clause, name: prefix + field, label: name, type: "text", extra: " maxlength=\"\(ClauseController.maximumTextLength)\"", value: value, error: error)
                }
            }
            page.raw(editable ? "</fieldset>" : "</dl>")
        }
        if editable {
            page.raw("<p><button type=\"submit\">Save the positions for ")
            page.text(clause.title)
            page.raw("</button></p></form>")
        }
        page.raw("</section>")
    }

    private func position<Value>(of positions: PlaybookPositions<Value>, _ field: String) -> Value {
        switch field {
        case "preferred": positions.preferred
        case "fallback": positions.fallback
        default: positions.walkAway
        }
    }

    private func legend(_ page: inout Page, _ text: String, changed: Bool) {
        page.raw(editable ? "<fieldset><legend>" : "<h3>")
        page.text(text)
        if changed { page.raw(" <em>(changed from the library)</em>") }
        page.raw(editable ? "</legend>" : "</h3><dl class=\"facts\">")
    }

    private func fact(_ page: inout Page, _ name: String, _ words: String?) {
        page.raw("<dt>")
        page.text(name)
        page.raw("</dt><dd>")
        page.text(words ?? "no position")
        page.raw("</dd>")
    }

    private func fieldID(_ clause: Clause, _ name: String) -> String { "\(clause.id.rawValue)--\(name)" }

    /// A label, then the start of the field it labels, up to its name: `<label for="id">Label</label><tag id="id" name="name"`.
    private func labelAndField(_ page: inout Page, _ tag: String, id: String, label: String, name: String) {
        page.raw("<label for=\"")
        page.text(id)
        page.raw("\">")
        page.text(label)
        page.raw("</label><\(tag) id=\"")
        page.text(id)
        page.raw("\" name=\"")
        page.text(name)
        page.raw("\"")
    }

    private func select(_ page: inout Page, clause: Clause, name: String, label: String, options: [(key: String, label: String)], selected: String, error: String?) {
        let id = fieldID(clause, name)
        labelAndField(&page, "select", id: id, label: label, name: name)
        invalid(&page, id, error)
        page.raw(">")
        if !options.contains(where: { $0.key == selected }) { page.raw("<option value=\"\" selected>—</option>") }
        for option in options {
            page.option(option.key, option.label, selected: option.key == selected)
        }
        page.raw("</select>")
        self.error(&page, id, error)
    }

    private func input(_ page: inout Page, clause: Clause, name: String, label: String, type: String, extra: Markup, value: String, error: String?) {
        let id = fieldID(clause, name)
        labelAndField(&page, "input", id: id, label: label, name: name)
        page.raw(" type=\"\(type)\"")
        page.raw(extra)
        page.raw(" value=\"")
        page.text(value)
        page.raw("\"")
        invalid(&page, id, error)
        page.raw(">")
        self.error(&page, id, error)
    }

    private func invalid(_ page: inout Page, _ id: String, _ error: String?) {
        guard error != nil else { return }
        page.raw(" aria-invalid=\"true\" aria-describedby=\"")
        page.text(id)
        page.raw("-error\"")
    }

    private func error(_ page: inout Page, _ id: String, _ message: String?) {
        guard let message else { return }
        page.raw("<p class=\"error\" id=\"")
        page.text(id)
        page.raw("-error\">")
        page.text(message)
        page.raw("</p>")
    }
}
