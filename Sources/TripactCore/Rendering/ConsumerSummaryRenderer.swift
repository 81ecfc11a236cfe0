/// The consumer-facing outputs: the recipients-and-transfers text for the controller's privacy notice,
/// and the agent script for a rights request received on a call. Both come from the same agreed terms.
public enum ConsumerSummaryRenderer {
    public static func render(_ facts: AgreementFacts, contentHash: String? = nil) -> String {
        let document = facts.document
        let library = facts.library
        let controller = document.parties.controller.name
        let processor = document.parties.processor.name
        let hash = contentHash ?? DocumentCodec.contentHash(document)
        var html = HTMLWriter(capacity: 16 * 1024)
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        html.element("<title>Consumer summary — ", document.title, "</title>\n")
        html.raw("<style>\n")
        html.trusted(PrintStyle.summaryCSS)
        html.raw("</style>\n</head>\n<body>\n<header>\n")
        html.element("<h1>Consumer summary: ", document.title, "</h1>\n")
        html.raw("<p class=\"source\">From agreement ")
        html.text(document.id)
        html.raw(", content hash sha256:")
        html.text(String(hash.prefix(12)))
        html.raw("</p>\n</header>\n")

        html.raw("<section id=\"privacy-notice\">\n<h2>Recipients and transfers — text for the privacy notice</h2>\n<div class=\"paste\">\n<p>")
        html.text("\(controller) uses \(processor) to handle customer contacts")
        let channels = document.processing.channels.map { library.channel($0)?.label.lowercased() ?? $0 }
        if !channels.isEmpty { html.text(" (" + channels.joined(separator: ", ") + ")") }
        let purposes = document.processing.purposes
        if purposes.allSatisfy({ $0.effectiveRole == .onBehalf }) {
            html.text(". \(processor) processes your personal data on our behalf and only on our documented instructions.")
            html.raw("</p>\n")
        } else {
            html.text(". For most of that work \(processor) processes your personal data on our behalf and only on our documented instructions; the purposes below are different.")
            html.raw("</p>\n")
            writeResponsibility(&html, facts: facts)
        }
        let sites = document.processing.deliveryLocations.map { AnnexRenderer.countryName($0.country, library) }
        if !sites.isEmpty {
            html.element("<p>", "Our customer service agents work from: " + unique(sites).joined(separator: ", ") + ".", "</p>\n")
        }
        if !document.subprocessors.isEmpty {
            html.raw("<p>It relies on the following service providers:</p>\n<table>\n<thead><tr><th scope=\"col\">Recipient</th><th scope=\"col\">What it does</th><th scope=\"col\">Where</th><th scope=\"col\">How your data is protected there</th></tr></thead>\n<tbody>\n")
            for sub in document.subprocessors {
                html.raw("<tr><td>")
                html.text(sub.name)
                html.raw("</td><td>")
                html.text(sub.service)
                html.raw("</td><td>")
                html.text(sub.allCountries.map { library.country($0)?.name ?? $0 }.joined(separator: ", "))
                html.raw("</td><td>")
                html.text(protection(sub.allCountries, mechanism: sub.transferMechanism, facts: facts))
                html.raw("</td></tr>\n")
            }
            html.raw("</tbody>\n</table>\n")
        }
        let transfers = facts.transferCountries
        if transfers.isEmpty {
            html.raw("<p>Your personal data stays within the European Economic Area.</p>\n")
        } else {
            html.raw("<p>Some of your personal data is handled outside the European Economic Area:</p>\n<ul>\n")
            for transfer in transfers {
                html.raw("<li>")
                html.text((library.country(transfer.country)?.name ?? transfer.country) + ": " + transfer.mechanisms.joined(separator: "; "))
                html.raw("</li>\n")
            }
            html.raw("</ul>\n")
            html.element("<p>", "You can ask \(controller) for a copy of the safeguards used.", "</p>\n")
        }
        html.raw("</div>\n</section>\n")

        writeAgentScript(&html, facts: facts)
        html.raw("</body>\n</html>\n")
        return html.string
    }

