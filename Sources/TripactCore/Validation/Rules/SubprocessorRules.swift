/// Annex IV identifies each subprocessor: name, address, country, service and data (2021/915 Annex IV).
struct SubprocessorCompletenessRule: ValidationRule {
    let code = "subprocessor.incomplete"
    let article = "Art. 28(2), 28(4)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        var findings: [Finding] = []
        var ids: Set<String> = []
        for (index, sub) in facts.document.subprocessors.enumerated() {
            for (field, value) in [("id", sub.id), ("name", sub.name), ("address", sub.address), ("country", sub.country), ("service", sub.service)] where value.isBlank {
                findings.append(error("subprocessors[\(index)].\(field)", "subprocessor \(index + 1) has no \(field)"))
            }
            if sub.dataCategories.isEmpty {
                findings.append(error("subprocessors[\(index)].dataCategories", "subprocessor '\(sub.name)' does not say which personal data it processes"))
            }
            if !sub.id.isBlank, !ids.insert(sub.id).inserted {
                findings.append(error("subprocessors[\(index)].id", "subprocessor id '\(sub.id)' is used twice"))
            }
        }
        let all = Set(facts.document.subprocessors.map(\.id))
        for (index, sub) in facts.document.subprocessors.enumerated() {
            guard let target = sub.backupFor else { continue }
            if target == sub.id || !all.contains(target) {
                findings.append(
                    error("subprocessors[\(index)].backupFor", "subprocessor '\(sub.name)' is a back-up for '\(target)', which is not another entry of Annex IV")
                )
            }
        }
        return findings
    }
}

/// A subprocessor processes only data that Annex II describes.
struct SubprocessorDataRule: ValidationRule {
    let code = "subprocessor.data-outside-annex2"
    let article = "Art. 28(4)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let processing = facts.document.processing
        let described = Set((processing.dataCategories.map(\.category) + processing.specialCategories.map(\.category)).map(facts.library.currentCategoryKey))
        return facts.document.subprocessors.enumerated().flatMap { index, sub in
            sub.dataCategories.enumerated().compactMap { position, key in
                guard !described.contains(facts.library.currentCategoryKey(key)), facts.library.dataCategory(key) != nil else { return nil }
                return warning("subprocessors[\(index)].dataCategories[\(position)]", "subprocessor '\(sub.name)' processes '\(key)', which Annex II does not list")
            }
        }
    }
}

/// Under specific authorisation the agreement lists the subprocessors authorised (Art. 28(2)).
struct SpecificAuthorisationListRule: ValidationRule {
    let code = "subprocessor.specific-without-list"
    let article = "Art. 28(2)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        guard let item = facts.included(LibraryKeys.subprocessors), item.variant.key == LibraryKeys.specificAuthorisation,
            facts.document.subprocessors.isEmpty
        else { return [] }
        return [warning("subprocessors", "specific authorisation is chosen but Annex IV lists no subprocessor, so none is authorised")]
    }
}

/// Under general authorisation the controller must be able to object before a change takes effect: the advance notice
/// is at least as long as the objection window (Art. 28(2): "giving the controller the opportunity to object").
struct GeneralAuthorisationNoticeRule: ValidationRule {
    let code = "subprocessor.notice-shorter-than-objection"
    let article = "Art. 28(2)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        guard let item = facts.included(LibraryKeys.subprocessors), item.variant.key != LibraryKeys.specificAuthorisation else { return [] }
        guard let notice = item.parameters[LibraryKeys.noticeDays]?.integerValue else {
            return [error("clauses[\(item.selectionIndex)].parameters.\(LibraryKeys.noticeDays)", "general authorisation needs an advance notice period for subprocessor changes")]
        }
        guard let objection = item.parameters[LibraryKeys.objectionDays]?.integerValue, objection > notice else { return [] }
        return [
            error(
                "clauses[\(item.selectionIndex)].parameters.\(LibraryKeys.noticeDays)",
                "a subprocessor change may take effect after \(notice) days' notice, before the controller's \(objection)-day objection window closes; make the notice at least as long"
            )
        ]
    }
}

/// A subprocessor receives data from a processor: the SCC module for that is module 3, not module 2. (Controller BCRs are refused
/// outright, by `ProcessorMechanismRule`.)
struct SubprocessorModuleRule: ValidationRule {
    let code = "transfer.wrong-module"
    let article = "Art. 46(2)(c)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.subprocessors.enumerated().compactMap { index, sub in
            switch sub.transferMechanism {
            case "scc-module-2":
                return warning("subprocessors[\(index)].transferMechanism", "subprocessor '\(sub.name)' receives data from the processor: that transfer uses SCC module 3 (processor to processor), not module 2")
            default:
                return nil
            }
        }
    }
}
