import TripactCore
import TripactStore

/// The list parts of an agreement as forms: Annex III's measures (`/agreements/:reference/measures`) and Annex IV's
/// subprocessors (`/agreements/:reference/subprocessors`).
enum ListFormPage {
    enum Kind: String { case measures, subprocessors }

    /// What the form shows, in words: the rows of the working copy (or as submitted), what may be added, and the
    /// problems of a refused submission.
    struct Model {
        struct MeasureRow {
            /// The row's place in the document, which its control's id carries.
            let index: Int
            let id: String
            /// A custom measure (not in the catalogue) carries its heading and title in hidden fields.
            let customTitle: String?
            let label: String
            /// The measure's own wording, or the catalogue's where it has none.
            let description: String
        }

        struct Heading {
            let number: Int
            let title: String
            let rows: [MeasureRow]
        }

        struct SubprocessorRow {
            let id: String
            let name: String
            /// The text fields in the form's order: key, label, value.
            let fields: [(key: String, label: String, value: String)]
            /// The catalogue answers as keys; the view names them from the model's lists of choices.
            let country: String
            let transferMechanism: String
            /// Annex II's personal data and any other category the entry has, in words, ticked where the entry has it.
            let dataCategories: [(key: String, label: String, checked: Bool)]
            /// The entry's processing locations, in words; the view adds a select for one more.
            let locations: [(code: String, label: String)]
            /// The other entries this one may back up: id, words, whether chosen.
            let backupFor: [(id: String, label: String, selected: Bool)]
            let adequacyConfirmed: Bool
        }

        let kind: Kind
        let reference: String
        let base: Int
        /// Annex III: the headings that list a measure, in order.
        let headings: [Heading]
        /// Annex III: the catalogue measures not listed yet, and the 17 headings a custom measure may go under.
        let addableMeasures: [(key: String, label: String)]
        let allHeadings: [(number: Int, title: String)]
        /// Annex IV: the rows, and the active register entries not listed yet (id and words).
        let subprocessors: [SubprocessorRow]
        let pickable: [(id: String, label: String)]
        /// Annex IV's choices in words, shared by its rows: countries by name, transfer mechanisms by label.
        let countries: [(code: String, label: String)]
        let transferMechanisms: [(key: String, label: String)]
        let message: String
        let errors: [String]

        var title: String { kind == .measures ? "Annex III — Technical and organisational measures" : "Annex IV — Subprocessors" }

        /// The form filled from the side's working copy.
        static func load(store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, reference: String, kind: Kind) throws -> Model {
            let working = try Proposals.working(store: store, session: session, reference: reference)
            return try load(store: store, library: library, reference: reference, kind: kind, base: working.number, document: working.document, message: "", errors: [])
        }

        /// The form for `document`: as loaded, or as submitted and refused. Annex IV reads the processor's register.
        static func load(
            store: TripactStore, library: ClauseLibrary, reference: String, kind: Kind, base: Int, document: AgreementDocument, message: String, errors: [String]
        ) throws -> Model {
            switch kind {
            case .measures:
                let facts = AgreementFacts(document: document, library: library)
                let headings = (1...17).compactMap { number -> Heading? in
                    let rows = document.measures.enumerated().filter { ($0.element.heading ?? library.measure($0.element.id)?.heading) == number }.map { index, measure in
                        let catalogue = library.measure(measure.id)
                        return MeasureRow(
                            index: index, id: measure.id, customTitle: catalogue == nil ? measure.title ?? "" : nil, label: measure.title ?? catalogue?.title ?? measure.id,
                            description: facts.measureDescription(measure)
                        )
                    }
                    return rows.isEmpty ? nil : Heading(number: number, title: library.headings[number] ?? "", rows: rows)
                }
                let listed = Set(document.measures.map(\.id))
                return Model(
                    kind: kind, reference: reference, base: base, headings: headings,
                    addableMeasures: library.measures.filter { !listed.contains($0.key) }.map { ($0.key, "\($0.heading). \($0.title)") },
                    allHeadings: (1...17).map { ($0, library.headings[$0] ?? "") }, subprocessors: [], pickable: [], countries: [], transferMechanisms: [], message: message, errors: errors
                )
            case .subprocessors:
                let register = try ListFormController.pickableEntries(store: store, reference: reference)
                // The personal data an entry may process is what Annex II lists (a fresh draft lists none: then the whole
                // catalogue); a category the entry has beyond it stays shown, so that it can be seen and unticked.
                let annex2 = document.processing.dataCategories.map(\.category) + document.processing.specialCategories.map(\.category)
                let offered = annex2.isEmpty ? library.dataCategories.map(\.key) : annex2.map(library.currentCategoryKey)
                let rows = document.subprocessors.map { sub in
                    let has = Set(sub.dataCategories.map(library.currentCategoryKey))
                    let keys = offered + sub.dataCategories.map(library.currentCategoryKey).filter { !offered.contains($0) }
                    return SubprocessorRow(
                        id: sub.id, name: sub.name, fields: subprocessorFields(sub), country: sub.country, transferMechanism: sub.transferMechanism,
                        dataCategories: keys.uniqued().map { ($0, library.dataCategory($0)?.label ?? $0, has.contains($0)) },
                        locations: sub.locations.map { ($0, library.countryName($0)) },
                        backupFor: document.subprocessors.filter { $0.id != sub.id }.map { ($0.id, "back-up for \($0.name)", $0.id == sub.backupFor) },
                        adequacyConfirmed: sub.adequacyConfirmed == true
                    )
                }
                let listed = Set(document.subprocessors.map(\.id))
                return Model(
                    kind: kind, reference: reference, base: base, headings: [], addableMeasures: [], allHeadings: [], subprocessors: rows,
                    pickable: register.filter { !listed.contains($0.id) }.map { ($0.id, "\($0.name) (\(library.countryName($0.country))): \($0.description)") },
                    countries: library.countries.map { ($0.code, $0.name) }, transferMechanisms: library.transferMechanisms.map { ($0.key, $0.label) },
                    message: message, errors: errors
                )
            }
        }

        private static func subprocessorFields(_ sub: Subprocessor) -> [(key: String, label: String, value: String)] {
            ListFormController.subprocessorFields.map { key, label in
                let value: String
                switch key {
                case "name": value = sub.name
                case "address": value = sub.address
                case "service": value = sub.service
                default: value = sub.tiaReference ?? ""
                }
                return (key, label, value)
            }
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    fileprivate func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
