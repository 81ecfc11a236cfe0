/// The Art. 28 contract is made "under Union or Member State law" (Art. 28(3)): the law that governs it, and the courts
/// that decide on it, are those of a state of the EEA. `law` and `courts` are free text, so the rule reads them: a value
/// passes when it names a state of the EEA (by its name in `countries.txt` or its adjective, "French law") and no other
/// country, or when it points to the state where a Party is established and that Party is established in the EEA.
/// The clause itself adds that the Agreement is governed by the law of a state of the EEA whatever it says.
struct GoverningLawRule: ValidationRule {
    let code = "governing-law.outside-eea"
    let article = "Art. 28(3)"

    /// Adjectives by which a law or court is often named ("Irish law", "the German courts"); the catalogue decides which
    /// of these countries are in the EEA.
    static let adjectives: [String: [String]] = [
        "AT": ["austrian"], "BE": ["belgian"], "BG": ["bulgarian"], "HR": ["croatian"], "CY": ["cypriot"], "CZ": ["czech"],
        "DK": ["danish"], "EE": ["estonian"], "FI": ["finnish"], "FR": ["french"], "DE": ["german"], "GR": ["greek", "hellenic"],
        "HU": ["hungarian"], "IE": ["irish"], "IT": ["italian"], "LV": ["latvian"], "LT": ["lithuanian"], "LU": ["luxembourgish"],
        "MT": ["maltese"], "NL": ["dutch", "holland"], "PL": ["polish"], "PT": ["portuguese"], "RO": ["romanian"], "SK": ["slovak", "slovakian"],
        "SI": ["slovenian", "slovene"], "ES": ["spanish"], "SE": ["swedish"], "IS": ["icelandic"], "NO": ["norwegian"],
    ]

    /// Jurisdictions outside the EEA that the country catalogue does not name, or whose names contain an EEA state's.
    static let otherJurisdictions = [
        "england", "english", "wales", "welsh", "scotland", "scottish", "northern ireland", "northern irish", "british",
        "new york", "delaware", "california", "texas", "ontario", "quebec", "hong kong", "dubai", "american", "swiss",
    ]

    func check(_ facts: AgreementFacts) -> [Finding] {
        guard let item = facts.included(LibraryKeys.governingLaw) else { return [] }
        return [LibraryKeys.governingLawLaw, LibraryKeys.governingLawCourts].compactMap { name -> Finding? in
            guard case .string(let text)? = item.parameters[name], !text.isBlank, let problem = problem(text, facts: facts) else { return nil }
            return error(
                "clauses[\(item.selectionIndex)].parameters.\(name)",
                "'governing-law' parameter '\(name)' is '\(text)': \(problem); an Art. 28 agreement is governed by the law of a state of the EEA "
                    + "(write its name, e.g. 'the law of France', 'the courts of Paris, France')"
            )
        }
    }

    /// What is wrong with a `law` or `courts` value, or nil when it names a state of the EEA and nothing else.
    func problem(_ text: String, facts: AgreementFacts) -> String? {
        let phrase = Self.words(text)
        func names(_ words: String) -> Bool { phrase.contains(Self.words(words)) }
        if let other = Self.otherJurisdictions.first(where: names) { return "it names '\(other)', outside the EEA" }
        if let other = facts.library.countries.first(where: { $0.status != .eea && names($0.name) }) { return "it names \(other.name), outside the EEA" }
        let eea = facts.library.countries.filter { $0.status == .eea }
        if eea.contains(where: { names($0.name) || (Self.adjectives[$0.code] ?? []).contains(where: names) }) { return nil }
        if names("member state") || names("state of the eea") {
            let parties: [(String, Party)] = [("Controller", facts.document.parties.controller), ("Processor", facts.document.parties.processor)]
            let meant = parties.filter { names($0.0) }
            guard !meant.isEmpty else { return "it names no state of the EEA" }
            for (role, party) in meant where facts.library.country(party.country)?.status != .eea {
                return "it points to the state where the \(role) is established, but the \(role) is established in "
                    + "\(facts.library.country(party.country)?.name ?? "'\(party.country)'"), outside the EEA"
            }
            return nil
        }
        return "it names no state of the EEA"
    }

    /// Lower-case words separated by single spaces, with a space at each end, so phrases match only whole words.
    static func words(_ text: String) -> String {
        let separated = text.lowercased().map { $0.isLetter ? $0 : " " }
        return " " + String(separated).split(separator: " ").joined(separator: " ") + " "
    }
}
