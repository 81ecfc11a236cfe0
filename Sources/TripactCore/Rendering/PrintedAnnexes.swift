/// Annexes I–IV as structured text (headings, sentences and tables in the printed words), for writers other than the
/// HTML renderer (the Word export). Labels, country names and transfer mechanisms come from the same helpers the
/// HTML annexes use, so both print the same words.
public struct PrintedAnnex: Sendable {
    public let title: String
    /// Annex IV's table is wide: a writer may print it across the page (landscape).
    public let wide: Bool
    public let blocks: [PrintedBlock]
}

public enum PrintedBlock: Sendable {
    case heading(String)
    case paragraph(String)
    case table(PrintedTable)
}

/// A table: `header` is nil for a label/value table, whose first cell of each row is its label.
public struct PrintedTable: Sendable {
    public let caption: String?
    public let header: [String]?
    public let rows: [[String]]

    public init(caption: String?, header: [String]?, rows: [[String]]) {
        self.caption = caption
        self.header = header
        self.rows = rows
    }
}

extension AgreementFacts {
    public func printedAnnexes() -> [PrintedAnnex] {
        [partiesAnnex(), processingAnnex(), measuresAnnex(), subprocessorsAnnex()]
    }

    private func labelled(_ pairs: [(String, String?)]) -> [[String]] {
        pairs.compactMap { label, value in value.flatMap { $0.isBlank ? nil : [label, $0] } }
    }

    private func partiesAnnex() -> PrintedAnnex {
        let blocks = PartyRole.allCases.map { role -> PrintedBlock in
            let party = document.parties[role]
            return .table(PrintedTable(caption: role == .controller ? "Controller" : "Processor", header: nil, rows: labelled([
                ("Name", party.name), ("Registration", party.registration), ("Address", party.address),
                ("Country", AnnexRenderer.countryName(party.country, library)),
                ("Contact person", AnnexRenderer.contactLine(party.contact)), ("Data protection officer", AnnexRenderer.contactLine(party.dpo)),
                ("EU representative", AnnexRenderer.contactLine(party.euRepresentative)),
                ("Signatory", party.signatory.map { "\($0.name), \($0.position)" }),
            ])))
        }
        return PrintedAnnex(title: AnnexRenderer.titles[0].title, wide: false, blocks: blocks)
    }

    private func processingAnnex() -> PrintedAnnex {
        let processing = document.processing
        var facts: [(String, String?)] = [
            ("Subject matter", processing.subjectMatter), ("Duration", processing.duration), ("Nature", processing.nature),
            ("Operations", processing.operations.map { library.operationLabel($0) }.joined(separator: "; ")),
            ("Data subjects", processing.dataSubjects.map { library.dataSubjectLabel($0) }.joined(separator: "; ")),
            ("Channels", processing.channels.map { library.channel($0)?.label ?? $0 }.joined(separator: "; ")),
        ]
        if let services = processing.services, !services.isEmpty {
            facts.append(("Services used", services.map { library.service($0)?.label ?? $0 }.joined(separator: "; ")))
        }
        facts += [
            ("Calls recorded", processing.callRecording ? "Yes" : "No"), ("Payment cards taken", processing.cardPayments ? "Yes" : "No"),
            ("Frequency", processing.frequency), ("Retention", processing.retention),
        ]
        var blocks: [PrintedBlock] = [.table(PrintedTable(caption: nil, header: nil, rows: labelled(facts)))]
        blocks.append(.heading("Purposes and the data each needs"))
        blocks.append(.table(PrintedTable(caption: nil, header: ["Purpose", "Description", "Data categories"], rows: processing.purposes.map { entry in
            var description = entry.description ?? library.purpose(entry.purpose)?.description ?? ""
            if entry.effectiveRole != .onBehalf { description += (description.isEmpty ? "" : "\n") + AnnexRenderer.roleLine(entry, facts: self) }
            return [library.purposeLabel(entry.purpose), description, entry.dataCategories.map { library.dataCategory($0)?.label ?? $0 }.joined(separator: "; ")]
        })))
        blocks.append(.heading("Personal data"))
        blocks.append(.table(PrintedTable(caption: nil, header: ["Category", "Note"], rows: processing.dataCategories.map {
            [library.dataCategory($0.category)?.label ?? $0.category, $0.note ?? ""]
        })))
        blocks.append(.heading("Sensitive data and the safeguards applied"))
        if processing.specialCategories.isEmpty {
            blocks.append(.paragraph("No special-category (Art. 9) or criminal-offence (Art. 10) data is processed."))
        } else {
            blocks.append(.table(PrintedTable(caption: nil, header: ["Category", "Safeguards"], rows: processing.specialCategories.map {
                [library.dataCategory($0.category)?.label ?? $0.category, $0.safeguards]
            })))
        }
        blocks.append(.heading("Delivery locations"))
        blocks.append(.table(PrintedTable(caption: nil, header: ["Site", "Country", "Entity", "Home working", "Transfer mechanism"], rows: processing.deliveryLocations.map {
            [
                $0.site, AnnexRenderer.countryName($0.country, library), $0.entity ?? "the Processor", $0.homeWorking ? "Yes" : "No",
                AnnexRenderer.mechanismLabel($0.transferMechanism, countries: [$0.country], library: library, tia: $0.tiaReference),
            ]
        })))
        return PrintedAnnex(title: AnnexRenderer.titles[1].title, wide: false, blocks: blocks)
    }

