/// Every data category serves at least one purpose (data minimisation, Art. 5(1)(c)).
struct CategoryWithoutPurposeRule: ValidationRule {
    let code = "minimisation.category-without-purpose"
    let article = "Art. 5(1)(c)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let processing = facts.document.processing
        let served = Set(processing.purposes.flatMap(\.dataCategories).map(facts.library.currentCategoryKey))
        let categories = processing.dataCategories.enumerated().map { ("processing.dataCategories[\($0.offset)]", $0.element.category) }
            + processing.specialCategories.enumerated().map { ("processing.specialCategories[\($0.offset)]", $0.element.category) }
        var reported: Set<String> = []
        return categories.compactMap { path, key in
            guard !served.contains(facts.library.currentCategoryKey(key)), reported.insert(key).inserted else { return nil }
            return warning(path, "data category '\(key)' serves no purpose of Annex II; drop it or name the purpose that needs it")
        }
    }
}

/// A purpose uses only data categories that Annex II lists.
struct PurposeCategoryRule: ValidationRule {
    let code = "minimisation.purpose-unlisted-category"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let processing = facts.document.processing
        let listed = Set((processing.dataCategories.map(\.category) + processing.specialCategories.map(\.category)).map(facts.library.currentCategoryKey))
        return processing.purposes.enumerated().flatMap { index, purpose in
            purpose.dataCategories.enumerated().compactMap { position, key in
                guard !listed.contains(facts.library.currentCategoryKey(key)) else { return nil }
                return warning("processing.purposes[\(index)].dataCategories[\(position)]", "purpose '\(purpose.purpose)' uses '\(key)', which Annex II does not list")
            }
        }
    }
}

/// Annex II says how long the data is kept (storage limitation, Art. 5(1)(e)).
struct RetentionRule: ValidationRule {
    let code = "retention.missing"
    let article = "Art. 5(1)(e)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.processing.retention.isBlank ? [warning("processing.retention", "Annex II states no retention period or criteria")] : []
    }
}
