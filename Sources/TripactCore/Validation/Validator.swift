/// Checks an agreement against Art. 28(3)(a)–(h), 28(2) and (4), 32, 33(2), Chapter V and Art. 12(3).
public enum Validator {
    /// Every rule, in the order their findings are reported.
    public static let rules: [any ValidationRule] = [
        SignatoryRule(),
        SignatoryEmailRule(),
        PartyTimeZoneRule(),
        PartyIdentityRule(),
        PartyContactRule(),
        EffectiveDateRule(),
    ] + ProcessingDescriptionRule.all + [
        CatalogueKeyRule(),
        UnknownClauseRule(),
        UnknownVariantRule(),
        DuplicateClauseRule(),
        UnknownParameterRule(),
        ParameterValueRule(),
        IncompatibleVariantsRule(),
        MandatoryClauseRule(),
        Article28CoverageRule(),
        InapplicableClauseRule(),
        UnfilledPlaceholderRule(),
        CustomWordingTextRule(),
        CustomWordingRule(),
        GoverningLawRule(),
        SpecialCategorySafeguardsRule(),
        UndeclaredSpecialCategoryRule(),
        SubprocessorTransferRule(),
        DeliveryLocationTransferRule(),
        ProcessorEstablishmentTransferRule(),
        ProcessorMechanismRule(),
        DeliveryLocationRule(),
        TransferImpactAssessmentRule(),
        SubprocessorCompletenessRule(),
        SubprocessorDataRule(),
        SpecificAuthorisationListRule(),
        GeneralAuthorisationNoticeRule(),
        SubprocessorModuleRule(),
        BreachNoticeHoursRule(),
        TelecomBreachHoursRule(),
        ForwardingDeadlineRule(),
        RightsDeadlinesTotalRule(),
        NoMeasuresRule(),
        UnknownMeasureRule(),
        GenericMeasureRule(),
        CategoryWithoutPurposeRule(),
        PurposeCategoryRule(),
        PurposeLawfulBasisRule(),
        PurposeSpecialConditionRule(),
        PurposeDisclosureBasisRule(),
        PurposeDisclosureConditionRule(),
        PurposeRecipientRule(),
        PurposeOwnInterestRule(),
        PurposeTermsRule(),
        JointAllocationRule(),
        JointEssenceRule(),
        HandoverNoteRule(),
        SharedDataNamedRule(),
        SharedRecipientNoticeRule(),
        RetentionRule(),
        RightsAssignmentRule(),
        IdentityVerificationRule(),
        CallRecordingAnnouncementRule(),
        ComplaintRouteRule(),
        PrivacyNoticeRule(),
        ProcessorAnswerAuthorityRule(),
        AssistanceMeasuresRule(),
    ]

    /// Every finding of every rule, errors first, then in rule order.
    public static func validate(_ document: AgreementDocument, library: ClauseLibrary) -> [Finding] {
        validate(AgreementFacts(document: document, library: library))
    }

    public static func validate(_ facts: AgreementFacts) -> [Finding] {
        var errors: [Finding] = []
        var warnings: [Finding] = []
        for rule in rules {
            for finding in rule.check(facts) {
                if finding.severity == .error { errors.append(finding) } else { warnings.append(finding) }
            }
        }
        return errors + warnings
    }
}

extension String {
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

extension Optional where Wrapped == String {
    var isBlank: Bool { self?.isBlank ?? true }
}
