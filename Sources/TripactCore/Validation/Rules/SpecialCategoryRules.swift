/// Special-category data comes with the safeguards applied to it (Art. 9; Annex II).
struct SpecialCategorySafeguardsRule: ValidationRule {
    let code = "special-categories.safeguards-missing"
    let article = "Art. 9"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.processing.specialCategories.enumerated().compactMap { index, entry in
            let safeguards = entry.safeguards.trimmingWhitespace().lowercased()
            guard safeguards.isEmpty || safeguards.count < 20 else { return nil }
            return error(
                "processing.specialCategories[\(index)].safeguards",
                "special-category data '\(entry.category)' needs its safeguards stated concretely (who may access it, how it is protected, how long it is kept)"
            )
        }
    }
}

/// A data category the catalogue marks as Art. 9 or Art. 10 data is declared as special, with safeguards.
struct UndeclaredSpecialCategoryRule: ValidationRule {
    let code = "special-categories.undeclared"
    let article = "Art. 9, Art. 10"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let declared = Set(facts.document.processing.specialCategories.map(\.category))
        return facts.document.processing.dataCategories.enumerated().compactMap { index, entry in
            guard let item = facts.library.dataCategory(entry.category), item.special != .no, !declared.contains(entry.category) else { return nil }
            let article = item.special == .art9 ? "Art. 9" : "Art. 10"
            return error(
                "processing.dataCategories[\(index)]",
                "'\(entry.category)' (\(item.label)) is \(article) data; list it under processing.specialCategories with its safeguards"
            )
        }
    }
}
