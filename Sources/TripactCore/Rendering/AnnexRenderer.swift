import Foundation

/// Annexes I–V of the rendered agreement.
enum AnnexRenderer {
    static let titles: [(anchor: String, title: String)] = [
        ("annex-1", "Annex I — List of parties"),
        ("annex-2", "Annex II — Description of the processing"),
        ("annex-3", "Annex III — Technical and organisational measures"),
        ("annex-4", "Annex IV — Subprocessors"),
        ("annex-5", "Annex V — Obligations towards data subjects"),
        ("annex-6", "Annex VI — Commercial terms and notes"),
    ]

    /// `annotations` is nil for the printed agreement; the agreement page passes each item's margin (see `ItemAnnotation`).
    static func writeAnnexes(_ html: inout HTMLWriter, facts: AgreementFacts, annotations: [ItemKey: ItemAnnotation]? = nil) {
        writeParties(&html, facts.document.parties, library: facts.library, annotations: annotations)
        writeProcessing(&html, facts: facts, annotations: annotations)
        writeMeasures(&html, facts: facts, annotations: annotations)
        writeSubprocessors(&html, facts: facts, annotations: annotations)
        ConsumerAnnexRenderer.write(&html, facts: facts, margin: annotations?["annex5:obligations"])
        writeCommercial(&html, facts.document.commercial, margin: annotations?["agreement:terms"])
    }

    /// A margin cell closing an annotated row, or nothing in print.
    static func marginCell(_ html: inout HTMLWriter, _ annotations: [ItemKey: ItemAnnotation]?, _ key: String) {
        guard let annotations else { return }
        html.raw("<td class=\"margin-cell\">")
        if let annotation = annotations[ItemKey(rawValue: key)] { html.trusted(annotation.margin) }
        html.raw("</td>")
    }

    /// How assistance is charged and the Parties' notes, printed so that no agreed term is left out of the signed text.
    private static func writeCommercial(_ html: inout HTMLWriter, _ commercial: CommercialTerms, margin: ItemAnnotation?) {
        open(&html, 5)
        AgreementRenderer.writeMargin(&html, margin)
        if commercial.assistanceFees.isBlank && commercial.notes.isBlank {
            html.raw("<p>The Parties have recorded no commercial terms or notes in this Agreement.</p>\n</section>\n")
            return
        }
        html.raw("<table class=\"grid\">\n<tbody>\n")
        row(&html, "Fees for assistance", commercial.assistanceFees)
        row(&html, "Notes", commercial.notes)
        html.raw("</tbody>\n</table>\n</section>\n")
    }

    static func open(_ html: inout HTMLWriter, _ index: Int, wide: Bool = false) {
        html.raw(wide ? "<section class=\"annex wide\" id=\"" : "<section class=\"annex\" id=\"")
        html.trusted(titles[index].anchor)
        html.raw("\">\n<h2>")
        html.trusted(titles[index].title)
        html.raw("</h2>\n")
    }

    static func row(_ html: inout HTMLWriter, _ label: StaticString, _ value: String?) {
        guard let value, !value.isBlank else { return }
        html.raw("<tr><th scope=\"row\">")
        html.raw(label)
        html.raw("</th><td>")
        html.text(value)
        html.raw("</td></tr>\n")
    }

    static func countryName(_ code: String, _ library: ClauseLibrary) -> String {
        library.country(code).map { "\($0.name) (\(code))" } ?? code
    }

    /// The address as written, with its country's name added only when the address does not already end with it
    /// ("…, 75009 Paris, France", "…, L-2453 Luxembourg"), so the country is never printed twice.
    static func postalAddress(_ address: String, country code: String, library: ClauseLibrary) -> String {
        guard let name = library.country(code)?.name else { return address.isBlank ? code : "\(address), \(code)" }
        let written = address.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        if written.range(of: name, options: [.anchored, .backwards, .caseInsensitive, .diacriticInsensitive]) != nil { return address }
        return written.isEmpty ? name : "\(address), \(name)"
    }

