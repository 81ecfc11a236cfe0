/// Each party names the person who signs for it (Annex I; the contract is in writing, Art. 28(9)).
struct SignatoryRule: ValidationRule {
    let code = "party.signatory-missing"
    let article = "Art. 28(9)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        PartyRole.allCases.compactMap { role in
            let signatory = facts.document.parties[role].signatory
            guard signatory == nil || signatory!.name.isBlank || signatory!.position.isBlank else { return nil }
            return error("parties.\(role.rawValue).signatory", "the \(role.rawValue) has no signatory with name and position; Annex I needs one to sign")
        }
    }
}

/// Only the signatory named in Annex I signs for a party, and Tripact knows them by e-mail: without one nobody could
/// sign, so the missing address is said before signing rather than at it.
struct SignatoryEmailRule: ValidationRule {
    let code = "party.signatory-email-missing"
    let article = "Art. 28(9)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        PartyRole.allCases.compactMap { role in
            guard let signatory = facts.document.parties[role].signatory, !signatory.name.isBlank else { return nil }
            let email = signatory.email ?? ""
            if email.isBlank {
                return error("parties.\(role.rawValue).signatory.email", "Annex I gives no e-mail for the \(role.rawValue)'s signatory, \(signatory.name); only the person with that address can sign in Tripact")
            }
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(where: \.isWhitespace) else {
                return error("parties.\(role.rawValue).signatory.email", "the \(role.rawValue)'s signatory's e-mail '\(email)' is not an e-mail address")
            }
            return nil
        }
    }
}

/// A party's time zone, when given, is one the system knows: its signature's time is printed in it.
struct PartyTimeZoneRule: ValidationRule {
    let code = "party.time-zone-unknown"
    let article = "Art. 28(9)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        PartyRole.allCases.compactMap { role in
            guard let zone = facts.document.parties[role].timeZone, !SignatureTime.isKnownZone(zone) else { return nil }
            return error("parties.\(role.rawValue).timeZone", "the \(role.rawValue)'s time zone '\(zone)' is not a time zone name such as Europe/Paris")
        }
    }
}

/// Each party is identified by name, address and country (Annex I).
struct PartyIdentityRule: ValidationRule {
    let code = "party.identity-incomplete"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        PartyRole.allCases.flatMap { role -> [Finding] in
            let party = facts.document.parties[role]
            var findings: [Finding] = []
            for (field, value) in [("name", party.name), ("address", party.address), ("country", party.country)] where value.isBlank {
                findings.append(error("parties.\(role.rawValue).\(field)", "the \(role.rawValue)'s \(field) is empty"))
            }
            return findings
        }
    }
}

/// Each party gives a contact person with an e-mail address, so notices have somewhere to go.
struct PartyContactRule: ValidationRule {
    let code = "party.contact-incomplete"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        PartyRole.allCases.compactMap { role in
            let contact = facts.document.parties[role].contact
            guard contact.name.isBlank || contact.email.isBlank else { return nil }
            return warning("parties.\(role.rawValue).contact", "the \(role.rawValue)'s contact person needs a name and an e-mail address for notices")
        }
    }
}

/// The effective date, when given, is a real date.
struct EffectiveDateRule: ValidationRule {
    let code = "document.effective-date"
    let article = "Art. 28(9)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        guard let date = facts.document.effectiveDate, CalendarDate(date) == nil else { return [] }
        return [error("effectiveDate", "'\(date)' is not a date written YYYY-MM-DD")]
    }
}
