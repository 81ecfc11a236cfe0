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
                    allHeadings: (1...17).map { ($0, library.headings[$0] ?? "") }, subprocessors: [], pickable: [], message: message, errors: errors
                )
            case .subprocessors:
                let register = try ListFormController.pickableEntries(store: store, reference: reference)
                let rows = document.subprocessors.map { sub in
                    SubprocessorRow(
                        id: sub.id, name: sub.name, fields: subprocessorFields(sub),
                        backupFor: document.subprocessors.filter { $0.id != sub.id }.map { ($0.id, "back-up for \($0.name)", $0.id == sub.backupFor) },
                        adequacyConfirmed: sub.adequacyConfirmed == true
                    )
                }
                let listed = Set(document.subprocessors.map(\.id))
                return Model(
                    kind: kind, reference: reference, base: base, headings: [], addableMeasures: [], allHeadings: [], subprocessors: rows,
                    pickable: register.filter { !listed.contains($0.id) }.map { ($0.id, "\($0.name) (\($0.country)): \($0.description)") }, message: message,
                    errors: errors
                )
            }
        }

        private static func subprocessorFields(_ sub: Subprocessor) -> [(key: String, label: String, value: String)] {
            ListFormController.subprocessorFields.map { key, label in
                let value: String
                switch key {
                case "name": value = sub.name
                case "address": value = sub.address
                case "country": value = sub.country
                case "service": value = sub.service
                case "dataCategories": value = sub.dataCategories.joined(separator: ", ")
                case "locations": value = sub.locations.joined(separator: ", ")
                case "transferMechanism": value = sub.transferMechanism
                default: value = sub.tiaReference ?? ""
                }
                return (key, label, value)
            }
        }
    }
}