    /// Who is responsible for each purpose that is not processed on the controller's behalf, on what basis, where to
    /// turn, and the essence of a joint arrangement (Art. 13(1)(c) and (e), Art. 14, Art. 26(2) and (3)).
    private static func writeResponsibility(_ html: inout HTMLWriter, facts: AgreementFacts) {
        let document = facts.document
        let controller = document.parties.controller.name
        let processor = document.parties.processor.name
        func label(_ purpose: PurposeEntry) -> String { facts.library.purposeLabel(purpose.purpose) }
        func basis(_ purpose: PurposeEntry) -> String { purpose.lawfulBasis?.label ?? "a lawful basis not yet agreed" }
        let joint = document.processing.purposes.filter { $0.effectiveRole == .joint }
        if !joint.isEmpty {
            let contactPoint = facts.jointContactPoint.map { document.parties[$0].name } ?? controller
            html.raw("<h3>Purposes we decide together with ")
            html.text(processor)
            html.raw("</h3>\n<ul>\n")
            for purpose in joint { html.element("<li>", "\(label(purpose)), on the basis of \(basis(purpose)).", "</li>\n") }
            html.raw("</ul>\n")
            html.element("<p>", "\(controller) and \(processor) are joint controllers for these purposes. Contact \(contactPoint) about them; you may also exercise your rights with either of us, whatever our arrangement says.", "</p>\n")
            if let essence = facts.jointEssence {
                html.element("<p class=\"essence\">", "The essence of our arrangement: \(essence)", "</p>\n")
            }
        }
        let independent = document.processing.purposes.filter { $0.effectiveRole == .independent }
        if !independent.isEmpty {
            html.raw("<h3>Data we share with another controller</h3>\n<ul>\n")
            for purpose in independent {
                let recipient = purpose.recipient.map { document.parties[$0].name } ?? "a recipient not yet agreed"
                let data = purpose.dataCategories.map { facts.library.dataCategory($0)?.label ?? $0 }.joined(separator: ", ")
                html.element(
                    "<li>", "\(recipient) receives \(data.isEmpty ? "personal data" : data) and uses it for its own purpose: \(label(purpose)), on the basis of \(basis(purpose)). \(recipient) is responsible for that use and will tell you about it; you can exercise your rights about it with \(recipient) or with us.", "</li>\n"
                )
            }
            html.raw("</ul>\n")
        }
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    private static func protection(_ countries: [String], mechanism: String, facts: AgreementFacts) -> String {
        if countries.allSatisfy({ facts.library.country($0)?.status == .eea }) { return "Within the EEA" }
        if countries.allSatisfy({ !facts.needsSafeguards($0) }) { return "Adequacy decision of the European Commission" }
        return AnnexRenderer.mechanismLabel(mechanism, countries: countries, library: facts.library, tia: nil)
    }

    /// What the agent tells the caller, naming who will answer: the Controller for purposes on its behalf, the contact
    /// point of the joint arrangement for joint purposes (Art. 26(1)), the recipient for an independent purpose's own
    /// processing. The agent cannot know which purpose a request is about, so each party that answers gets its words,
    /// introduced by the purposes it answers for; one party answering everything reads as a single sentence.
    private static func writeWhatToSay(_ html: inout HTMLWriter, facts: AgreementFacts) {
        let document = facts.document
        func name(_ party: PartyRole) -> String { document.parties[party].name }
        func label(_ purpose: PurposeEntry) -> String { facts.library.purposeLabel(purpose.purpose) }
        func answerer(_ purpose: PurposeEntry) -> PartyRole {
            switch purpose.effectiveRole {
            case .onBehalf: .controller
            case .joint: facts.jointContactPoint ?? .controller
            case .independent: purpose.recipient ?? .controller
            }
        }
        func words(_ party: PartyRole, as role: PurposeRole?) -> String {
            let who = switch role {
            case .joint?: "\(name(party)), the contact point for it,"
            case .independent?: "\(name(party)), which is responsible for that use,"
            default: name(party)
            }
            return "Thank you. I have recorded your request. \(who) will answer you within one month of today. If the request is complex, they may need up to two more months and will tell you why."
        }
        html.raw("<li><h3>What to say</h3>")
        let purposes = document.processing.purposes
        if purposes.allSatisfy({ answerer($0) == .controller }) {
            html.element("<blockquote>", words(.controller, as: nil), "</blockquote></li>\n")
            return
        }
        // Joint and independent purposes answered by a party other than the Controller, one group per (role, party);
        // everything else is the Controller's to answer.
        for role in [PurposeRole.joint, .independent] {
            for party in PartyRole.allCases where party != .controller {
                let group = purposes.filter { $0.effectiveRole == role && answerer($0) == party }
                guard !group.isEmpty else { continue }
                html.element("<p>", "If the request is about \(group.map(label).joined(separator: ", ")):", "</p>")
                html.element("<blockquote>", words(party, as: role), "</blockquote>")
            }
        }
        if purposes.contains(where: { answerer($0) == .controller }) {
            html.element("<p>", "For any other request:", "</p>")
            html.element("<blockquote>", words(.controller, as: nil), "</blockquote>")
        }
        html.raw("</li>\n")
    }

    private static func writeAgentScript(_ html: inout HTMLWriter, facts: AgreementFacts) {
        let document = facts.document
        let obligations = document.consumerObligations
        let controller = document.parties.controller.name
        let deadline = facts.forwardingDeadline ?? "without undue delay"
        html.raw("<section id=\"agent-script\">\n<h2>Agent script — a rights request received on a call</h2>\n<ol class=\"steps\">\n")
        html.raw("<li><h3>Recognise the request</h3><p>The caller asks to see, correct, delete, restrict, move or stop the use of their personal data, or objects to a decision made about them automatically. No special words are needed.</p></li>\n")
        html.raw("<li><h3>Check the caller's identity</h3>")
        html.element("<p>", obligations.identityVerification, "</p>")
        html.raw("<p>Disclose no account data until the check has passed. If it fails, say that you cannot discuss the account, and record the request all the same.</p></li>\n")
        writeWhatToSay(&html, facts: facts)
        html.raw("<li><h3>What to do for each right</h3>\n")
        ConsumerAnnexRenderer.writeRightsTable(&html, facts: facts, tableClass: "rights", lastColumn: "What you do")
        html.raw("</li>\n")
        let shared = document.processing.purposes.filter { $0.effectiveRole != .onBehalf }
        if !shared.isEmpty {
            let processor = document.parties.processor.name
            html.raw("<li><h3>If the request is about a purpose that is not only ")
            html.text(controller)
            html.raw("'s</h3><ul>\n")
            for purpose in shared {
                let name = facts.library.purposeLabel(purpose.purpose)
                switch purpose.effectiveRole {
                case .joint:
                    let contact = facts.jointContactPoint.map { document.parties[$0].name } ?? controller
                    html.element("<li>", "\(name): decided jointly; take the request all the same and send it to \(contact), the contact point.", "</li>\n")
                case .independent:
                    let recipient = purpose.recipient.map { document.parties[$0].name } ?? "the recipient"
                    html.element("<li>", "\(name): \(recipient)'s own purpose; take the request all the same, tell the caller that \(recipient) is responsible, and send it to \(recipient).", "</li>\n")
                case .onBehalf:
                    break
                }
            }
            html.raw("</ul></li>\n")
        }
        html.raw("<li><h3>Where to forward</h3>")
        html.element("<p>", "Send the request, the date and time of the call, the channel and the outcome of the identity check to \(facts.rightsRequestAddress).", "</p></li>\n")
        html.raw("<li><h3>By when</h3>")
        html.element("<p>", "Forward it \(deadline) of the call. The one-month clock of \(controller) started when the caller asked.", "</p></li>\n")
        html.raw("<li><h3>If the caller wants to complain</h3>")
        html.element("<p>", obligations.complaintRoute, "</p>")
        html.raw("<p>Never discourage a complaint to a supervisory authority.</p></li>\n")
        html.raw("</ol>\n</section>\n")
    }
}