    /// Who decides a purpose that is not processed on the Controller's behalf, and on what basis; "not agreed" for
    /// what the parties have not settled yet, which the validator reports.
    static func roleLine(_ entry: PurposeEntry, facts: AgreementFacts) -> String {
        var parts: [String] = []
        func name(_ role: PartyRole) -> String { facts.document.parties[role].name }
        switch entry.effectiveRole {
        case .onBehalf: parts.append(PurposeRole.onBehalf.label)
        case .joint: parts.append("Decided jointly by the Controller and the Processor as joint controllers (Art. 26)")
        case .independent:
            let recipient = entry.recipient.map(name)
            parts.append("Shared with \(recipient ?? "a recipient not agreed yet") as a controller in its own right")
            // Each side of the sharing rests on its own basis: the recipient for its purpose, the discloser for
            // handing the data over (Art. 6(1), and Art. 9(2) for special-category data).
            let receiving = recipient ?? "the recipient"
            let disclosing = entry.discloser.map(name) ?? "the disclosing party"
            parts.append("\(receiving)'s lawful basis for its own purpose: " + (entry.lawfulBasis?.label ?? "not agreed"))
            if let condition = entry.specialCondition { parts.append("\(receiving)'s condition for special-category data: \(condition.label)") }
            parts.append("\(disclosing)'s lawful basis for disclosing the data: " + (entry.disclosureBasis?.label ?? "not agreed"))
            if let condition = entry.disclosureCondition { parts.append("\(disclosing)'s condition for disclosing special-category data: \(condition.label)") }
            return parts.joined(separator: "; ")
        }
        parts.append("lawful basis: " + (entry.lawfulBasis?.label ?? "not agreed"))
        if let condition = entry.specialCondition { parts.append("special-category data under \(condition.label)") }
        return parts.joined(separator: "; ")
    }

    static func contactLine(_ contact: Contact?) -> String? {
        guard let contact, !contact.name.isBlank else { return nil }
        return [contact.name, contact.position, contact.email, contact.phone].compactMap { $0 }.filter { !$0.isBlank }.joined(separator: ", ")
    }

    private static func writeParties(_ html: inout HTMLWriter, _ parties: Parties, library: ClauseLibrary, annotations: [ItemKey: ItemAnnotation]?) {
        open(&html, 0)
        for role in PartyRole.allCases {
            let party = parties[role]
            AgreementRenderer.writeMargin(&html, annotations?[ItemKey(rawValue: "party:\(role.rawValue)")])
            html.raw("<table class=\"party\">\n<caption>")
            html.raw(role == .controller ? "Controller" : "Processor")
            html.raw("</caption>\n<tbody>\n")
            row(&html, "Name", party.name)
            row(&html, "Registration", party.registration)
            row(&html, "Address", party.address)
            row(&html, "Country", countryName(party.country, library))
            row(&html, "Contact person", contactLine(party.contact))
            row(&html, "Data protection officer", contactLine(party.dpo))
            row(&html, "EU representative", contactLine(party.euRepresentative))
            row(&html, "Signatory", party.signatory.map { "\($0.name), \($0.position)" })
            html.raw("</tbody>\n</table>\n")
        }
        html.raw("</section>\n")
    }

