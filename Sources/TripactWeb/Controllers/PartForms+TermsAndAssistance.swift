import TripactCore

/// The text fields of the agreement's terms and of Annex III's second part (assistance to the controller).
extension PartForms {
    static func terms() -> [TextField] {
        [
            TextField(
                key: "title", label: "Title", multiline: false, get: { $0.title }, set: { $0.title = $1 },
                problem: { $0.isEmpty ? "the agreement needs a title; change it instead of clearing it" : TextLimit.exceeds($0, 300) ? "at most 300 characters" : nil }
            ),
            TextField(
                key: "effectiveDate", label: "Effective date (YYYY-MM-DD)", multiline: false, get: { $0.effectiveDate ?? "" },
                set: { $0.effectiveDate = $1.isEmpty ? nil : $1 },
                problem: { $0.isEmpty || CalendarDate($0) != nil ? nil : "enter a date as YYYY-MM-DD, for example 2027-01-31" }
            ),
            TextField(key: "mainAgreement", label: "Main agreement (the services contract this agreement belongs to)", multiline: true,
                      get: { $0.mainAgreement }, set: { $0.mainAgreement = $1 }),
            TextField(key: "commercial.assistanceFees", label: "Commercial terms: how the processor's assistance is charged", multiline: true,
                      get: { $0.commercial.assistanceFees ?? "" }, set: { $0.commercial.assistanceFees = $1.isEmpty ? nil : $1 }),
            TextField(key: "commercial.notes", label: "Commercial terms: notes", multiline: true,
                      get: { $0.commercial.notes ?? "" }, set: { $0.commercial.notes = $1.isEmpty ? nil : $1 }),
        ]
    }

    /// One field per duty the processor assists with. The document may hold several entries for one area; the form
    /// shows them as one text and saving it replaces them with that one entry, in the place of the first.
    static func assistance() -> [TextField] {
        AssistanceArea.allCases.map { area in
            TextField(
                key: area.rawValue, label: area.label, multiline: true,
                get: { document in document.assistanceMeasures.filter { $0.area == area }.map(\.description).joined(separator: "\n\n") },
                set: { document, value in
                    let position = document.assistanceMeasures.firstIndex { $0.area == area } ?? document.assistanceMeasures.count
                    document.assistanceMeasures.removeAll { $0.area == area }
                    if !value.isEmpty {
                        document.assistanceMeasures.insert(AssistanceMeasure(area: area, description: value), at: min(position, document.assistanceMeasures.count))
                    }
                }
            )
        }
    }
}
