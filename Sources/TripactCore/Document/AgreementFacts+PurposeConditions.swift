extension AgreementFacts {
    /// Conditions narrowed to the data of the joint and the shared purposes, for the terms that govern only that data:
    /// the joint arrangement speaks of Art. 9 data only when a joint purpose uses it, and of Transfers only when the
    /// joint data may leave the EEA, whatever the purposes processed on the Controller's behalf use.
    static func perPurposeConditions(_ document: AgreementDocument, library: ClauseLibrary) -> Set<Condition> {
        var result: Set<Condition> = []
        let processing = document.processing
        let declaredSpecial = Set(processing.specialCategories.map(\.category))
        func isSpecial(_ key: String) -> Bool { declaredSpecial.contains(key) || (library.dataCategory(key)?.special ?? .no) != .no }
        func outsideEEA(_ country: String) -> Bool { !country.isBlank && library.country(country)?.status != .eea }
        // Agents at every site, and the Processor itself, handle every purpose's data; a Subprocessor only its own categories.
        let everywhere = outsideEEA(document.parties.processor.country) || processing.deliveryLocations.contains { outsideEEA($0.country) }
        for (role, special, transfers) in [(PurposeRole.joint, Condition.jointSpecialCategories, Condition.jointTransfers), (.independent, .sharedSpecialCategories, .sharedTransfers)] {
            let purposes = processing.purposes.filter { $0.effectiveRole == role }
            guard !purposes.isEmpty else { continue }
            let categories = Set(purposes.flatMap(\.dataCategories))
            if categories.contains(where: isSpecial) { result.insert(special) }
            let abroad = document.subprocessors.contains { sub in sub.allCountries.contains(where: outsideEEA) && !categories.isDisjoint(with: sub.dataCategories) }
            if everywhere || abroad { result.insert(transfers) }
        }
        return result
    }
}