    private static func writeProcessing(_ html: inout HTMLWriter, facts: AgreementFacts, annotations: [ItemKey: ItemAnnotation]?) {
        let processing = facts.document.processing
        let library = facts.library
        func margin(_ key: String) { AgreementRenderer.writeMargin(&html, annotations?[ItemKey(rawValue: key)]) }
        open(&html, 1)
        margin("annex2:description")
        margin("annex2:data-subjects")
        html.raw("<table class=\"facts\">\n<tbody>\n")
        row(&html, "Subject matter", processing.subjectMatter)
        row(&html, "Duration", processing.duration)
        row(&html, "Nature", processing.nature)
        row(&html, "Operations", processing.operations.map { library.operationLabel($0) }.joined(separator: "; "))
        row(&html, "Data subjects", processing.dataSubjects.map { library.dataSubjectLabel($0) }.joined(separator: "; "))
        row(&html, "Channels", processing.channels.map { library.channel($0)?.label ?? $0 }.joined(separator: "; "))
        if let services = processing.services, !services.isEmpty {
            row(&html, "Services used", services.map { library.service($0)?.label ?? $0 }.joined(separator: "; "))
        }
        row(&html, "Calls recorded", processing.callRecording ? "Yes" : "No")
        row(&html, "Payment cards taken", processing.cardPayments ? "Yes" : "No")
        row(&html, "Frequency", processing.frequency)
        row(&html, "Retention", processing.retention)
        html.raw("</tbody>\n</table>\n")

        html.raw("<h3>Purposes and the data each needs</h3>\n")
        margin("annex2:purposes")
        html.raw("<table class=\"grid\">\n<thead><tr><th scope=\"col\">Purpose</th><th scope=\"col\">Description</th><th scope=\"col\">Data categories</th></tr></thead>\n<tbody>\n")
        for entry in processing.purposes {
            html.raw("<tr><td>")
            html.text(library.purposeLabel(entry.purpose))
            html.raw("</td><td>")
            html.text(entry.description ?? library.purpose(entry.purpose)?.description ?? "")
            if entry.effectiveRole != .onBehalf {
                html.raw("<br><span class=\"role\">")
                html.text(roleLine(entry, facts: facts))
                html.raw("</span>")
            }
            html.raw("</td><td>")
            html.text(entry.dataCategories.map { library.dataCategory($0)?.label ?? $0 }.joined(separator: "; "))
            html.raw("</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n")

        html.raw("<h3>Personal data</h3>\n")
        margin("annex2:data-categories")
        html.raw("<table class=\"grid\">\n<thead><tr><th scope=\"col\">Category</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n")
        for entry in processing.dataCategories {
            html.raw("<tr><td>")
            html.text(library.dataCategory(entry.category)?.label ?? entry.category)
            html.raw("</td><td>")
            html.text(entry.note ?? "")
            html.raw("</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n")

        html.raw("<h3>Sensitive data and the safeguards applied</h3>\n")
        margin("annex2:special-categories")
        if processing.specialCategories.isEmpty {
            html.raw("<p>No special-category (Art. 9) or criminal-offence (Art. 10) data is processed.</p>\n")
        } else {
            html.raw("<table class=\"grid\">\n<thead><tr><th scope=\"col\">Category</th><th scope=\"col\">Safeguards</th></tr></thead>\n<tbody>\n")
            for entry in processing.specialCategories {
                html.raw("<tr><td>")
                html.text(library.dataCategory(entry.category)?.label ?? entry.category)
                html.raw("</td><td>")
                html.text(entry.safeguards)
                html.raw("</td></tr>\n")
            }
            html.raw("</tbody>\n</table>\n")
        }

        html.raw("<h3>Delivery locations</h3>\n")
        margin("annex2:delivery-locations")
        html.raw("<table class=\"grid\">\n<thead><tr><th scope=\"col\">Site</th><th scope=\"col\">Country</th><th scope=\"col\">Entity</th><th scope=\"col\">Home working</th><th scope=\"col\">Transfer mechanism</th></tr></thead>\n<tbody>\n")
        for location in processing.deliveryLocations {
            html.raw("<tr><td>")
            html.text(location.site)
            html.raw("</td><td>")
            html.text(countryName(location.country, library))
            html.raw("</td><td>")
            html.text(location.entity ?? "the Processor")
            html.raw(location.homeWorking ? "</td><td>Yes</td><td>" : "</td><td>No</td><td>")
            html.text(mechanismLabel(location.transferMechanism, countries: [location.country], library: library, tia: location.tiaReference))
            html.raw("</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n</section>\n")
    }

    /// The words printed for a transfer mechanism. A missing or unknown key is never shown as "no transfer" nor printed
    /// raw: where the countries need no mechanism it says so, otherwise "Not agreed" (the validator reports it as an error).
    static func mechanismLabel(_ key: String?, countries: [String], library: ClauseLibrary, tia: String?) -> String {
        guard let key, !key.isBlank, var label = library.transferMechanism(key)?.label else {
            if !countries.isEmpty, countries.allSatisfy({ library.country($0)?.status == .eea }) { return "None needed (within the EEA)" }
            if !countries.isEmpty, countries.allSatisfy({ library.country($0)?.status == .adequate || library.country($0)?.status == .eea }) {
                return library.transferMechanism("adequacy")?.label ?? "Adequacy decision"
            }
            return notAgreed
        }
        if let tia, !tia.isBlank { label += " (TIA: \(tia))" }
        return label
    }

    /// What Annexes and the consumer summary print for a transfer whose mechanism the Parties have not agreed.
    static let notAgreed = "Not agreed"

    private static func writeMeasures(_ html: inout HTMLWriter, facts: AgreementFacts, annotations: [ItemKey: ItemAnnotation]?) {
        let library = facts.library
        open(&html, 2)
        html.raw("<p>The Processor takes the following measures [Art. 28(3)(c), Art. 32]. They are grouped under the headings of security measures.</p>\n")
        var byHeading: [Int: [(Int, MeasureEntry)]] = [:]
        for (index, entry) in facts.document.measures.enumerated() {
            let heading = entry.heading ?? library.measure(entry.id)?.heading ?? 0
            byHeading[heading, default: []].append((index, entry))
        }
        var counter = 0
        for heading in byHeading.keys.sorted() {
            html.raw("<h3>")
            if heading > 0 {
                html.number(heading)
                html.raw(". ")
            }
            html.text(library.headings[heading] ?? "Other measures")
            html.raw("</h3>\n<table class=\"grid measures\">\n<thead><tr><th scope=\"col\">No.</th><th scope=\"col\">Measure</th><th scope=\"col\">What is done</th>")
            if annotations != nil { html.raw("<th scope=\"col\">State</th>") }
            html.raw("</tr></thead>\n<tbody>\n")
            for (_, entry) in byHeading[heading] ?? [] {
                counter += 1
                let catalogue = library.measure(entry.id)
                html.raw("<tr id=\"measure-")
                html.text(entry.id)
                html.raw("\"><td>M")
                html.number(counter)
                html.raw("</td><td>")
                html.text(entry.title ?? catalogue?.title ?? entry.id)
                html.raw("</td><td>")
                html.text(facts.measureDescription(entry))
                html.raw("</td>")
                marginCell(&html, annotations, "measure:\(entry.id)")
                html.raw("</tr>\n")
            }
            html.raw("</tbody>\n</table>\n")
        }
        html.raw("<h3>Measures by which the Processor assists the Controller</h3>\n")
        AgreementRenderer.writeMargin(&html, annotations?["annex3:assistance"])
        html.raw("<table class=\"grid\">\n<thead><tr><th scope=\"col\">Duty</th><th scope=\"col\">How the Processor assists</th></tr></thead>\n<tbody>\n")
        for measure in facts.document.assistanceMeasures {
            html.raw("<tr><td>")
            html.text(measure.area.label)
            html.raw("</td><td>")
            html.text(measure.description)
            html.raw("</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n</section>\n")
    }

    private static func writeSubprocessors(_ html: inout HTMLWriter, facts: AgreementFacts, annotations: [ItemKey: ItemAnnotation]?) {
        let library = facts.library
        open(&html, 3, wide: true)
        if facts.document.subprocessors.isEmpty {
            html.raw("<p>The Processor engages no subprocessor.</p>\n</section>\n")
            return
        }
        html.raw("<p>The Controller authorises the following subprocessors [Art. 28(2), 28(4)].</p>\n")
        html.raw("<table class=\"grid subprocessors\">\n<thead><tr><th scope=\"col\">Subprocessor</th><th scope=\"col\">Address</th><th scope=\"col\">Service</th><th scope=\"col\">Personal data</th><th scope=\"col\">Processing locations</th><th scope=\"col\">Transfer mechanism</th><th scope=\"col\">Contact</th>")
        if annotations != nil { html.raw("<th scope=\"col\">State</th>") }
        html.raw("</tr></thead>\n<tbody>\n")
        for sub in facts.document.subprocessors {
            html.raw("<tr id=\"subprocessor-")
            html.text(sub.id)
            html.raw("\"><td>")
            html.text(sub.name)
            html.raw("</td><td>")
            html.text(postalAddress(sub.address, country: sub.country, library: library))
            html.raw("</td><td>")
            html.text(sub.service)
            if let target = sub.backupFor, let replaced = facts.document.subprocessors.first(where: { $0.id == target && $0.id != sub.id }) {
                html.raw("<br><em>")
                html.text("Approved back-up for \(replaced.name): may replace it at short notice in an emergency")
                html.raw("</em>")
            }
            html.raw("</td><td>")
            html.text(sub.dataCategories.map { library.dataCategory($0)?.label ?? $0 }.joined(separator: "; "))
            html.raw("</td><td>")
            html.text(sub.allCountries.map { countryName($0, library) }.joined(separator: "; "))
            html.raw("</td><td>")
            html.text(mechanismLabel(sub.transferMechanism, countries: sub.allCountries, library: library, tia: sub.tiaReference))
            html.raw("</td><td>")
            html.text(sub.contact.map { [$0.name, $0.email ?? ""].filter { !$0.isBlank }.joined(separator: ", ") } ?? "")
            html.raw("</td>")
            marginCell(&html, annotations, "subprocessor:\(sub.id)")
            html.raw("</tr>\n")
            if let onward = sub.onwardSubprocessors, !onward.isEmpty {
                html.raw(annotations == nil ? "<tr class=\"onward\"><td colspan=\"7\">Its own subprocessors: " : "<tr class=\"onward\"><td colspan=\"8\">Its own subprocessors: ")
                html.text(onward.map { entry in
                    let places = ([entry.country] + (entry.locations ?? [])).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                    return "\(entry.name) (\(places.map { countryName($0, library) }.joined(separator: ", "))): \(entry.service)"
                }.joined(separator: "; "))
                html.raw("</td></tr>\n")
            }
        }
        html.raw("</tbody>\n</table>\n</section>\n")
    }
}
