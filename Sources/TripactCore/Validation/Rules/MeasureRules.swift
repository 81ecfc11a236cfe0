/// Annex III lists the security measures the processor takes (Art. 28(3)(c), Art. 32).
struct NoMeasuresRule: ValidationRule {
    let code = "measures.none"
    let article = "Art. 28(3)(c), Art. 32"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.measures.isEmpty ? [error("measures", "Annex III lists no technical or organisational measure")] : []
    }
}

/// A measure is either from the catalogue or a custom one with heading, title and description.
struct UnknownMeasureRule: ValidationRule {
    let code = "measures.unknown"
    let article = "Art. 32"

    func check(_ facts: AgreementFacts) -> [Finding] {
        var findings: [Finding] = []
        var seen: Set<String> = []
        for (index, entry) in facts.document.measures.enumerated() {
            if !seen.insert(entry.id).inserted { findings.append(error("measures[\(index)].id", "measure '\(entry.id)' is listed twice")) }
            if let heading = entry.heading, !(1...17).contains(heading) {
                findings.append(error("measures[\(index)].heading", "heading \(heading) does not exist; headings run from 1 to 17"))
            }
            guard facts.library.measure(entry.id) == nil else { continue }
            if entry.heading == nil || entry.title.isBlank || entry.description.isBlank {
                findings.append(
                    error("measures[\(index)].id", "'\(entry.id)' is not a catalogue measure; a custom measure needs 'heading' (1–17), 'title' and 'description'")
                )
            }
        }
        return findings
    }
}

/// A measure says concretely what is done, not just its heading (2021/915 Annex III).
struct GenericMeasureRule: ValidationRule {
    let code = "measures.generic"
    let article = "Art. 32"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.measures.enumerated().compactMap { index, entry in
            let catalogue = facts.library.measure(entry.id)
            let description = (entry.description ?? catalogue?.description ?? "").trimmingWhitespace().lowercased()
            let heading = (entry.heading ?? catalogue?.heading).flatMap { facts.library.headings[$0] }?.lowercased()
            let title = (entry.title ?? catalogue?.title)?.lowercased()
            guard description.isEmpty || description == heading || description == title || description.count < 15 else { return nil }
            return warning("measures[\(index)].description", "measure '\(entry.id)' is described only generically; say what is done, how and how often")
        }
    }
}
