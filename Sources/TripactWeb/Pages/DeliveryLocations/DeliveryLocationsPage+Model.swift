import TripactCore
import TripactStore

/// The delivery locations of Annex II as one form (`/agreements/:reference/locations`).
enum DeliveryLocationsPage {
    /// What the form shows: each location's values (stored, or as submitted with its remove box), the "add" row, the
    /// catalogue choices in words, and the problems of a refused submission by field name (`l.0.country`, `new.site`).
    struct Model {
        struct Row {
            let id: String
            /// The legend: the site, shortened.
            let legend: String
            let values: [String: String]
            let removed: Bool
        }

        let reference: String
        let base: Int
        let rows: [Row]
        let added: [String: String]
        let countries: [(code: String, label: String)]
        let transferMechanisms: [(key: String, label: String)]
        let message: String
        let errors: [String: String]

        /// The form filled from the side's working copy.
        static func load(store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, reference: String) throws -> Model {
            let working = try Proposals.working(store: store, session: session, reference: reference)
            return make(
                library: library, reference: reference, base: working.number, rows: working.document.processing.deliveryLocations.map { ($0, false) }, added: [:],
                message: "", errors: [:]
            )
        }

        /// The form with these rows: as loaded, or as submitted and refused (every row as entered, its remove box kept).
        static func make(
            library: ClauseLibrary, reference: String, base: Int, rows: [(location: DeliveryLocation, removed: Bool)], added: [String: String], message: String,
            errors: [String: String]
        ) -> Model {
            Model(
                reference: reference, base: base,
                rows: rows.map { row in
                    let site = row.location.site
                    return Row(id: row.location.id, legend: site.count > 60 ? String(site.prefix(60)) + "…" : site, values: values(row.location), removed: row.removed)
                },
                added: added, countries: library.countries.map { ($0.code, "\($0.name) (\($0.code))") },
                transferMechanisms: library.transferMechanisms.map { ($0.key, $0.label) }, message: message, errors: errors
            )
        }

        /// A location's fields as the form shows them.
        static func values(_ location: DeliveryLocation) -> [String: String] {
            [
                "site": location.site, "country": location.country, "entity": location.entity ?? "", "homeWorking": location.homeWorking ? "yes" : "no",
                "transferMechanism": location.transferMechanism ?? DeliveryLocationController.none,
                "adequacyConfirmed": location.adequacyConfirmed == true ? "yes" : "no", "tiaReference": location.tiaReference ?? "",
            ]
        }
    }
}
