/// The consumer-facing terms that Annex V, the privacy-notice text and the agent script all print.
extension AgreementFacts {
    /// "within 2 business days", from the rights-requests clause; nil when the clause is absent.
    public var forwardingDeadline: String? {
        guard let item = included(LibraryKeys.rightsRequests), let value = item.parameters[LibraryKeys.forwardDays],
            let spec = item.clause.parameter(LibraryKeys.forwardDays)
        else { return nil }
        return "within " + spec.rendered(value)
    }

    /// Where the processor sends a rights request: the controller's DPO, else its contact person.
    public var rightsRequestAddress: String {
        let controller = document.parties.controller
        if let dpo = controller.dpo, let email = dpo.email, !email.isBlank { return "\(dpo.name) (\(email))" }
        if let email = controller.contact.email, !email.isBlank { return "\(controller.contact.name) (\(email))" }
        return controller.contact.name
    }

    /// What the processor does with a request for `right`.
    public func handling(of assignment: RightAssignment) -> String {
        if let handling = assignment.handling, !handling.isBlank { return handling }
        let deadline = forwardingDeadline ?? "without undue delay"
        switch assignment.answeredBy {
        case .controller:
            return "Record the request and forward it to the Controller \(deadline); do not answer it yourself."
        case .processor:
            return "Answer it in the Controller's approved words after the identity check, and report it to the Controller \(deadline)."
        }
    }

    /// Countries of the delivery locations and subprocessors, each once, with the mechanisms relied on there.
    public var transferCountries: [(country: String, mechanisms: [String])] {
        var order: [String] = []
        var mechanisms: [String: [String]] = [:]
        func add(_ code: String, _ mechanism: String?) {
            guard needsSafeguards(code) || library.country(code)?.status == .adequate else { return }
            if mechanisms[code] == nil { order.append(code) }
            let label = AnnexRenderer.mechanismLabel(mechanism, countries: [code], library: library, tia: nil)
            if library.country(code)?.status == .adequate {
                if !(mechanisms[code, default: []].contains("Adequacy decision")) { mechanisms[code, default: []].append("Adequacy decision") }
            } else if !(mechanisms[code, default: []].contains(label)) {
                mechanisms[code, default: []].append(label)
            }
        }
        for location in document.processing.deliveryLocations { add(location.country, location.transferMechanism) }
        for sub in document.subprocessors { for code in sub.allCountries { add(code, sub.transferMechanism) } }
        return order.map { ($0, mechanisms[$0] ?? []) }
    }

    /// The party the Art. 26 arrangement names as the single contact point, when the agreement includes it.
    public var jointContactPoint: PartyRole? {
        guard case .string(let raw)? = included(ClauseID("joint-controllership"))?.parameters["contact-point"] else { return nil }
        return PartyRole(rawValue: raw)
    }

    /// The essence of the joint arrangement that data subjects are given (Art. 26(2)), when it is written.
    public var jointEssence: String? {
        guard case .string(let text)? = included(ClauseID("joint-controllership"))?.parameters["essence"], !text.trimmingWhitespace().isEmpty else { return nil }
        return text
    }
}