    private func measuresAnnex() -> PrintedAnnex {
        var blocks: [PrintedBlock] = [.paragraph("The Processor takes the following measures [Art. 28(3)(c), Art. 32]. They are grouped under the headings of security measures.")]
        var byHeading: [Int: [MeasureEntry]] = [:]
        for entry in document.measures { byHeading[entry.heading ?? library.measure(entry.id)?.heading ?? 0, default: []].append(entry) }
        var counter = 0
        for heading in byHeading.keys.sorted() {
            let name = library.headings[heading] ?? "Other measures"
            blocks.append(.heading(heading > 0 ? "\(heading). \(name)" : name))
            blocks.append(.table(PrintedTable(caption: nil, header: ["No.", "Measure", "What is done"], rows: (byHeading[heading] ?? []).map { entry in
                counter += 1
                return ["M\(counter)", entry.title ?? library.measure(entry.id)?.title ?? entry.id, measureDescription(entry)]
            })))
        }
        blocks.append(.heading("Measures by which the Processor assists the Controller"))
        blocks.append(.table(PrintedTable(caption: nil, header: ["Duty", "How the Processor assists"], rows: document.assistanceMeasures.map { [$0.area.label, $0.description] })))
        return PrintedAnnex(title: AnnexRenderer.titles[2].title, wide: false, blocks: blocks)
    }

    private func subprocessorsAnnex() -> PrintedAnnex {
        let title = AnnexRenderer.titles[3].title
        guard !document.subprocessors.isEmpty else { return PrintedAnnex(title: title, wide: true, blocks: [.paragraph("The Processor engages no subprocessor.")]) }
        let subprocessors = document.subprocessors
        let rows = subprocessors.map { sub -> [String] in
            var service = sub.service
            if let target = sub.backupFor, let replaced = subprocessors.first(where: { $0.id == target && $0.id != sub.id }) {
                service += "\nApproved back-up for \(replaced.name): may replace it at short notice in an emergency"
            }
            if let onward = sub.onwardSubprocessors, !onward.isEmpty {
                service += "\nIts own subprocessors: " + onward.map { entry in
                    let places = ([entry.country] + (entry.locations ?? [])).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                    return "\(entry.name) (\(places.map { AnnexRenderer.countryName($0, library) }.joined(separator: ", "))): \(entry.service)"
                }.joined(separator: "; ")
            }
            return [
                sub.name, AnnexRenderer.postalAddress(sub.address, country: sub.country, library: library), service,
                sub.dataCategories.map { library.dataCategory($0)?.label ?? $0 }.joined(separator: "; "),
                sub.allCountries.map { AnnexRenderer.countryName($0, library) }.joined(separator: "; "),
                AnnexRenderer.mechanismLabel(sub.transferMechanism, countries: sub.allCountries, library: library, tia: sub.tiaReference),
                sub.contact.map { [$0.name, $0.email ?? ""].filter { !$0.isBlank }.joined(separator: ", ") } ?? "",
            ]
        }
        return PrintedAnnex(title: title, wide: true, blocks: [
            .paragraph("The Controller authorises the following subprocessors [Art. 28(2), 28(4)]."),
            .table(PrintedTable(caption: nil, header: ["Subprocessor", "Address", "Service", "Personal data", "Processing locations", "Transfer mechanism", "Contact"], rows: rows)),
        ])
    }
}
