/// Special-category data comes with the safeguards applied to it (Art. 9; Annex II).
struct SpecialCategorySafeguardsRule: ValidationRule {
    let code = "special-categories.safeguards-missing"
    let article = "Art. 9"

    /// Word beginnings that name a safeguard, in the languages agreements are commonly written in: access limited to
    /// named people, encryption, pseudonymisation or masking, access logs, training, separate storage, short retention.
    static let safeguardStems: [String] = [
        "only", "restrict", "limited", "named", "need-to-know", "needtoknow", "encrypt", "pseudonym", "mask", "redact", "log", "audit",
        "train", "separat", "segregat", "retention", "retain", "delet", "erase", "purge", "role", "supervisor", "mfa", "two-factor",
        "seul", "chiffr", "journal", "formation", "formé", "sépar", "conserv", "supprim", "effac", "habilit", "masqu",
        "nur", "verschlüssel", "protokoll", "schulung", "getrennt", "lösch", "berechtig",
        "solo", "cifr", "registro", "formación", "formazione", "separad", "separat", "borr", "cancell", "apenas", "criptograf", "eliminad",
        "alleen", "versleutel", "gescheiden", "verwijder",
    ]
    static let minimumConcreteWords = 4
    static let vague: Set<String> = ["safeguards", "safeguard", "apply", "applies", "applied", "special", "category", "categories", "sensitive", "garanties", "garanties", "appropriées"]

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.processing.specialCategories.enumerated().compactMap { index, entry in
            let text = entry.safeguards.lowercased()
            let words = GenericMeasureRule.bareWords(text)
            let names = Self.safeguardStems.contains { stem in words.contains { $0.hasPrefix(String(stem.filter { $0 != "-" })) } }
            let concrete = GenericMeasureRule.concreteWords(text, excluding: Self.vague)
            guard !names || concrete < Self.minimumConcreteWords else { return nil }
            return error(
                "processing.specialCategories[\(index)].safeguards",
                "special-category data '\(entry.category)' needs its safeguards named: who alone may access it, how it is protected "
                    + "(encryption, pseudonymisation, masking), how access is logged and how long it is kept"
            )
        }
    }
}

/// A data category the catalogue marks as Art. 9 or Art. 10 data is declared as special, with safeguards.
struct UndeclaredSpecialCategoryRule: ValidationRule {
    let code = "special-categories.undeclared"
    let article = "Art. 9, Art. 10"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let declared = Set(facts.document.processing.specialCategories.map { facts.library.currentCategoryKey($0.category) })
        return facts.document.processing.dataCategories.enumerated().compactMap { index, entry in
            guard let item = facts.library.dataCategory(entry.category), item.special != .no, !declared.contains(item.key) else { return nil }
            let article = item.special == .art9 ? "Art. 9" : "Art. 10"
            return error(
                "processing.dataCategories[\(index)]",
                "'\(entry.category)' (\(item.label)) is \(article) data; list it under processing.specialCategories with its safeguards"
            )
        }
    }
}
