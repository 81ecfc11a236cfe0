import TripactCore
import TripactStore

/// A form made of text fields (Annex I: the parties; Annex V; the terms; Annex III's assistance), at its route.
enum FieldFormPage {
    /// What the form shows: each field's label and value, from the side's working copy or as submitted, and the
    /// problems of a refused submission by field key (`message` for the message).
    struct Model {
        struct Field {
            let key: String
            let label: String
            let multiline: Bool
        }

        let title: String
        let route: SiteRoute
        let reference: String
        /// The head's number, which the form sends back as its base.
        let base: Int
        let fields: [Field]
        let values: [String: String]
        let message: String
        let errors: [String: String]

        /// The fields filled from the side's working copy: its draft when it has one, else the head.
        static func load(
            store: TripactStore, session: TripactStore.Session, reference: String, route: SiteRoute, title: String, fields: [TextField]
        ) throws -> Model {
            let working = try Proposals.working(store: store, session: session, reference: reference)
            let values = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.get(working.document)) })
            return submitted(reference: reference, route: route, title: title, fields: fields, base: working.number, values: values, message: "", errors: [:])
        }

        /// The form as submitted and refused, or as loaded (no errors).
        static func submitted(
            reference: String, route: SiteRoute, title: String, fields: [TextField], base: Int, values: [String: String], message: String,
            errors: [String: String]
        ) -> Model {
            Model(
                title: title, route: route, reference: reference, base: base, fields: fields.map { Field(key: $0.key, label: $0.label, multiline: $0.multiline) },
                values: values, message: message, errors: errors
            )
        }
    }
}
