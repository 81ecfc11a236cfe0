/// Annex V says who answers each Chapter III right.
struct RightsAssignmentRule: ValidationRule {
    let code = "consumer.right-unassigned"
    let article = "Art. 12–22"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let assigned = Set(facts.document.consumerObligations.rights.map(\.right))
        return DataSubjectRight.allCases.compactMap { right in
            guard !assigned.contains(right) else { return nil }
            return warning("consumerObligations.rights", "Annex V does not say who answers requests for \(right.label.lowercased())")
        }
    }
}

/// Annex V says how a requester's identity is checked before anything is disclosed (Art. 12(6)).
struct IdentityVerificationRule: ValidationRule {
    let code = "consumer.identity-check-missing"
    let article = "Art. 12(6)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.consumerObligations.identityVerification.isBlank
            ? [warning("consumerObligations.identityVerification", "Annex V does not say how a caller's identity is checked before account data is disclosed")]
            : []
    }
}

/// Recorded calls are announced to the caller in agreed words (Art. 13).
struct CallRecordingAnnouncementRule: ValidationRule {
    let code = "consumer.recording-announcement-missing"
    let article = "Art. 13"

    func check(_ facts: AgreementFacts) -> [Finding] {
        guard facts.document.processing.callRecording, facts.document.consumerObligations.callRecordingAnnouncement.isBlank else { return [] }
        return [error("consumerObligations.callRecordingAnnouncement", "calls are recorded but Annex V gives no announcement for the caller")]
    }
}

/// Annex V tells a consumer where to complain.
struct ComplaintRouteRule: ValidationRule {
    let code = "consumer.complaint-route-missing"
    let article = "Art. 13(2)(d), Art. 77"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.consumerObligations.complaintRoute.isBlank
            ? [warning("consumerObligations.complaintRoute", "Annex V gives no complaint route for consumers")]
            : []
    }
}

/// Annex III describes how the processor assists with rights requests and breaches (Art. 28(3)(e), (f)).
struct AssistanceMeasuresRule: ValidationRule {
    let code = "assistance.missing"
    let article = "Art. 28(3)(e), 28(3)(f)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let areas = Set(facts.document.assistanceMeasures.filter { !$0.description.isBlank }.map(\.area))
        return [AssistanceArea.rightsRequests, .breaches].compactMap { area in
            areas.contains(area) ? nil : warning("assistanceMeasures", "Annex III describes no measure by which the processor assists with \(area.label.lowercased())")
        }
    }
}

/// A right the processor answers itself needs the authority of the rights-requests clause (Art. 28(3)(e), Art. 29).
struct ProcessorAnswerAuthorityRule: ValidationRule {
    let code = "consumer.processor-answers-without-authority"
    let article = "Art. 28(3)(e), Art. 29"

    func check(_ facts: AgreementFacts) -> [Finding] {
        guard let item = facts.included(LibraryKeys.rightsRequests), item.parameters[LibraryKeys.answerAuthority] == .string(LibraryKeys.controllerOnly) else {
            return []
        }
        return facts.document.consumerObligations.rights.enumerated().compactMap { index, assignment in
            guard assignment.answeredBy == .processor else { return nil }
            return error(
                "consumerObligations.rights[\(index)].answeredBy",
                "Annex V lets the processor answer \(assignment.right.label.lowercased()) itself, but clause 'rights-requests' gives it no authority to answer ('\(LibraryKeys.answerAuthority)' is '\(LibraryKeys.controllerOnly)')"
            )
        }
    }
}

/// Agents give consumers the controller's privacy information (Art. 13, 14).
struct PrivacyNoticeRule: ValidationRule {
    let code = "consumer.privacy-notice-missing"
    let article = "Art. 13, 14"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.consumerObligations.privacyNotice.isBlank
            ? [warning("consumerObligations.privacyNotice", "Annex V does not say what agents tell consumers about the processing")]
            : []
    }
}
